// What the pages need from the Workspace, read through the fake Google services (the same
// ones the bundle uses), and the actions, each a top-level function of the bundle or what a
// person does in front of Google (fill in the Form, let time pass). The state is saved to a
// file after every change and loaded at start, unless --reset.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { addDays, parseIsoDate, type IsoDate } from '../../src/domain/dates';
import { outboxOf } from '../driver';
import { toRomeLocal } from '../../src/domain/rome-time';
import type { WorkspaceState } from '../workspace/index';
import { mailboxOf } from '../workspace/gmail';
import { readDocument, type DocParagraph } from '../workspace/document';
import { ACCESS_LEVEL, GOOGLE_MIME } from '../workspace/drive';
import type { SentMail } from '../workspace/mail';
import { buildDemoOrganisation, DEMO_TODAY, DEMO_TODAY_MINUTES, HR_ACCOUNT } from './demo-org';
import type { CalendarEventView, FormView, MailView, PersonOption, ResultDayView, SheetView } from './pages';
import { romeMs, seedWorkspace, type SeedSummary } from './seed';
import { CALENDAR_ID_PROPERTY, WorkspaceHandle } from './workspace-handle';

export interface BackendOptions {
  /** Where the Workspace is saved (git-ignored `.playground/state.json`). */
  stateFile: string;
  /** Start clean: seed a new Workspace even if the state file exists. */
  reset?: boolean;
  /** The built bundle. */
  codePath: string;
  log?: (message: string) => void;
  /**
   * The project's root (default: the current directory): the sources that make the seed
   * (dev/playground, dev/workspace) are part of the seed cache's key.
   */
  sourceRoot?: string;
  /** Where the copy of the freshly seeded Workspace is kept (default: beside the state file). */
  seedCacheFile?: string;
}

export interface Backend {
  /** True when this start seeded a new Workspace (false: loaded from the state file). */
  readonly seeded: SeedSummary | null;
  readonly handle: WorkspaceHandle;
  nowMs(): number;
  setNow(ms: number): void;
  defaultUser(): string;
  people(): { group: string; options: PersonOption[] }[];
  hasFunction(name: string): boolean;
  /** google.script.run: a top-level function called from a page, as `user`. */
  run(user: string, name: string, args: unknown[]): unknown;
  /** The add-on runs a function as `user` (in their side panel). */
  runAddOn(user: string, name: string, event?: unknown): unknown;
  form(): FormView | null;
  /** Submits the Form as `user`; `field(name)` gives the posted values of a page field. */
  submitForm(user: string, field: (name: string) => string[]): string;
  responseDays(responseId: string): ResultDayView[];
  sheets(): SheetView[];
  calendar(month: string, owner?: string): { name: string; events: CalendarEventView[] } | null;
  mail(): { sent: MailView[]; queued: { sendAt: string; to: string; subject: string; body: string }[] };
  /** Runs `name` as `user` and returns the HTML it showed (sidebar, dialog) or returned. */
  htmlOutput(user: string, name: string, parameter?: Record<string, string>): string | null;
  /** The web app's doGet answering with a file (ContentService): its text, type and name. */
  webFile(
    user: string,
    parameter: Record<string, string>,
  ): { content: string; mimeType: string; fileName: string | null } | null;
  /** The manifest deployed with the bundle (appsscript.json beside it), or null if unreadable. */
  manifest(): unknown;
  /** The messages in `user`'s Gmail (what MailApp sent to or by them), newest first. */
  mailbox(user: string): SentMail[];
  /** A Drive file as `user` opens it in Docs or Drive's viewer: null when missing or not theirs to see. */
  driveFile(user: string, id: string): DriveFileView | null;
  /** The shared calendar «Smart working» (the script property setup writes), or null before setup. */
  teamCalendarId(): string | null;
  /** Events of a calendar between two instants as `user` reads them (Calendar API; throws its errors). */
  calendarEventsAs(user: string, calendarId: string, fromMs: number, toMs: number): CalendarApiEvent[];
  /** One event of a calendar as `user` reads it (Calendar API; throws its errors). */
  calendarEventAs(user: string, calendarId: string, eventId: string): CalendarApiEvent;
  save(): void;
}

export type CalendarApiEvent = GoogleAppsScript.Calendar.Schema.Event;

export interface DriveFileView {
  name: string;
  mimeType: string;
  /** A Google Doc's paragraphs; null for other files. */
  paragraphs: DocParagraph[] | null;
  /** Another file's text content (the in-memory Drive keeps text). */
  text: string | null;
}

