// FormApp of the in-memory Workspace: forms, their items and responses over plain JSON state.
//
// A response is submitted either by a script (form.createResponse()...submit()) or, in tests, by
// a person through `testing.submit`, which takes raw text for any item: what a real form would
// accept after HR changed an item (a date item turned into a short answer lets '2027-02-30'
// through). Submitting stores the response, then every installable form-submit trigger of the
// form runs with Google's event `{ authMode, response, source, triggerUid }`, as the trigger's
// owner (see script.ts for how and when).
//
// The respondent email is the signed-in user (`ws.activeUser` at submit time) when the form
// collects verified emails, what the respondent typed when it collects typed emails
// (RESPONDER_INPUT: anyone can type anyone's address), and '' when it collects none.
// Response values: text items give a string, date items 'YYYY-MM-DD' (the date in the script's
// time zone), checkbox items string[].
// Publishing: "forms created by the API after 30 June 2026 start unpublished" (Google Forms API
// changes, and the Apps Script sample that calls form.setPublished(true)): a form created on or
// after that date supports advanced responder permissions and takes no response until it is
// published. Who may edit or open it by script is Drive sharing (drive.ts `createDriveFiles`):
// FormApp.openById needs edit access.
// Not faked: quizzes, grids, scale/time/duration items, page navigation, text validation,
// response destinations (spreadsheet-linked forms), editors, prefilled URLs.
import type { Workspace } from './core';
import { ACCESS_LEVEL, GOOGLE_MIME, type DriveFiles } from './drive';
import { AuthMode, type ExecutionRecord, type ScriptRuntime } from './script';
import { zonedParts } from './utilities';

export type FormItemType = 'DATE' | 'LIST' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'TEXT' | 'PARAGRAPH_TEXT';
export type ResponseValue = string | string[];

export interface FormItemData {
  id: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  otherOption: boolean;
  includesYear: boolean;
}

export interface FormResponseData {
  id: string;
  timestampMs: number;
  respondentEmail: string;
  answers: { itemId: number; value: ResponseValue }[];
}

export type EmailCollectionType = 'DO_NOT_COLLECT' | 'VERIFIED' | 'RESPONDER_INPUT';

export interface FormData {
  id: string;
  title: string;
  description: string;
  owner: string;
  emailCollectionType: EmailCollectionType;
  requireLogin: boolean;
  /** Forms made after 30 June 2026 start unpublished and must be published to take responses. */
  published: boolean;
  advancedResponderPermissions: boolean;
  acceptingResponses: boolean;
  confirmationMessage: string;
  allowResponseEdits: boolean;
  limitOneResponsePerUser: boolean;
  /** Who responded, for "limit to 1 response" only (Google keeps it apart from the answers). */
  responders?: string[];
  items: FormItemData[];
  responses: FormResponseData[];
}

export interface FormsState {
  nextFormSeq: number;
  nextItemId: number;
  nextResponseSeq: number;
  forms: Record<string, FormData>;
  /** The form a form-bound script belongs to (FormApp.getActiveForm); null otherwise. */
  activeFormId: string | null;
}

export function emptyFormsState(): FormsState {
  return { nextFormSeq: 1, nextItemId: 1000001, nextResponseSeq: 1, forms: {}, activeFormId: null };
}

export const ItemType = Object.fromEntries(
  [
    'CHECKBOX',
    'CHECKBOX_GRID',
    'DATE',
    'DATETIME',
    'DURATION',
    'GRID',
    'IMAGE',
    'LIST',
    'MULTIPLE_CHOICE',
    'PAGE_BREAK',
    'PARAGRAPH_TEXT',
    'SCALE',
    'SECTION_HEADER',
    'TEXT',
    'TIME',
    'VIDEO',
    'FILE_UPLOAD',
  ].map((k) => [k, k]),
);
export const EmailCollectionTypes = {
  DO_NOT_COLLECT: 'DO_NOT_COLLECT',
  VERIFIED: 'VERIFIED',
  RESPONDER_INPUT: 'RESPONDER_INPUT',
} as const;

const SVC = 'FormApp';
type F = GoogleAppsScript.Forms.Form;
type ItemG = GoogleAppsScript.Forms.Item;
type ItemResponseG = GoogleAppsScript.Forms.ItemResponse;
type FormResponseG = GoogleAppsScript.Forms.FormResponse;

interface Ctx {
  ws: Workspace;
  runtime: ScriptRuntime;
  state: FormsState;
  files: DriveFiles;
}

/** From this day forms created by API start unpublished (epoch ms of 2026-06-30T00:00Z). */
export const UNPUBLISHED_BY_DEFAULT_FROM_MS = Date.UTC(2026, 5, 30);

