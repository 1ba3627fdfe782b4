// The in-memory Workspace with dist/Code.js installed on it (dev/driver.ts: a standalone project
// and its two deployments), and the few things the playground does with it as a person would:
// run a function of the bundle, fill in the Form, let time pass.
import { asUser, installProduct, registerOf } from '../driver';
import type { CreatedWorkspace, WorkspaceState } from '../workspace/index';
import type { LoadedBundle } from '../workspace/bundle';

export const FORM_ID_PROPERTY = 'agora.formId';
export const CALENDAR_ID_PROPERTY = 'agora.calendarId';

export interface FormAnswers {
  dates: string[];
  /** The text of the location choice. */
  location: string;
  note: string;
}

export class WorkspaceHandle {
  readonly workspace: CreatedWorkspace;
  readonly bundle: LoadedBundle;

  constructor(opts: { codePath: string; owner?: string; nowMs?: number; state?: WorkspaceState }) {
    const installed = installProduct(opts);
    this.workspace = installed.workspace;
    this.bundle = installed.bundle;
  }

  get ws() {
    return this.workspace.ws;
  }
  get globals() {
    return this.workspace.globals;
  }
  get state(): WorkspaceState {
    return this.workspace.state;
  }
  get owner(): string {
    return this.workspace.ws.owner;
  }

  hasFunction(name: string): boolean {
    return this.bundle.functionNames.includes(name);
  }

  /** Runs a top-level function of the bundle as `user` from the script editor (the owner only). */
  run(user: string, name: string, ...args: unknown[]): unknown {
    return this.bundle.run(user, name, ...args);
  }

  /** Calls a function as google.script.run does from the web app's page, for `user` signed in. */
  callFromClient(user: string, name: string, args: unknown[]): unknown {
    return this.bundle.callFromClient(user, name, ...args);
  }

  /** Calls the fake services directly as `user` (a person in front of Sheets, not a script). */
  asUser<T>(user: string, fn: () => T): T {
    return asUser(this.workspace, user, fn);
  }

  scriptProperty(key: string): string | null {
    return this.globals.PropertiesService.getScriptProperties().getProperty(key);
  }

  /** The register setup made, opened as the owner. */
  spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return registerOf(this.workspace);
  }

  formId(): string | null {
    const id = this.scriptProperty(FORM_ID_PROPERTY);
    return id && this.state.forms.forms[id] ? id : null;
  }

  /** Lets the clock triggers whose time has come run (missed runs coalesce, as in Google). */
  runDueTimers(): void {
    this.workspace.testing.runDueTimeTriggers();
  }

  /**
   * `user` fills in the Form as a person does: answers by item id, text as typed. Returns the
   * response id and the failures of the triggers it ran (their messages).
   */
  submitAnswers(
    user: string,
    answers: Record<string, string | string[]>,
  ): { responseId: string; failures: string[] } {
    const formId = this.formId();
    if (!formId) throw new Error('Il modulo non esiste ancora: esegui Configura.');
    const { responseId, executions } = this.workspace.testing.forms.submit(formId, user, answers);
    return {
      responseId,
      failures: executions
        .filter((e) => e.status !== 'completed')
        .map((e) => `${e.functionName}: ${e.error}`),
    };
  }

  /** Fills in the Form by meaning (for the seed): dates in the date items, in order, etc. */
  submitForm(user: string, answers: FormAnswers): { responseId: string; failures: string[] } {
    const formId = this.formId();
    if (!formId) throw new Error('Il modulo non esiste ancora: esegui Configura.');
    const items = this.state.forms.forms[formId].items;
    const byId: Record<string, string | string[]> = {};
    const dateItems = items.filter((i) => i.type === 'DATE');
    answers.dates.forEach((d, i) => {
      if (dateItems[i]) byId[String(dateItems[i].id)] = d;
    });
    const list = items.find((i) => i.type === 'LIST');
    if (list) byId[String(list.id)] = answers.location;
    const note = items.find((i) => i.type === 'PARAGRAPH_TEXT');
    if (note && answers.note) byId[String(note.id)] = answers.note;
    return this.submitAnswers(user, byId);
  }

  serialise(): string {
    return JSON.stringify(this.state);
  }
}