export async function openBackend(options: BackendOptions): Promise<Backend> {
  const log = options.log ?? (() => undefined);
  let handle: WorkspaceHandle | null = null;
  let seeded: SeedSummary | null = null;
  if (!options.reset && existsSync(options.stateFile)) {
    try {
      const state = JSON.parse(readFileSync(options.stateFile, 'utf8')) as WorkspaceState;
      handle = new WorkspaceHandle({ codePath: options.codePath, state });
      log(`Stato caricato da ${options.stateFile}.`);
    } catch (e) {
      log(
        `Stato in ${options.stateFile} illeggibile (${(e as Error).message}): riparto dai dati dimostrativi.`,
      );
      handle = null;
    }
  }
  if (!handle) {
    // The seed is deterministic: the same bundle, the same demo data and the same seed and fake
    // Workspace code give the same Workspace, so a copy is kept beside the state and reused by
    // the next clean start. A change to any of them makes a new key.
    const org = buildDemoOrganisation();
    const cacheFile = options.seedCacheFile ?? join(dirname(options.stateFile), 'seed-cache.json');
    const hash = createHash('sha256')
      .update(SEED_VERSION)
      .update(readFileSync(options.codePath))
      .update(JSON.stringify(org));
    for (const [file, text] of seedSources(options.sourceRoot ?? process.cwd()))
      hash.update(file).update(text);
    const key = hash.digest('hex');
    const cached = readSeedCache(cacheFile, key);
    if (cached) {
      handle = new WorkspaceHandle({ codePath: options.codePath, state: cached.state });
      seeded = cached.summary;
      log('Organizzazione dimostrativa ripresa dalla copia fatta al primo avvio con questo bundle.');
    } else {
      handle = new WorkspaceHandle({
        codePath: options.codePath,
        owner: HR_ACCOUNT,
        nowMs: romeMs(DEMO_TODAY, DEMO_TODAY_MINUTES),
      });
      log('Creo l\u2019organizzazione dimostrativa dell\u2019Unione delle Terre d\u2019Argine…');
      seeded = seedWorkspace(handle, org);
      writeAtomically(cacheFile, JSON.stringify({ key, summary: seeded, state: handle.state }));
    }
    log(
      `${cached ? 'Pronta' : `Pronta in ${(seeded.ms / 1000).toFixed(1)} s`}: ${seeded.organisations} enti, ${seeded.employees} dipendenti, ` +
        `${seeded.managers} responsabili, ${seeded.agreements} accordi, ${seeded.sites} sedi condivise, ` +
        `${seeded.requests} richieste, ${seeded.decisions} decisioni.`,
    );
    if (seeded.failures.length)
      log(
        `Attenzione: decisioni o annullamenti non riusciti (le giornate restano come erano):\n  ${seeded.failures.join('\n  ')}`,
      );
  }
  const backend = new WorkspaceBackend(handle, options.stateFile, seeded, options.codePath);
  backend.save();
  return backend;
}

/** Bump when the seed changes in a way its sources do not show (they are hashed too). */
const SEED_VERSION = 'seed-2';

/** The sources (under the project root) that decide what the seed produces. */
const SEED_SOURCES = {
  dev: ['driver.ts'],
  'dev/playground': ['seed.ts', 'demo-org.ts', 'workspace-handle.ts'],
  'dev/workspace': null, // every file: the fake Google services
};

/** The seed's sources by path, when the project's sources are there (none otherwise). */
export function seedSources(root: string): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const [dir, only] of Object.entries(SEED_SOURCES)) {
    let names: string[];
    try {
      names = only ?? readdirSync(join(root, dir)).filter((n) => n.endsWith('.ts'));
    } catch {
      continue;
    }
    for (const name of [...names].sort()) {
      const path = join(root, dir, name);
      if (existsSync(path)) out.push([`${dir}/${name}`, readFileSync(path)]);
    }
  }
  return out;
}