function formOf(ctx: Ctx, formId: string): FormData {
  const form = ctx.state.forms[formId];
  if (!form)
    throw ctx.ws.error(
      `No item with the given ID could be found, or you do not have permission to access it.`,
    );
  return form;
}

function itemOf(ctx: Ctx, form: FormData, itemId: number): FormItemData {
  const item = form.items.find((i) => i.id === itemId);
  if (!item) throw ctx.ws.error('The item has been deleted from the form.');
  return item;
}

// ---------------------------------------------------------------------------------------------
// Items

class FakeChoice implements Pick<GoogleAppsScript.Forms.Choice, 'getValue'> {
  constructor(
    private readonly ws: Workspace,
    readonly value: string,
  ) {}
  getValue(): string {
    this.ws.call(SVC, 'Choice.getValue');
    return this.value;
  }
}

/** What every kind of item has; `G` is the Google type its setters return. */
class ItemBase<G> {
  constructor(
    protected readonly ctx: Ctx,
    readonly formId: string,
    readonly itemId: number,
    private readonly className: string,
  ) {}
  protected call(method: string): void {
    this.ctx.ws.call(SVC, `${this.className}.${method}`);
  }
  protected data(): FormItemData {
    return itemOf(this.ctx, formOf(this.ctx, this.formId), this.itemId);
  }
  protected self(): G {
    return this as unknown as G;
  }
  getId(): number {
    this.call('getId');
    return this.itemId;
  }
  getTitle(): string {
    this.call('getTitle');
    return this.data().title;
  }
  setTitle(title: string): G {
    this.call('setTitle');
    this.data().title = String(title);
    return this.self();
  }
  getHelpText(): string {
    this.call('getHelpText');
    return this.data().helpText;
  }
  setHelpText(text: string): G {
    this.call('setHelpText');
    this.data().helpText = String(text);
    return this.self();
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    this.call('getType');
    return this.data().type as unknown as GoogleAppsScript.Forms.ItemType;
  }
  getIndex(): number {
    this.call('getIndex');
    const form = formOf(this.ctx, this.formId);
    return form.items.indexOf(this.data());
  }
}

/** An item as getItems() gives it: convert it with asXxxItem() to reach its own methods. */
export class FakeItem
  extends ItemBase<ItemG>
  implements
    Pick<
      ItemG,
      | 'getId'
      | 'getTitle'
      | 'setTitle'
      | 'getHelpText'
      | 'setHelpText'
      | 'getType'
      | 'getIndex'
      | 'asDateItem'
      | 'asListItem'
      | 'asCheckboxItem'
      | 'asTextItem'
      | 'asParagraphTextItem'
      | 'asMultipleChoiceItem'
    >
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'Item');
  }
  private as<T>(type: FormItemType, method: string, make: () => T): T {
    this.call(method);
    const actual = this.data().type;
    if (actual !== type) throw this.ctx.ws.error(`Invalid conversion for item type: ${actual}`);
    return make();
  }
  asDateItem(): GoogleAppsScript.Forms.DateItem {
    return this.as(
      'DATE',
      'asDateItem',
      () =>
        new FakeDateItem(this.ctx, this.formId, this.itemId) as unknown as GoogleAppsScript.Forms.DateItem,
    );
  }
  asListItem(): GoogleAppsScript.Forms.ListItem {
    return this.as(
      'LIST',
      'asListItem',
      () =>
        new FakeListItem(this.ctx, this.formId, this.itemId) as unknown as GoogleAppsScript.Forms.ListItem,
    );
  }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.as(
      'MULTIPLE_CHOICE',
      'asMultipleChoiceItem',
      () =>
        new FakeMultipleChoiceItem(
          this.ctx,
          this.formId,
          this.itemId,
        ) as unknown as GoogleAppsScript.Forms.MultipleChoiceItem,
    );
  }
  asCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.as(
      'CHECKBOX',
      'asCheckboxItem',
      () =>
        new FakeCheckboxItem(
          this.ctx,
          this.formId,
          this.itemId,
        ) as unknown as GoogleAppsScript.Forms.CheckboxItem,
    );
  }
  asTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.as(
      'TEXT',
      'asTextItem',
      () =>
        new FakeTextItem(this.ctx, this.formId, this.itemId) as unknown as GoogleAppsScript.Forms.TextItem,
    );
  }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.as(
      'PARAGRAPH_TEXT',
      'asParagraphTextItem',
      () =>
        new FakeParagraphTextItem(
          this.ctx,
          this.formId,
          this.itemId,
        ) as unknown as GoogleAppsScript.Forms.ParagraphTextItem,
    );
  }
}

/** An answer to one item, not yet part of a submitted response. */
export class FakeItemResponse implements Pick<ItemResponseG, 'getItem' | 'getResponse'> {
  constructor(
    private readonly ctx: Ctx,
    readonly formId: string,
    readonly itemId: number,
    readonly value: ResponseValue,
  ) {}
  getItem(): ItemG {
    this.ctx.ws.call(SVC, 'ItemResponse.getItem');
    return new FakeItem(this.ctx, this.formId, this.itemId) as unknown as ItemG;
  }
  getResponse(): string | string[] {
    this.ctx.ws.call(SVC, 'ItemResponse.getResponse');
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
}

/** Items answered in one field: a required flag and a response. */
class AnswerableItem<G> extends ItemBase<G> {
  setRequired(enabled: boolean): G {
    this.call('setRequired');
    this.data().required = Boolean(enabled);
    return this.self();
  }
  isRequired(): boolean {
    this.call('isRequired');
    return this.data().required;
  }
  protected response(value: ResponseValue): ItemResponseG {
    return new FakeItemResponse(this.ctx, this.formId, this.itemId, value) as unknown as ItemResponseG;
  }
  protected invalid(): Error {
    return this.ctx.ws.error(`Invalid response submitted to item "${this.data().title}".`);
  }
}

export class FakeDateItem
  extends AnswerableItem<GoogleAppsScript.Forms.DateItem>
  implements
    Pick<
      GoogleAppsScript.Forms.DateItem,
      | 'getId'
      | 'getTitle'
      | 'setTitle'
      | 'getHelpText'
      | 'setHelpText'
      | 'getType'
      | 'getIndex'
      | 'setRequired'
      | 'isRequired'
      | 'createResponse'
      | 'setIncludesYear'
      | 'includesYear'
    >
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'DateItem');
  }
  /** The day of `response` in the script's time zone, as 'YYYY-MM-DD' (or 'MM-DD' without year). */
  createResponse(response: Date): ItemResponseG {
    this.call('createResponse');
    if (Object.prototype.toString.call(response) !== '[object Date]' || Number.isNaN(response.getTime()))
      throw this.invalid();
    const p = zonedParts(response.getTime(), this.ctx.runtime.state.timeZone);
    const md = `${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    return this.response(this.data().includesYear ? `${String(p.year).padStart(4, '0')}-${md}` : md);
  }
  setIncludesYear(enableYear: boolean): GoogleAppsScript.Forms.DateItem {
    this.call('setIncludesYear');
    this.data().includesYear = Boolean(enableYear);
    return this.self();
  }
  includesYear(): boolean {
    this.call('includesYear');
    return this.data().includesYear;
  }
}

class FakeTextLikeItem<G> extends AnswerableItem<G> {
  createResponse(response: string): ItemResponseG {
    this.call('createResponse');
    return this.response(String(response));
  }
}

export class FakeTextItem
  extends FakeTextLikeItem<GoogleAppsScript.Forms.TextItem>
  implements
    Pick<
      GoogleAppsScript.Forms.TextItem,
      | 'getId'
      | 'getTitle'
      | 'setTitle'
      | 'getHelpText'
      | 'setHelpText'
      | 'getType'
      | 'getIndex'
      | 'setRequired'
      | 'isRequired'
      | 'createResponse'
    >
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'TextItem');
  }
}

export class FakeParagraphTextItem
  extends FakeTextLikeItem<GoogleAppsScript.Forms.ParagraphTextItem>
  implements
    Pick<
      GoogleAppsScript.Forms.ParagraphTextItem,
      | 'getId'
      | 'getTitle'
      | 'setTitle'
      | 'getHelpText'
      | 'setHelpText'
      | 'getType'
      | 'getIndex'
      | 'setRequired'
      | 'isRequired'
      | 'createResponse'
    >
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'ParagraphTextItem');
  }
}

class ChoiceItem<G> extends AnswerableItem<G> {
  setChoiceValues(values: string[]): G {
    this.call('setChoiceValues');
    if (!Array.isArray(values)) throw this.ctx.ws.error('Invalid argument: values');
    this.data().choices = values.map(String);
    return this.self();
  }
  setChoices(choices: GoogleAppsScript.Forms.Choice[]): G {
    this.call('setChoices');
    this.data().choices = choices.map((c) => (c instanceof FakeChoice ? c.value : String(c.getValue())));
    return this.self();
  }
  createChoice(value: string): GoogleAppsScript.Forms.Choice {
    this.call('createChoice');
    return new FakeChoice(this.ctx.ws, String(value)) as unknown as GoogleAppsScript.Forms.Choice;
  }
  getChoices(): GoogleAppsScript.Forms.Choice[] {
    this.call('getChoices');
    return this.data().choices.map(
      (c) => new FakeChoice(this.ctx.ws, c) as unknown as GoogleAppsScript.Forms.Choice,
    );
  }
  protected checkChoice(value: string): void {
    const d = this.data();
    if (!d.otherOption && !d.choices.includes(value)) throw this.invalid();
  }
}

class OtherOptionItem<G> extends ChoiceItem<G> {
  showOtherOption(enabled: boolean): G {
    this.call('showOtherOption');
    this.data().otherOption = Boolean(enabled);
    return this.self();
  }
  hasOtherOption(): boolean {
    this.call('hasOtherOption');
    return this.data().otherOption;
  }
}

type ChoiceMethods =
  | 'getId'
  | 'getTitle'
  | 'setTitle'
  | 'getHelpText'
  | 'setHelpText'
  | 'getType'
  | 'getIndex'
  | 'setRequired'
  | 'isRequired'
  | 'setChoiceValues'
  | 'setChoices'
  | 'createChoice'
  | 'getChoices'
  | 'createResponse';

export class FakeListItem
  extends ChoiceItem<GoogleAppsScript.Forms.ListItem>
  implements Pick<GoogleAppsScript.Forms.ListItem, ChoiceMethods>
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'ListItem');
  }
  /** Throws unless `response` is one of the choices, as Google does. */
  createResponse(response: string): ItemResponseG {
    this.call('createResponse');
    this.checkChoice(String(response));
    return this.response(String(response));
  }
}

export class FakeMultipleChoiceItem
  extends OtherOptionItem<GoogleAppsScript.Forms.MultipleChoiceItem>
  implements
    Pick<GoogleAppsScript.Forms.MultipleChoiceItem, ChoiceMethods | 'showOtherOption' | 'hasOtherOption'>
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'MultipleChoiceItem');
  }
  createResponse(response: string): ItemResponseG {
    this.call('createResponse');
    this.checkChoice(String(response));
    return this.response(String(response));
  }
}

export class FakeCheckboxItem
  extends OtherOptionItem<GoogleAppsScript.Forms.CheckboxItem>
  implements Pick<GoogleAppsScript.Forms.CheckboxItem, ChoiceMethods | 'showOtherOption' | 'hasOtherOption'>
{
  constructor(ctx: Ctx, formId: string, itemId: number) {
    super(ctx, formId, itemId, 'CheckboxItem');
  }
  createResponse(responses: string[]): ItemResponseG {
    this.call('createResponse');
    if (!Array.isArray(responses)) throw this.invalid();
    const values = responses.map(String);
    values.forEach((v) => this.checkChoice(v));
    return this.response(values);
  }
}

function typedItem(ctx: Ctx, formId: string, item: FormItemData): unknown {
  switch (item.type) {
    case 'DATE':
      return new FakeDateItem(ctx, formId, item.id);
    case 'LIST':
      return new FakeListItem(ctx, formId, item.id);
    case 'MULTIPLE_CHOICE':
      return new FakeMultipleChoiceItem(ctx, formId, item.id);
    case 'CHECKBOX':
      return new FakeCheckboxItem(ctx, formId, item.id);
    case 'TEXT':
      return new FakeTextItem(ctx, formId, item.id);
    case 'PARAGRAPH_TEXT':
      return new FakeParagraphTextItem(ctx, formId, item.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

export class FakeFormResponse implements Pick<
  FormResponseG,
  | 'getId'
  | 'getTimestamp'
  | 'getRespondentEmail'
  | 'getItemResponses'
  | 'getResponseForItem'
  | 'getEditResponseUrl'
  | 'withItemResponse'
  | 'submit'
> {
  /** Answers of a response being built (before submit). */
  private readonly draft: { itemId: number; value: ResponseValue }[] = [];

  constructor(
    private readonly ctx: Ctx,
    readonly formId: string,
    /** The stored response, once submitted. */
    private stored: FormResponseData | null,
  ) {}

  private call(method: string): void {
    this.ctx.ws.call(SVC, `FormResponse.${method}`);
  }
  private answers(): { itemId: number; value: ResponseValue }[] {
    return this.stored ? this.stored.answers : this.draft;
  }
  private itemResponse(a: { itemId: number; value: ResponseValue }): ItemResponseG {
    return new FakeItemResponse(this.ctx, this.formId, a.itemId, a.value) as unknown as ItemResponseG;
  }

  getId(): string {
    this.call('getId');
    return this.stored ? this.stored.id : (null as unknown as string);
  }
  getTimestamp(): Date {
    this.call('getTimestamp');
    return new Date(this.stored ? this.stored.timestampMs : this.ctx.ws.nowMs);
  }
  getRespondentEmail(): string {
    this.call('getRespondentEmail');
    return this.stored ? this.stored.respondentEmail : '';
  }
  /** In the order of the form's items; unanswered items are left out, as in Google. */
  getItemResponses(): ItemResponseG[] {
    this.call('getItemResponses');
    const form = formOf(this.ctx, this.formId);
    const order = new Map(form.items.map((item, i) => [item.id, i]));
    return [...this.answers()]
      .sort((a, b) => (order.get(a.itemId) ?? 1e9) - (order.get(b.itemId) ?? 1e9))
      .map((a) => this.itemResponse(a));
  }
  getResponseForItem(item: ItemG): ItemResponseG {
    this.call('getResponseForItem');
    const id = (item as unknown as { itemId?: number }).itemId ?? item.getId();
    const a = this.answers().find((x) => x.itemId === id);
    return (a ? this.itemResponse(a) : null) as ItemResponseG;
  }
  getEditResponseUrl(): string {
    this.call('getEditResponseUrl');
    return this.stored
      ? `https://docs.google.com/forms/d/e/${this.formId}/viewform?edit2=${this.stored.id}`
      : '';
  }
  withItemResponse(response: ItemResponseG): FormResponseG {
    this.call('withItemResponse');
    if (!(response instanceof FakeItemResponse) || response.formId !== this.formId)
      throw this.ctx.ws.error('The item response does not belong to this form.');
    if (this.stored) throw this.ctx.ws.error('A submitted response cannot be changed by script.');
    const i = this.draft.findIndex((a) => a.itemId === response.itemId);
    const answer = { itemId: response.itemId, value: response.value };
    if (i >= 0) this.draft[i] = answer;
    else this.draft.push(answer);
    return this as unknown as FormResponseG;
  }
  submit(): FormResponseG {
    this.call('submit');
    if (this.stored) throw this.ctx.ws.error('This response has already been submitted.');
    const { response } = submitResponse(this.ctx, this.formId, this.draft, this.ctx.ws.activeUser, null);
    this.stored = response;
    return this as unknown as FormResponseG;
  }
}