function readSeedCache(file: string, key: string): { summary: SeedSummary; state: WorkspaceState } | null {
  if (!existsSync(file)) return null;
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as {
      key?: string;
      summary: SeedSummary;
      state: WorkspaceState;
    };
    return cache.key === key ? cache : null;
  } catch {
    return null;
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

class WorkspaceBackend implements Backend {
  private readonly featured = buildDemoOrganisation().featured;

  constructor(
    readonly handle: WorkspaceHandle,
    private readonly stateFile: string,
    readonly seeded: SeedSummary | null,
    private readonly codePath: string,
  ) {}

  nowMs(): number {
    return this.handle.ws.nowMs;
  }

  setNow(ms: number): void {
    this.handle.ws.nowMs = ms;
    this.handle.runDueTimers();
    this.save();
  }

  defaultUser(): string {
    return this.featured[0]?.email ?? this.handle.owner;
  }

  hasFunction(name: string): boolean {
    return this.handle.hasFunction(name);
  }

  run(user: string, name: string, args: unknown[]): unknown {
    try {
      return this.handle.callFromClient(user, name, args);
    } finally {
      this.save();
    }
  }

  runAddOn(user: string, name: string, event?: unknown): unknown {
    try {
      return this.handle.bundle.runAddOn(user, name, event);
    } finally {
      this.save();
    }
  }

  save(): void {
    writeAtomically(this.stateFile, this.handle.serialise());
  }

  // ---- people -------------------------------------------------------------------------------

  people(): { group: string; options: PersonOption[] }[] {
    const responsabili = this.records('Responsabili');
    const dipendenti = this.records('Dipendenti');
    const nameOf = new Map(dipendenti.map((d) => [d.Email?.toLowerCase(), d['Nome e cognome']]));
    const sectorOf = new Map(dipendenti.map((d) => [d.Email?.toLowerCase(), `${d.Settore}, ${d.Ente}`]));
    const hr: PersonOption[] = [];
    const managers: PersonOption[] = [];
    for (const row of responsabili) {
      const email = (row.Email ?? '').trim().toLowerCase();
      if (!email) continue;
      const name = row.Nome || nameOf.get(email) || email;
      if ((row['Servizio personale'] ?? '').trim().toLowerCase() === 'sì')
        hr.push({ email, label: `${name} (${email})` });
      else
        managers.push({
          email,
          label: sectorOf.has(email) ? `${name} \u2014 ${sectorOf.get(email)}` : `${name} (vertice)`,
        });
    }
    const present = new Set(dipendenti.map((d) => (d.Email ?? '').toLowerCase()));
    const employees = this.featured.filter((f) => present.has(f.email));
    return [
      { group: 'Servizio personale', options: hr },
      { group: 'Dipendenti (esempi)', options: employees },
      { group: 'Responsabili', options: managers },
    ].filter((g) => g.options.length);
  }

  /** The rows of a hand-kept sheet as records by header (display values). */
  private records(sheetName: string): Record<string, string>[] {
    const sheet = this.handle.asUser(this.handle.owner, () =>
      this.handle.spreadsheet().getSheetByName(sheetName),
    );
    if (!sheet) return [];
    const [header, ...rows] = sheet.getDataRange().getDisplayValues();
    return rows
      .filter((r) => r.some((c) => c !== ''))
      .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  }

  // ---- the Form -----------------------------------------------------------------------------

  form(): FormView | null {
    const id = this.handle.formId();
    if (!id) return null;
    const form = this.handle.globals.FormApp.openById(id);
    return {
      title: form.getTitle(),
      description: form.getDescription(),
      collectsEmail: form.collectsEmail(),
      accepting: form.isAcceptingResponses(),
      items: form.getItems().map((item) => {
        const type = String(item.getType());
        const choices =
          type === 'LIST'
            ? item.asListItem().getChoices()
            : type === 'MULTIPLE_CHOICE'
              ? item.asMultipleChoiceItem().getChoices()
              : type === 'CHECKBOX'
                ? item.asCheckboxItem().getChoices()
                : [];
        const required =
          type === 'DATE'
            ? item.asDateItem().isRequired()
            : type === 'LIST'
              ? item.asListItem().isRequired()
              : type === 'MULTIPLE_CHOICE'
                ? item.asMultipleChoiceItem().isRequired()
                : type === 'CHECKBOX'
                  ? item.asCheckboxItem().isRequired()
                  : type === 'TEXT'
                    ? item.asTextItem().isRequired()
                    : type === 'PARAGRAPH_TEXT'
                      ? item.asParagraphTextItem().isRequired()
                      : false;
        return {
          field: `item-${item.getId()}`,
          type,
          title: item.getTitle(),
          helpText: item.getHelpText(),
          required,
          choices: choices.map((c) => c.getValue()),
        };
      }),
    };
  }

  submitForm(user: string, field: (name: string) => string[]): string {
    const form = this.form();
    if (!form) throw new Error('Il modulo non esiste ancora: esegui Configura.');
    if (!form.accepting) throw new Error('Il modulo non accetta più risposte.');
    // What Google Forms itself checks before accepting a response.
    const answers: Record<string, string | string[]> = {};
    for (const item of form.items) {
      const values = field(item.field)
        .map((v) => v.trim())
        .filter((v) => v !== '');
      if (item.required && !values.length) throw new Error(`Questa domanda è obbligatoria: «${item.title}».`);
      if (!values.length) continue;
      if (item.type === 'DATE' && !parseIsoDate(values[0]))
        throw new Error(`«${item.title}»: inserisci una data valida.`);
      if (
        (item.type === 'LIST' || item.type === 'MULTIPLE_CHOICE' || item.type === 'CHECKBOX') &&
        values.some((v) => !item.choices.includes(v))
      )
        throw new Error(`«${item.title}»: scegli una delle opzioni.`);
      answers[item.field.slice('item-'.length)] = item.type === 'CHECKBOX' ? values : values[0];
    }
    try {
      const { responseId, failures } = this.handle.submitAnswers(user, answers);
      for (const f of failures) console.warn(`Attivatore non riuscito: ${f}`);
      return responseId;
    } finally {
      this.save();
    }
  }

  responseDays(responseId: string): ResultDayView[] {
    const days = this.records('Giornate').filter((d) => d.Richiesta === responseId);
    const sites = new Map(this.records('Sedi').map((s) => [s.Codice, s.Nome]));
    return days.map((d) => {
      // «Codice luogo» is `home` or the site id; a register made before it had the code in «Luogo».
      const code = d['Codice luogo'] || d.Luogo;
      return {
        date: d.Data,
        location: code === 'home' ? 'Casa' : (sites.get(code) ?? d.Luogo),
        status: d.Stato,
        rules: (d.Regole ?? '').split('\n').filter(Boolean),
      };
    });
  }

  // ---- Registro, Calendario, Posta ----------------------------------------------------------

  sheets(): SheetView[] {
    return this.handle.asUser(this.handle.owner, () =>
      this.handle
        .spreadsheet()
        .getSheets()
        .map((sheet) => ({ name: sheet.getName(), rows: sheet.getDataRange().getDisplayValues() })),
    );
  }

  /**
   * The shared calendar's events in `month`; with `owner`, the working-location events of that
   * person's own primary calendar (every Google user has one: no events yet when never written).
   */
  calendar(month: string, owner?: string): { name: string; events: CalendarEventView[] } | null {
    const id = owner ?? this.handle.scriptProperty(CALENDAR_ID_PROPERTY);
    const state = this.handle.state.calendar;
    const cal = id ? state.calendars[id] : undefined;
    if (!id || (!cal && !owner)) return null;
    const first = `${month}-01`;
    const last = `${month}-31`;
    const events: CalendarEventView[] = [];
    for (const e of Object.values(state.events)) {
      if (e.calendarId !== id || e.status !== 'confirmed') continue;
      if (owner && e.eventType !== 'workingLocation') continue;
      let date: string;
      let lastDate: string;
      let time = '';
      if (e.allDay && e.startDate && e.endDate) {
        date = e.startDate;
        const end = parseIsoDate(e.endDate);
        lastDate = end && end > e.startDate ? addDays(end, -1) : e.startDate;
      } else {
        const start = toRomeLocal(e.startMs ?? 0);
        const end = toRomeLocal(Math.max((e.endMs ?? 0) - 1, e.startMs ?? 0));
        date = start.date;
        lastDate = end.date;
        time = `${String(Math.floor(start.minutes / 60)).padStart(2, '0')}:${String(start.minutes % 60).padStart(2, '0')}`;
      }
      if (lastDate < first || date > last) continue;
      const place = e.workingLocationProperties;
      const location =
        e.eventType !== 'workingLocation'
          ? e.location
          : place?.type === 'homeOffice'
            ? 'Casa (lavoro da casa)'
            : place?.type === 'officeLocation'
              ? `Ufficio: ${place.officeLocation?.label ?? ''}`
              : (place?.customLocation?.label ?? e.location);
      events.push({
        date: date as IsoDate,
        lastDate: lastDate as IsoDate,
        title: e.eventType === 'workingLocation' ? e.summary || 'Luogo di lavoro' : e.summary,
        description: e.description,
        location,
        time,
      });
    }
    events.sort((a, b) =>
      a.date === b.date ? a.title.localeCompare(b.title, 'it') : a.date < b.date ? -1 : 1,
    );
    return { name: cal?.name ?? id, events };
  }

  mail(): { sent: MailView[]; queued: { sendAt: string; to: string; subject: string; body: string }[] } {
    const sent = [...this.handle.state.mail.outbox].reverse().map((m) => {
      const at = toRomeLocal(m.sentAtMs);
      return {
        when: `${at.date.split('-').reverse().join('/')} ${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`,
        from: m.from,
        to: [m.to, m.cc, m.bcc].filter(Boolean).join(', '),
        subject: m.subject,
        body: m.body,
        html: m.htmlBody ?? '',
      };
    });
    // What the outbox still holds: waiting for its time (the disconnection period, the digest's
    // hour) or for the periodic job.
    const queued = outboxOf(this.handle.workspace)
      .filter((r) => r.status !== 'sent')
      .map(({ mail: n }) => ({ sendAt: n.sendAt, to: n.to, subject: n.subject, body: n.body }));
    return { sent, queued };
  }

  htmlOutput(user: string, name: string, parameter: Record<string, string> = {}): string | null {
    let result: unknown;
    try {
      // The web app's page, as `user` opens it in a browser (doGet, executing as the owner).
      result =
        name === 'doGet' ? this.handle.bundle.openWebApp(user, parameter) : this.handle.run(user, name);
    } finally {
      this.save();
    }
    const output = result as { getContent?: () => string } | null;
    return output && typeof output.getContent === 'function' ? output.getContent() : null;
  }

  webFile(
    user: string,
    parameter: Record<string, string>,
  ): { content: string; mimeType: string; fileName: string | null } | null {
    let result: unknown;
    try {
      result = this.handle.bundle.openWebApp(user, parameter);
    } finally {
      this.save();
    }
    const output = result as {
      getContent?: () => string;
      getMimeType?: () => string;
      getFileName?: () => string | null;
    } | null;
    if (!output?.getContent || !output.getMimeType || !output.getFileName) return null;
    return { content: output.getContent(), mimeType: output.getMimeType(), fileName: output.getFileName() };
  }

  // ---- the add-on's hosts (Gmail, Calendar, Sheets) ----------------------------------------

  manifest(): unknown {
    try {
      return JSON.parse(readFileSync(join(dirname(this.codePath), 'appsscript.json'), 'utf8'));
    } catch {
      return null;
    }
  }

  driveFile(user: string, id: string): DriveFileView | null {
    const item = this.handle.state.drive.items[id];
    const files = this.handle.workspace.testing.files;
    if (!item || item.kind !== 'file' || !files.exists(id) || files.level(id, user) < ACCESS_LEVEL.VIEW)
      return null;
    const isDoc = item.mimeType === GOOGLE_MIME.document;
    return {
      name: item.name,
      mimeType: item.mimeType,
      paragraphs: isDoc ? readDocument(item.content) : null,
      text: isDoc ? null : (item.content ?? ''),
    };
  }

  mailbox(user: string): SentMail[] {
    return mailboxOf(this.handle.state.mail, user)
      .map((m, i) => ({ m, i }))
      .sort((a, b) => b.m.sentAtMs - a.m.sentAtMs || b.i - a.i)
      .map(({ m }) => m);
  }

  teamCalendarId(): string | null {
    return this.handle.scriptProperty(CALENDAR_ID_PROPERTY);
  }

  calendarEventsAs(user: string, calendarId: string, fromMs: number, toMs: number): CalendarApiEvent[] {
    const api = this.handle.globals.Calendar;
    return this.handle.asUser(user, () => {
      const events: CalendarApiEvent[] = [];
      let pageToken: string | undefined;
      do {
        const page = api.Events.list(calendarId, {
          timeMin: new Date(fromMs).toISOString(),
          timeMax: new Date(toMs).toISOString(),
          singleEvents: true,
          orderBy: 'startTime',
          maxResults: 2500,
          pageToken,
        });
        events.push(...(page.items ?? []));
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
      return events;
    });
  }

  calendarEventAs(user: string, calendarId: string, eventId: string): CalendarApiEvent {
    return this.handle.asUser(user, () => this.handle.globals.Calendar.Events.get(calendarId, eventId));
  }
}