/** Stores a response (after the checks a real form makes) and raises the form-submit event. */
function submitResponse(
  ctx: Ctx,
  formId: string,
  answers: { itemId: number; value: ResponseValue }[],
  user: string,
  typedEmail: string | null,
): { response: FormResponseData; executions: ExecutionRecord[] } {
  const form = formOf(ctx, formId);
  if (form.published === false)
    throw ctx.ws.error(`The form ${form.title} is not published: it does not accept responses.`);
  if (!form.acceptingResponses)
    throw ctx.ws.error(`The form ${form.title} is no longer accepting responses.`);
  const domainOf = (email: string) => email.slice(email.indexOf('@') + 1).toLowerCase();
  if (form.requireLogin && domainOf(user) !== domainOf(form.owner))
    throw ctx.ws.error(
      `You need permission: this form can only be viewed by users in ${domainOf(form.owner)}.`,
    );
  for (const item of form.items) {
    const answer = answers.find((a) => a.itemId === item.id);
    const empty = !answer || (Array.isArray(answer.value) ? answer.value.length === 0 : answer.value === '');
    if (item.required && empty) throw ctx.ws.error(`This is a required question: "${item.title}".`);
  }
  const respondentEmail =
    form.emailCollectionType === 'VERIFIED'
      ? user
      : form.emailCollectionType === 'RESPONDER_INPUT'
        ? (typedEmail ?? user)
        : '';
  // "Limit to 1 response" needs sign-in and is kept by Google whether or not the address is
  // collected: who responded is remembered apart from the responses, never shown by the API.
  if (
    form.limitOneResponsePerUser &&
    user !== '' &&
    (form.responses.some((r) => r.respondentEmail === user) || (form.responders ?? []).includes(user))
  )
    throw ctx.ws.error('You can only fill out this form once.');
  if (form.limitOneResponsePerUser && user !== '') (form.responders ??= []).push(user);
  const response: FormResponseData = {
    id: `2_ABaOnud${String(ctx.state.nextResponseSeq++).padStart(10, '0')}`,
    timestampMs: ctx.ws.nowMs,
    respondentEmail,
    answers: answers
      .filter((a) => form.items.some((i) => i.id === a.itemId))
      .map((a) => ({ itemId: a.itemId, value: Array.isArray(a.value) ? [...a.value] : a.value })),
  };
  form.responses.push(response);
  const firstExecution = ctx.runtime.state.nextExecutionId;
  const source = new FakeForm(ctx, formId);
  ctx.runtime.fire(
    'ON_FORM_SUBMIT',
    formId,
    (t) => ({
      authMode: AuthMode.FULL,
      response: new FakeFormResponse(ctx, formId, response),
      source,
      triggerUid: t.uid,
    }),
    { hasUi: false },
  );
  const executions = ctx.runtime.state.executions.filter((e) => e.id >= firstExecution);
  return { response, executions };
}

// ---------------------------------------------------------------------------------------------
// Form

export class FakeForm implements Pick<
  F,
  | 'getId'
  | 'getTitle'
  | 'setTitle'
  | 'getDescription'
  | 'setDescription'
  | 'setCollectEmail'
  | 'collectsEmail'
  | 'setRequireLogin'
  | 'requiresLogin'
  | 'getPublishedUrl'
  | 'getEditUrl'
  | 'setAcceptingResponses'
  | 'isAcceptingResponses'
  | 'setConfirmationMessage'
  | 'getConfirmationMessage'
  | 'setAllowResponseEdits'
  | 'canEditResponse'
  | 'setLimitOneResponsePerUser'
  | 'hasLimitOneResponsePerUser'
  | 'addDateItem'
  | 'addListItem'
  | 'addMultipleChoiceItem'
  | 'addCheckboxItem'
  | 'addTextItem'
  | 'addParagraphTextItem'
  | 'getItems'
  | 'getItemById'
  | 'deleteItem'
  | 'moveItem'
  | 'createResponse'
  | 'getResponses'
  | 'getResponse'
  | 'deleteAllResponses'
  | 'deleteResponse'
> {
  constructor(
    private readonly ctx: Ctx,
    readonly formId: string,
  ) {}

  private self(): F {
    return this as unknown as F;
  }
  private call(method: string): void {
    this.ctx.ws.call(SVC, `Form.${method}`);
  }
  private data(): FormData {
    return formOf(this.ctx, this.formId);
  }
  private add<T>(type: FormItemType, method: string): T {
    this.call(method);
    const item: FormItemData = {
      id: this.ctx.state.nextItemId++,
      type,
      title: '',
      helpText: '',
      required: false,
      choices: [],
      otherOption: false,
      includesYear: true,
    };
    this.data().items.push(item);
    return typedItem(this.ctx, this.formId, item) as T;
  }
  private itemIndex(item: unknown): number {
    const items = this.data().items;
    if (typeof item === 'number') {
      if (!(item >= 0 && item < items.length)) throw this.ctx.ws.error(`Invalid argument: index`);
      return item;
    }
    const id = item instanceof ItemBase ? item.itemId : Number((item as { getId(): number }).getId());
    const i = items.findIndex((x) => x.id === id);
    if (i < 0) throw this.ctx.ws.error('The item has been deleted from the form.');
    return i;
  }

  getId(): string {
    this.call('getId');
    return this.formId;
  }
  getTitle(): string {
    this.call('getTitle');
    return this.data().title;
  }
  setTitle(title: string): F {
    this.call('setTitle');
    this.data().title = String(title);
    return this.self();
  }
  getDescription(): string {
    this.call('getDescription');
    return this.data().description;
  }
  setDescription(description: string): F {
    this.call('setDescription');
    this.data().description = String(description);
    return this.self();
  }
  /** true: verified emails of signed-in respondents. */
  setCollectEmail(collect: boolean): F {
    this.call('setCollectEmail');
    this.data().emailCollectionType = collect ? 'VERIFIED' : 'DO_NOT_COLLECT';
    return this.self();
  }
  collectsEmail(): boolean {
    this.call('collectsEmail');
    return this.data().emailCollectionType !== 'DO_NOT_COLLECT';
  }
  /** Newer than @types: FormApp.EmailCollectionType.VERIFIED / RESPONDER_INPUT / DO_NOT_COLLECT. */
  setEmailCollectionType(type: string): F {
    this.call('setEmailCollectionType');
    if (!(String(type) in EmailCollectionTypes)) throw this.ctx.ws.error('Invalid argument: type');
    this.data().emailCollectionType = String(type) as EmailCollectionType;
    return this.self();
  }
  getEmailCollectionType(): string {
    this.call('getEmailCollectionType');
    return this.data().emailCollectionType;
  }
  setRequireLogin(requireLogin: boolean): F {
    this.call('setRequireLogin');
    this.data().requireLogin = Boolean(requireLogin);
    return this.self();
  }
  requiresLogin(): boolean {
    this.call('requiresLogin');
    return this.data().requireLogin;
  }
  /**
   * Newer than @types: setPublished/isPublished/supportsAdvancedResponderPermissions. Only forms
   * with advanced responder permissions have a published state to change.
   */
  setPublished(enabled: boolean): F {
    this.call('setPublished');
    const form = this.data();
    if (!form.advancedResponderPermissions)
      throw this.ctx.ws.error('This form does not support advanced responder permissions.');
    form.published = Boolean(enabled);
    return this.self();
  }
  isPublished(): boolean {
    this.call('isPublished');
    return this.data().published !== false;
  }
  supportsAdvancedResponderPermissions(): boolean {
    this.call('supportsAdvancedResponderPermissions');
    return this.data().advancedResponderPermissions === true;
  }
  getPublishedUrl(): string {
    this.call('getPublishedUrl');
    return `https://docs.google.com/forms/d/e/1FAIpQL${this.formId}/viewform`;
  }
  getEditUrl(): string {
    this.call('getEditUrl');
    return `https://docs.google.com/forms/d/${this.formId}/edit`;
  }
  setAcceptingResponses(enabled: boolean): F {
    this.call('setAcceptingResponses');
    this.data().acceptingResponses = Boolean(enabled);
    return this.self();
  }
  isAcceptingResponses(): boolean {
    this.call('isAcceptingResponses');
    return this.data().acceptingResponses;
  }
  setConfirmationMessage(message: string): F {
    this.call('setConfirmationMessage');
    this.data().confirmationMessage = String(message);
    return this.self();
  }
  getConfirmationMessage(): string {
    this.call('getConfirmationMessage');
    return this.data().confirmationMessage;
  }
  setAllowResponseEdits(enabled: boolean): F {
    this.call('setAllowResponseEdits');
    this.data().allowResponseEdits = Boolean(enabled);
    return this.self();
  }
  canEditResponse(): boolean {
    this.call('canEditResponse');
    return this.data().allowResponseEdits;
  }
  setLimitOneResponsePerUser(enabled: boolean): F {
    this.call('setLimitOneResponsePerUser');
    this.data().limitOneResponsePerUser = Boolean(enabled);
    return this.self();
  }
  hasLimitOneResponsePerUser(): boolean {
    this.call('hasLimitOneResponsePerUser');
    return this.data().limitOneResponsePerUser;
  }
  addDateItem(): GoogleAppsScript.Forms.DateItem {
    return this.add('DATE', 'addDateItem');
  }
  addListItem(): GoogleAppsScript.Forms.ListItem {
    return this.add('LIST', 'addListItem');
  }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.add('MULTIPLE_CHOICE', 'addMultipleChoiceItem');
  }
  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.add('CHECKBOX', 'addCheckboxItem');
  }
  addTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.add('TEXT', 'addTextItem');
  }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.add('PARAGRAPH_TEXT', 'addParagraphTextItem');
  }
  getItems(itemType?: GoogleAppsScript.Forms.ItemType): ItemG[] {
    this.call('getItems');
    return this.data()
      .items.filter((i) => itemType === undefined || i.type === String(itemType))
      .map((i) => new FakeItem(this.ctx, this.formId, i.id) as unknown as ItemG);
  }
  getItemById(id: number): ItemG {
    this.call('getItemById');
    const item = this.data().items.find((i) => i.id === Number(id));
    return (item ? new FakeItem(this.ctx, this.formId, item.id) : null) as unknown as ItemG;
  }
  deleteItem(item: number | ItemG): void {
    this.call('deleteItem');
    this.data().items.splice(this.itemIndex(item), 1);
  }
  moveItem(from: number | ItemG, to: number): ItemG {
    this.call('moveItem');
    const items = this.data().items;
    const [item] = items.splice(this.itemIndex(from), 1);
    if (!(to >= 0 && to <= items.length)) {
      items.splice(this.itemIndex(from), 0, item);
      throw this.ctx.ws.error('Invalid argument: toIndex');
    }
    items.splice(to, 0, item);
    return new FakeItem(this.ctx, this.formId, item.id) as unknown as ItemG;
  }
  createResponse(): FormResponseG {
    this.call('createResponse');
    return new FakeFormResponse(this.ctx, this.formId, null) as unknown as FormResponseG;
  }
  getResponses(timestamp?: GoogleAppsScript.Base.Date): FormResponseG[] {
    this.call('getResponses');
    const from = timestamp === undefined ? -Infinity : (timestamp as Date).getTime();
    return this.data()
      .responses.filter((r) => r.timestampMs >= from)
      .map((r) => new FakeFormResponse(this.ctx, this.formId, r) as unknown as FormResponseG);
  }
  getResponse(responseId: string): FormResponseG {
    this.call('getResponse');
    const r = this.data().responses.find((x) => x.id === responseId);
    if (!r) throw this.ctx.ws.error(`No response with ID ${responseId} exists for this form.`);
    return new FakeFormResponse(this.ctx, this.formId, r) as unknown as FormResponseG;
  }
  deleteAllResponses(): F {
    this.call('deleteAllResponses');
    this.data().responses = [];
    return this.self();
  }
  deleteResponse(responseId: string): F {
    this.call('deleteResponse');
    const form = this.data();
    form.responses = form.responses.filter((r) => r.id !== responseId);
    return this.self();
  }
}

// ---------------------------------------------------------------------------------------------

export function createFormApp(ws: Workspace, state: FormsState, runtime: ScriptRuntime, files: DriveFiles) {
  const ctx: Ctx = { ws, runtime, state, files };
  const fake = (id: string) => new FakeForm(ctx, id) as unknown as F;
  const newForm = (title: string, owner: string): string => {
    const id = `1FormId${String(state.nextFormSeq++).padStart(4, '0')}${'x'.repeat(33)}`;
    state.forms[id] = {
      id,
      title,
      description: '',
      owner,
      emailCollectionType: 'DO_NOT_COLLECT',
      requireLogin: false,
      published: ws.nowMs < UNPUBLISHED_BY_DEFAULT_FROM_MS,
      advancedResponderPermissions: ws.nowMs >= UNPUBLISHED_BY_DEFAULT_FROM_MS,
      acceptingResponses: true,
      confirmationMessage: '',
      allowResponseEdits: false,
      limitOneResponsePerUser: false,
      items: [],
      responses: [],
    };
    files.add(id, title, GOOGLE_MIME.form, owner);
    return id;
  };
  /** FormApp.openById: scripts open a form to edit it, which takes edit access. */
  const openEditable = (id: string, method: string): string => {
    ws.requireAuthorization(`FormApp.${method}`, 'https://www.googleapis.com/auth/forms');
    formOf(ctx, id);
    if (files.level(id, ws.effectiveUser()) < ACCESS_LEVEL.EDIT)
      throw ws.error('No item with the given ID could be found, or you do not have permission to access it.');
    return id;
  };

  const FormApp = {
    ItemType,
    EmailCollectionType: EmailCollectionTypes,
    create(title: string): F {
      ws.call(SVC, 'FormApp.create');
      ws.requireAuthorization('FormApp.create', 'https://www.googleapis.com/auth/forms');
      return fake(newForm(String(title), ws.effectiveUser()));
    },
    openById(id: string): F {
      ws.call(SVC, 'FormApp.openById');
      return fake(openEditable(String(id), 'openById'));
    },
    openByUrl(url: string): F {
      ws.call(SVC, 'FormApp.openByUrl');
      const m = /\/forms\/d\/(?:e\/1FAIpQL)?([^/]+)/.exec(String(url));
      if (!m) throw ws.error('Invalid argument: url');
      return fake(openEditable(m[1], 'openByUrl'));
    },
    getActiveForm(): F | null {
      ws.call(SVC, 'FormApp.getActiveForm');
      return state.activeFormId === null ? null : fake(state.activeFormId);
    },
  };

  const itemByKey = (form: FormData, key: string | number): FormItemData => {
    const item = form.items.find((i) => (typeof key === 'number' ? i.id === key : i.title === key));
    if (!item) throw new Error(`form "${form.title}" has no item ${JSON.stringify(key)}`);
    return item;
  };

  /** What tests do as respondents in front of a form. */
  const testing = {
    /**
     * `user` fills the form in and submits it: `answers` by item title (or id), raw text (string[]
     * for checkboxes), not checked against the item's type. `typedEmail`: what the respondent typed
     * in the email field of a RESPONDER_INPUT form. Returns the stored response and the executions
     * of the triggers it ran.
     */
    submit(
      formId: string,
      user: string,
      answers: Record<string, ResponseValue>,
      opts: { typedEmail?: string } = {},
    ): { responseId: string; response: FormResponseData; executions: ExecutionRecord[] } {
      const form = formOf(ctx, formId);
      const list = Object.entries(answers).map(([key, value]) => ({
        itemId: itemByKey(
          form,
          /^\d+$/.test(key) && form.items.some((i) => i.id === Number(key)) ? Number(key) : key,
        ).id,
        value,
      }));
      const saved = ws.activeUser;
      ws.activeUser = user;
      try {
        const { response, executions } = submitResponse(ctx, formId, list, user, opts.typedEmail ?? null);
        return { responseId: response.id, response, executions };
      } finally {
        ws.activeUser = saved;
      }
    },
    form(formId: string): FormData {
      return formOf(ctx, formId);
    },
    /** The ids of every form, in creation order. */
    formIds(): string[] {
      return Object.keys(state.forms);
    },
  };

  return { FormApp, testing };
}

export type FormsTesting = ReturnType<typeof createFormApp>['testing'];
