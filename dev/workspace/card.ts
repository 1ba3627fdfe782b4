// In-memory CardService: the builders a Google Workspace add-on uses to draw its cards (in the
// side panel of Gmail, Calendar, Drive and the editors, and in the Gmail app on a phone) and the
// responses its action callbacks return. Built objects print the card JSON of the Google
// Workspace add-ons / Chat "cards v2" format, so a playground can render them.
//
// Sources:
// - developers.google.com/apps-script/reference/card-service (every class used here): setter
//   names, "Required" fields, "build(): Builds the current card and validates it. Throws Error
//   if the constructed card isn't valid", and "A UI object can only have one of setOpenLink,
//   setOnClickAction, setOnClickOpenLinkAction, setAuthorizationAction or setComposeAction set"
//   (here the last one set wins).
// - developers.google.com/workspace/chat/api/reference/rest/v1/cards and
//   developers.google.com/workspace/add-ons/reference/rpc/google.apps.card.v1 (the proto
//   googleapis/googleapis google/apps/card/v1/card.proto, and the Schema$GoogleAppsCardV1*
//   types of googleapis/google-api-nodejs-client src/apis/chat/v1.ts): every JSON field name
//   and enum value below (header.imageType, decoratedText.startIcon, buttonList.buttons[].type,
//   textInput.type SINGLE_LINE|MULTIPLE_LINE, dateTimePicker.valueMsEpoch, grid.columnCount,
//   items[].image.imageUri, onClick.openDynamicLinkAction...).
// - developers.google.com/workspace/add-ons/guides/alternate-runtimes (the JSON an add-on
//   returns without Apps Script): an action callback answers a SubmitFormResponse,
//   {"stateChanged": true, "renderActions": {"action": {"navigations": [{"pushCard": …}]}}},
//   {"renderActions": {"action": {"notification": {"text": …}}}}, navigations
//   {"popToRoot": true} and {"popToCard": "card_2"}; a homepage answers {"action": {...}}.
// - googleworkspace/add-ons-samples, apps-script/3p-resources/3p-resources.gs beside
//   node/3p-resources/index.js: the same form written once with CardService and once as JSON
//   (setMultiline(true) is "type": "MULTIPLE_LINE"; newActionResponseBuilder().setNavigation(
//   newNavigation().updateCard(card)) is {"renderActions": {"action": {"navigations":
//   [{"updateCard": card}]}}}).
// - Google's own sample for TextInput.setSuggestionsAction passes setParameters({numSuggestions:
//   3}) and reads e.parameter.numSuggestions with Number.parseInt: a number arrives as a string.
//   So numbers and booleans become strings here; other values (the documented rule is "keys and
//   values must be strings") throw.
//
// What Apps Script really prints could not be checked (printJson() is "for debugging only" and
// no sample shows its output). Choices made here, to be revisited if a real print is seen:
// - fields use the documented camelCase REST names; a field appears when a setter set it (so
//   addItem(…, false) prints "selected": false) and is omitted otherwise, never null;
// - printJson() indents by two spaces, assuming the JSON comes from protobuf's JsonFormat
//   printer, which indents so by default;
// - int64 valueMsEpoch prints as a string, as proto JSON does for int64;
// - ActionResponse prints the SubmitFormResponse above; UniversalActionResponse prints a
//   RenderActions {"action": {"navigations": [{"pushCard": …}, …]}} or {"action": {"link": …}};
//   Navigation.printJson() prints {"navigations": […]}; popCard() is {"pop": true} as in the
//   documented Navigation message;
// - DatePicker and DateTimePicker print "dateTimePicker" with type DATE_ONLY / DATE_AND_TIME
//   (card v1 has no other date widget); a bare TextButton or ImageButton added with addWidget
//   prints as a buttonList of one button; DecoratedText's setIcon/setIconUrl print as startIcon
//   (the proto's "icon" is "Deprecated in favor of startIcon"); ImageButton's alt text goes in
//   icon.altText, as in the documented buttonList example; TextButtonStyle.TEXT (deprecated)
//   prints no type; setBackgroundColor("#RRGGBB") prints color {red, green, blue} with each
//   channel / 255, and only for FILLED buttons ("a no-op for OUTLINED buttons").
// - Error messages: Apps Script's "The parameters (…) don't match the method signature for …"
//   for a wrong argument type; the build-time messages below are written in Google's style but
//   are NOT Google's verified wording.
//
// Not implemented (no use in Agorà): setAuthorizationAction, setComposeAction, KeyValue,
// TimePicker, Chat-only builders (ChatResponse, CardWithId), Gmail compose and draft responses,
// Calendar/Drive/editor action responses, SuggestionsResponse, LinkPreview.
//
// Limits documented by Google that matter on a phone and in the side panel: "You can add up to
// 100 widgets per card. Any widgets beyond this limit are ignored" (Card, cards v2 reference);
// a SelectionInput "Supports up to 100 items". Both are exported for the renderer; printJson()
// keeps everything. No text-length limit is documented for add-on cards, so none is enforced.
import type { Workspace } from './core';

// ---------------------------------------------------------------------------------------------
// The printed JSON.

export interface ColorJson {
  red: number;
  green: number;
  blue: number;
}
export interface ActionParameterJson {
  key: string;
  value: string;
}
export interface ActionJson {
  function: string;
  parameters?: ActionParameterJson[];
  loadIndicator?: 'SPINNER' | 'NONE';
  persistValues?: boolean;
  interaction?: 'INTERACTION_UNSPECIFIED' | 'OPEN_DIALOG';
  requiredWidgets?: string[];
  allWidgetsAreRequired?: boolean;
}
export interface OpenLinkJson {
  url: string;
  openAs?: 'FULL_SIZE' | 'OVERLAY';
  onClose?: 'NOTHING' | 'RELOAD';
}
/** One of action, openLink or openDynamicLinkAction. */
export interface OnClickJson {
  action?: ActionJson;
  openLink?: OpenLinkJson;
  openDynamicLinkAction?: ActionJson;
}
export interface MaterialIconJson {
  name: string;
  fill?: boolean;
  weight?: number;
  grade?: number;
}
/** One of knownIcon, iconUrl or materialIcon. */
export interface IconJson {
  knownIcon?: string;
  iconUrl?: string;
  materialIcon?: MaterialIconJson;
  altText?: string;
  imageType?: 'SQUARE' | 'CIRCLE';
}
export interface ButtonJson {
  text?: string;
  icon?: IconJson;
  color?: ColorJson;
  type?: 'OUTLINED' | 'FILLED' | 'FILLED_TONAL' | 'BORDERLESS';
  onClick: OnClickJson;
  disabled?: boolean;
  altText?: string;
}
export interface SwitchControlJson {
  name: string;
  value?: string;
  selected?: boolean;
  onChangeAction?: ActionJson;
  controlType?: 'SWITCH' | 'CHECK_BOX';
}
export interface DecoratedTextJson {
  startIcon?: IconJson;
  topLabel?: string;
  text: string;
  wrapText?: boolean;
  bottomLabel?: string;
  onClick?: OnClickJson;
  /** At most one of button, switchControl, endIcon. */
  button?: ButtonJson;
  switchControl?: SwitchControlJson;
  endIcon?: IconJson;
}
export interface TextInputJson {
  name: string;
  label?: string;
  hintText?: string;
  value?: string;
  type?: 'SINGLE_LINE' | 'MULTIPLE_LINE';
  onChangeAction?: ActionJson;
  initialSuggestions?: { items: { text: string }[] };
  autoCompleteAction?: ActionJson;
  validation?: { characterLimit?: number; inputType?: 'TEXT' | 'INTEGER' | 'FLOAT' | 'EMAIL' };
}
export interface SelectionItemJson {
  text: string;
  value: string;
  selected: boolean;
  startIconUri?: string;
  bottomText?: string;
}
export type SelectionTypeName = 'CHECK_BOX' | 'RADIO_BUTTON' | 'DROPDOWN' | 'SWITCH' | 'MULTI_SELECT';
export interface SelectionInputJson {
  name: string;
  label?: string;
  type?: SelectionTypeName;
  items: SelectionItemJson[];
  onChangeAction?: ActionJson;
  multiSelectMaxSelectedItems?: number;
  multiSelectMinQueryLength?: number;
  externalDataSource?: ActionJson;
}
export interface DateTimePickerJson {
  name: string;
  label?: string;
  type: 'DATE_AND_TIME' | 'DATE_ONLY' | 'TIME_ONLY';
  /** Milliseconds since the epoch, as a decimal string (proto int64). */
  valueMsEpoch?: string;
  timezoneOffsetDate?: number;
  onChangeAction?: ActionJson;
}
export interface BorderStyleJson {
  type: 'NO_BORDER' | 'STROKE';
  strokeColor?: ColorJson;
  cornerRadius?: number;
}
export interface ImageComponentJson {
  imageUri: string;
  altText?: string;
  cropStyle?: { type: 'SQUARE' | 'CIRCLE' | 'RECTANGLE_CUSTOM' | 'RECTANGLE_4_3'; aspectRatio?: number };
  borderStyle?: BorderStyleJson;
}
export interface GridItemJson {
  id?: string;
  image?: ImageComponentJson;
  title?: string;
  subtitle?: string;
  layout?: 'TEXT_BELOW' | 'TEXT_ABOVE';
  textAlignment?: 'START' | 'CENTER' | 'END';
}
export interface GridJson {
  title?: string;
  items: GridItemJson[];
  borderStyle?: BorderStyleJson;
  columnCount?: number;
  onClick?: OnClickJson;
}
export interface ImageJson {
  imageUrl: string;
  altText?: string;
  onClick?: OnClickJson;
}
/** A widget holds exactly one of these. */
export type WidgetJson =
  | { textParagraph: { text: string; maxLines?: number } }
  | { image: ImageJson }
  | { decoratedText: DecoratedTextJson }
  | { buttonList: { buttons: ButtonJson[] } }
  | { textInput: TextInputJson }
  | { selectionInput: SelectionInputJson }
  | { dateTimePicker: DateTimePickerJson }
  | { divider: Record<string, never> }
  | { grid: GridJson };
export interface SectionJson {
  header?: string;
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
  widgets: WidgetJson[];
}
export interface CardHeaderJson {
  title: string;
  subtitle?: string;
  imageType?: 'SQUARE' | 'CIRCLE';
  imageUrl?: string;
  imageAltText?: string;
}
export interface CardActionJson {
  actionLabel: string;
  onClick: OnClickJson;
}
export interface CardJson {
  header?: CardHeaderJson;
  sections: SectionJson[];
  cardActions?: CardActionJson[];
  name?: string;
  fixedFooter?: { primaryButton: ButtonJson; secondaryButton?: ButtonJson };
  displayStyle?: 'PEEK' | 'REPLACE';
  peekCardHeader?: CardHeaderJson;
}
export type NavigationJson =
  | { pushCard: CardJson }
  | { updateCard: CardJson }
  | { pop: true }
  | { popToRoot: true }
  | { popToCard: string };
/** The `action` of a RenderActions. */
export interface RenderActionJson {
  navigations?: NavigationJson[];
  notification?: { text: string };
  link?: OpenLinkJson;
}
/** ActionResponse.printJson(): the documented SubmitFormResponse. */
export interface ActionResponseJson {
  renderActions: { action: RenderActionJson };
  stateChanged?: boolean;
}
/** UniversalActionResponse.printJson(): a RenderActions. */
export interface UniversalActionResponseJson {
  action: RenderActionJson;
}

/** "You can add up to 100 widgets per card. Any widgets beyond this limit are ignored." */
export const MAX_WIDGETS_PER_CARD = 100;
/** SelectionInput items: "Supports up to 100 items." */
export const MAX_SELECTION_ITEMS = 100;

// ---------------------------------------------------------------------------------------------
// Enums: Apps Script enum members print as their names, as the other fakes' enums do.

function enumOf<const T extends readonly string[]>(names: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [K in T[number]]: K };
}

const ENUMS = {
  SelectionInputType: enumOf(['CHECK_BOX', 'RADIO_BUTTON', 'DROPDOWN', 'SWITCH', 'MULTI_SELECT']),
  TextButtonStyle: enumOf(['OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']),
  OpenAs: enumOf(['FULL_SIZE', 'OVERLAY']),
  OnClose: enumOf(['NOTHING', 'RELOAD']),
  LoadIndicator: enumOf(['SPINNER', 'NONE']),
  Interaction: enumOf(['INTERACTION_UNSPECIFIED', 'OPEN_DIALOG']),
  ImageStyle: enumOf(['SQUARE', 'CIRCLE']),
  ImageCropType: enumOf(['SQUARE', 'CIRCLE', 'RECTANGLE_CUSTOM', 'RECTANGLE_4_3']),
  BorderType: enumOf(['NO_BORDER', 'STROKE']),
  GridItemLayout: enumOf(['TEXT_BELOW', 'TEXT_ABOVE']),
  HorizontalAlignment: enumOf(['START', 'CENTER', 'END']),
  InputType: enumOf(['TEXT', 'INTEGER', 'FLOAT', 'EMAIL']),
  SwitchControlType: enumOf(['SWITCH', 'CHECK_BOX']),
  DisplayStyle: enumOf(['PEEK', 'REPLACE']),
  // The built-in icons of @types/google-apps-script's Icon, which are the knownIcon names.
  Icon: enumOf([
    'NONE',
    'AIRPLANE',
    'BOOKMARK',
    'BUS',
    'CAR',
    'CLOCK',
    'CONFIRMATION_NUMBER_ICON',
    'DOLLAR',
    'DESCRIPTION',
    'EMAIL',
    'EVENT_PERFORMER',
    'EVENT_SEAT',
    'FLIGHT_ARRIVAL',
    'FLIGHT_DEPARTURE',
    'HOTEL',
    'HOTEL_ROOM_TYPE',
    'INVITE',
    'MAP_PIN',
    'MEMBERSHIP',
    'MULTIPLE_PEOPLE',
    'OFFER',
    'PERSON',
    'PHONE',
    'RESTAURANT_ICON',
    'SHOPPING_CART',
    'STAR',
    'STORE',
    'TICKET',
    'TRAIN',
    'VIDEO_CAMERA',
    'VIDEO_PLAY',
  ]),
} as const;
type EnumName = keyof typeof ENUMS;
type EnumValue<E extends EnumName> = keyof (typeof ENUMS)[E];

// ---------------------------------------------------------------------------------------------
// Arguments and errors.

const SERVICE = 'CardService';

/** How Apps Script names an argument's type in its signature-mismatch message. */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return 'number';
  return 'Object';
}

/** Builds the JSON of a card (or of what a response carries), collecting input names. */
class BuildContext {
  private readonly names = new Set<string>();
  constructor(readonly ws: Workspace) {}
  fail(message: string): Error {
    return this.ws.error(message);
  }
  /** setFieldName: "Required, must be unique." */
  fieldName(kind: string, name: string | undefined): string {
    if (name === undefined || name === '') throw this.fail(`${kind} must have a field name.`);
    if (this.names.has(name))
      throw this.fail(`Field name "${name}" is used by more than one input in the card.`);
    this.names.add(name);
    return name;
  }
}

/** Every builder records its calls as `CardService.<Class>.<method>`. */
abstract class Builder {
  constructor(
    protected readonly ws: Workspace,
    private readonly cls: string,
  ) {}
  protected rec(method: string): void {
    this.ws.call(SERVICE, `${this.cls}.${method}`);
  }
  protected mismatch(method: string, ...args: unknown[]): Error {
    return this.ws.error(
      `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${SERVICE}.${this.cls}.${method}.`,
    );
  }
  protected str(method: string, v: unknown): string {
    this.rec(method);
    if (v === null || v === undefined || typeof v === 'object' || typeof v === 'function')
      throw this.mismatch(method, v);
    return String(v);
  }
  protected bool(method: string, v: unknown): boolean {
    this.rec(method);
    if (typeof v !== 'boolean') throw this.mismatch(method, v);
    return v;
  }
  protected int(method: string, v: unknown): number {
    this.rec(method);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.mismatch(method, v);
    return Math.trunc(v);
  }
  protected enumArg<E extends EnumName>(method: string, e: E, v: unknown): EnumValue<E> {
    this.rec(method);
    if (typeof v !== 'string' || !Object.prototype.hasOwnProperty.call(ENUMS[e], v))
      throw this.mismatch(method, v);
    return v as EnumValue<E>;
  }
  protected obj<T>(method: string, v: unknown, cls: abstract new (...args: never[]) => T): T {
    this.rec(method);
    if (!(v instanceof cls)) throw this.mismatch(method, v);
    return v;
  }
}

/** "#RGB" or "#RRGGBB" as a google.type.Color, each channel / 255. */
function colorOf(ctx: BuildContext, hex: string): ColorJson {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw ctx.fail(`Invalid color: ${hex}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const channel = (i: number) => parseInt(h.slice(i, i + 2), 16) / 255;
  return { red: channel(0), green: channel(2), blue: channel(4) };
}

// ---------------------------------------------------------------------------------------------
// Actions and links.

class FakeAction extends Builder {
  private fn?: string;
  private params?: ActionParameterJson[];
  private loadIndicator?: 'SPINNER' | 'NONE';
  private persist?: boolean;
  private interaction?: 'INTERACTION_UNSPECIFIED' | 'OPEN_DIALOG';
  private required?: string[];
  private allRequired?: boolean;
  constructor(ws: Workspace) {
    super(ws, 'Action');
  }
  /** "Sets the name of the callback function to be called. Required." */
  setFunctionName(name: unknown): this {
    this.fn = this.str('setFunctionName', name);
    return this;
  }
  /** Deprecated alias of setFunctionName. */
  setMethodName(name: unknown): this {
    this.fn = this.str('setMethodName', name);
    return this;
  }
  /** Keys and values must be strings; numbers and booleans become strings (see the header). */
  setParameters(parameters: unknown): this {
    this.rec('setParameters');
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters))
      throw this.mismatch('setParameters', parameters);
    this.params = Object.entries(parameters).map(([key, value]) => {
      if (typeof value === 'string') return { key, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { key, value: String(value) };
      throw this.ws.error('Invalid argument: parameters');
    });
    return this;
  }
  setLoadIndicator(v: unknown): this {
    this.loadIndicator = this.enumArg('setLoadIndicator', 'LoadIndicator', v);
    return this;
  }
  setPersistValues(v: unknown): this {
    this.persist = this.bool('setPersistValues', v);
    return this;
  }
  setInteraction(v: unknown): this {
    this.interaction = this.enumArg('setInteraction', 'Interaction', v);
    return this;
  }
  addRequiredWidget(name: unknown): this {
    (this.required ??= []).push(this.str('addRequiredWidget', name));
    return this;
  }
  setAllWidgetsAreRequired(v: unknown): this {
    this.allRequired = this.bool('setAllWidgetsAreRequired', v);
    return this;
  }
  json(ctx: BuildContext): ActionJson {
    if (!this.fn) throw ctx.fail('Action must have a function name.');
    const out: ActionJson = { function: this.fn };
    if (this.params) out.parameters = this.params.map((p) => ({ ...p }));
    if (this.loadIndicator) out.loadIndicator = this.loadIndicator;
    if (this.persist !== undefined) out.persistValues = this.persist;
    if (this.interaction) out.interaction = this.interaction;
    if (this.required) out.requiredWidgets = [...this.required];
    if (this.allRequired !== undefined) out.allWidgetsAreRequired = this.allRequired;
    return out;
  }
}

class FakeOpenLink extends Builder {
  private url?: string;
  private openAs?: 'FULL_SIZE' | 'OVERLAY';
  private onClose?: 'NOTHING' | 'RELOAD';
  constructor(ws: Workspace) {
    super(ws, 'OpenLink');
  }
  setUrl(url: unknown): this {
    this.url = this.str('setUrl', url);
    return this;
  }
  setOpenAs(v: unknown): this {
    this.openAs = this.enumArg('setOpenAs', 'OpenAs', v);
    return this;
  }
  setOnClose(v: unknown): this {
    this.onClose = this.enumArg('setOnClose', 'OnClose', v);
    return this;
  }
  json(ctx: BuildContext): OpenLinkJson {
    if (!this.url) throw ctx.fail('OpenLink must have a URL.');
    const out: OpenLinkJson = { url: this.url };
    if (this.openAs) out.openAs = this.openAs;
    if (this.onClose) out.onClose = this.onClose;
    return out;
  }
}

type Click =
  | { kind: 'action'; action: FakeAction }
  | { kind: 'openLink'; link: FakeOpenLink }
  | { kind: 'openDynamicLinkAction'; action: FakeAction };

function clickJson(ctx: BuildContext, click: Click): OnClickJson {
  if (click.kind === 'openLink') return { openLink: click.link.json(ctx) };
  return { [click.kind]: click.action.json(ctx) };
}

/** What a CardSection accepts: a builder that prints as a widget. */
interface WidgetBuilder extends Builder {
  widget(ctx: BuildContext): WidgetJson;
}
function isWidget(v: unknown): v is WidgetBuilder {
  return v instanceof Builder && typeof (v as Partial<WidgetBuilder>).widget === 'function';
}

/** The click setters shared by buttons, images, decorated text, grids and card actions. */
abstract class Clickable extends Builder {
  protected click?: Click;
  setOnClickAction(action: unknown): this {
    this.click = { kind: 'action', action: this.obj('setOnClickAction', action, FakeAction) };
    return this;
  }
  /** "Sets an action that opens a URL in a tab when the object is clicked." */
  setOnClickOpenLinkAction(action: unknown): this {
    this.click = {
      kind: 'openDynamicLinkAction',
      action: this.obj('setOnClickOpenLinkAction', action, FakeAction),
    };
    return this;
  }
  setOpenLink(link: unknown): this {
    this.click = { kind: 'openLink', link: this.obj('setOpenLink', link, FakeOpenLink) };
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Icons and buttons.

class FakeMaterialIcon extends Builder {
  private name?: string;
  private fill?: boolean;
  private weight?: number;
  private grade?: number;
  constructor(ws: Workspace) {
    super(ws, 'MaterialIcon');
  }
  setName(v: unknown): this {
    this.name = this.str('setName', v);
    return this;
  }
  setFill(v: unknown): this {
    this.fill = this.bool('setFill', v);
    return this;
  }
  setWeight(v: unknown): this {
    this.weight = this.int('setWeight', v);
    return this;
  }
  setGrade(v: unknown): this {
    this.grade = this.int('setGrade', v);
    return this;
  }
  json(ctx: BuildContext): MaterialIconJson {
    if (!this.name) throw ctx.fail('MaterialIcon must have a name.');
    const out: MaterialIconJson = { name: this.name };
    if (this.fill !== undefined) out.fill = this.fill;
    if (this.weight !== undefined) out.weight = this.weight;
    if (this.grade !== undefined) out.grade = this.grade;
    return out;
  }
}

/** The icon part shared by IconImage, ImageButton, TextButton and DecoratedText. */
type IconSource = { knownIcon: string } | { iconUrl: string } | { materialIcon: FakeMaterialIcon };

function iconJson(
  ctx: BuildContext,
  src: IconSource,
  altText?: string,
  imageType?: 'SQUARE' | 'CIRCLE',
): IconJson {
  const out: IconJson = 'materialIcon' in src ? { materialIcon: src.materialIcon.json(ctx) } : { ...src };
  if (altText !== undefined) out.altText = altText;
  if (imageType) out.imageType = imageType;
  return out;
}

class FakeIconImage extends Builder {
  private src?: IconSource;
  private altText?: string;
  private imageType?: 'SQUARE' | 'CIRCLE';
  constructor(ws: Workspace) {
    super(ws, 'IconImage');
  }
  setIcon(icon: unknown): this {
    this.src = { knownIcon: this.enumArg('setIcon', 'Icon', icon) };
    return this;
  }
  setIconUrl(url: unknown): this {
    this.src = { iconUrl: this.str('setIconUrl', url) };
    return this;
  }
  setMaterialIcon(icon: unknown): this {
    this.src = { materialIcon: this.obj('setMaterialIcon', icon, FakeMaterialIcon) };
    return this;
  }
  setAltText(v: unknown): this {
    this.altText = this.str('setAltText', v);
    return this;
  }
  /** "If you want to apply a crop style to an IconImage, you can only use SQUARE or CIRCLE." */
  setImageCropType(v: unknown): this {
    const type = this.enumArg('setImageCropType', 'ImageCropType', v);
    if (type !== 'SQUARE' && type !== 'CIRCLE') throw this.ws.error('Invalid argument: imageCropType');
    this.imageType = type;
    return this;
  }
  json(ctx: BuildContext): IconJson {
    if (!this.src) throw ctx.fail('IconImage must have an icon, an icon URL or a material icon.');
    return iconJson(ctx, this.src, this.altText, this.imageType);
  }
}

abstract class FakeButton extends Clickable {
  abstract button(ctx: BuildContext): ButtonJson;
  /** A button added on its own to a section prints as a list of one button. */
  widget(ctx: BuildContext): WidgetJson {
    return { buttonList: { buttons: [this.button(ctx)] } };
  }
  protected onClickOf(ctx: BuildContext, kind: string): OnClickJson {
    if (!this.click) throw ctx.fail(`${kind} must have an on-click action or a link to open.`);
    return clickJson(ctx, this.click);
  }
}

class FakeTextButton extends FakeButton {
  private text?: string;
  private icon?: IconSource;
  private altText?: string;
  private backgroundColor?: string;
  private style?: EnumValue<'TextButtonStyle'>;
  private disabled?: boolean;
  constructor(ws: Workspace) {
    super(ws, 'TextButton');
  }
  setText(v: unknown): this {
    this.text = this.str('setText', v);
    return this;
  }
  setIcon(icon: unknown): this {
    this.icon = { knownIcon: this.enumArg('setIcon', 'Icon', icon) };
    return this;
  }
  setIconUrl(url: unknown): this {
    this.icon = { iconUrl: this.str('setIconUrl', url) };
    return this;
  }
  setMaterialIcon(icon: unknown): this {
    this.icon = { materialIcon: this.obj('setMaterialIcon', icon, FakeMaterialIcon) };
    return this;
  }
  setAltText(v: unknown): this {
    this.altText = this.str('setAltText', v);
    return this;
  }
  setBackgroundColor(v: unknown): this {
    this.backgroundColor = this.str('setBackgroundColor', v);
    return this;
  }
  setTextButtonStyle(v: unknown): this {
    this.style = this.enumArg('setTextButtonStyle', 'TextButtonStyle', v);
    return this;
  }
  setDisabled(v: unknown): this {
    this.disabled = this.bool('setDisabled', v);
    return this;
  }
  button(ctx: BuildContext): ButtonJson {
    if (!this.text && !this.icon) throw ctx.fail('TextButton must have text or an icon.');
    const onClick = this.onClickOf(ctx, 'TextButton');
    const out: Partial<ButtonJson> = {};
    if (this.text) out.text = this.text;
    if (this.icon) out.icon = iconJson(ctx, this.icon);
    if (this.style === 'FILLED' && this.backgroundColor !== undefined)
      out.color = colorOf(ctx, this.backgroundColor);
    if (this.style && this.style !== 'TEXT') out.type = this.style;
    out.onClick = onClick;
    if (this.disabled !== undefined) out.disabled = this.disabled;
    if (this.altText !== undefined) out.altText = this.altText;
    return out as ButtonJson;
  }
}

class FakeImageButton extends FakeButton {
  private icon?: IconSource;
  private altText?: string;
  constructor(ws: Workspace) {
    super(ws, 'ImageButton');
  }
  setIcon(icon: unknown): this {
    this.icon = { knownIcon: this.enumArg('setIcon', 'Icon', icon) };
    return this;
  }
  setIconUrl(url: unknown): this {
    this.icon = { iconUrl: this.str('setIconUrl', url) };
    return this;
  }
  setMaterialIcon(icon: unknown): this {
    this.icon = { materialIcon: this.obj('setMaterialIcon', icon, FakeMaterialIcon) };
    return this;
  }
  setAltText(v: unknown): this {
    this.altText = this.str('setAltText', v);
    return this;
  }
  button(ctx: BuildContext): ButtonJson {
    if (!this.icon) throw ctx.fail('ImageButton must have an icon.');
    return { icon: iconJson(ctx, this.icon, this.altText), onClick: this.onClickOf(ctx, 'ImageButton') };
  }
}

class FakeButtonSet extends Builder {
  private readonly buttons: FakeButton[] = [];
  constructor(ws: Workspace) {
    super(ws, 'ButtonSet');
  }
  addButton(button: unknown): this {
    this.buttons.push(this.obj('addButton', button, FakeButton));
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    if (this.buttons.length === 0) throw ctx.fail('ButtonSet must contain at least one button.');
    return { buttonList: { buttons: this.buttons.map((b) => b.button(ctx)) } };
  }
}

// ---------------------------------------------------------------------------------------------
// Text widgets.

class FakeTextParagraph extends Builder {
  private text?: string;
  private maxLines?: number;
  constructor(ws: Workspace) {
    super(ws, 'TextParagraph');
  }
  setText(v: unknown): this {
    this.text = this.str('setText', v);
    return this;
  }
  setMaxLines(v: unknown): this {
    this.maxLines = this.int('setMaxLines', v);
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    if (this.text === undefined) throw ctx.fail('TextParagraph must have text.');
    const textParagraph: { text: string; maxLines?: number } = { text: this.text };
    if (this.maxLines !== undefined) textParagraph.maxLines = this.maxLines;
    return { textParagraph };
  }
}

class FakeSwitch extends Builder {
  private name?: string;
  private value?: string;
  private selected?: boolean;
  private onChange?: FakeAction;
  private controlType?: 'SWITCH' | 'CHECK_BOX';
  constructor(ws: Workspace) {
    super(ws, 'Switch');
  }
  setFieldName(v: unknown): this {
    this.name = this.str('setFieldName', v);
    return this;
  }
  setValue(v: unknown): this {
    this.value = this.str('setValue', v);
    return this;
  }
  setSelected(v: unknown): this {
    this.selected = this.bool('setSelected', v);
    return this;
  }
  setOnChangeAction(action: unknown): this {
    this.onChange = this.obj('setOnChangeAction', action, FakeAction);
    return this;
  }
  setControlType(v: unknown): this {
    this.controlType = this.enumArg('setControlType', 'SwitchControlType', v);
    return this;
  }
  json(ctx: BuildContext): SwitchControlJson {
    const out: SwitchControlJson = { name: ctx.fieldName('Switch', this.name) };
    if (this.value !== undefined) out.value = this.value;
    if (this.selected !== undefined) out.selected = this.selected;
    if (this.onChange) out.onChangeAction = this.onChange.json(ctx);
    if (this.controlType) out.controlType = this.controlType;
    return out;
  }
}

type Control = { button: FakeButton } | { switchControl: FakeSwitch } | { endIcon: FakeIconImage };

class FakeDecoratedText extends Clickable {
  private text?: string;
  private topLabel?: string;
  private bottomLabel?: string;
  private wrapText?: boolean;
  private startIcon?: FakeIconImage;
  private legacyIcon?: IconSource;
  private legacyIconAlt?: string;
  private control?: Control;
  constructor(ws: Workspace) {
    super(ws, 'DecoratedText');
  }
  setText(v: unknown): this {
    this.text = this.str('setText', v);
    return this;
  }
  setTopLabel(v: unknown): this {
    this.topLabel = this.str('setTopLabel', v);
    return this;
  }
  setBottomLabel(v: unknown): this {
    this.bottomLabel = this.str('setBottomLabel', v);
    return this;
  }
  setWrapText(v: unknown): this {
    this.wrapText = this.bool('setWrapText', v);
    return this;
  }
  setStartIcon(icon: unknown): this {
    this.startIcon = this.obj('setStartIcon', icon, FakeIconImage);
    return this;
  }
  setIcon(icon: unknown): this {
    this.legacyIcon = { knownIcon: this.enumArg('setIcon', 'Icon', icon) };
    return this;
  }
  setIconUrl(url: unknown): this {
    this.legacyIcon = { iconUrl: this.str('setIconUrl', url) };
    return this;
  }
  setIconAltText(v: unknown): this {
    this.legacyIconAlt = this.str('setIconAltText', v);
    return this;
  }
  /** Button, switch and end icon share one place at the end of the row: the last one set wins. */
  setButton(button: unknown): this {
    this.control = { button: this.obj('setButton', button, FakeButton) };
    return this;
  }
  setSwitchControl(control: unknown): this {
    this.control = { switchControl: this.obj('setSwitchControl', control, FakeSwitch) };
    return this;
  }
  setEndIcon(icon: unknown): this {
    this.control = { endIcon: this.obj('setEndIcon', icon, FakeIconImage) };
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    if (this.text === undefined) throw ctx.fail('DecoratedText must have text.');
    const out: Partial<DecoratedTextJson> = {};
    if (this.startIcon) out.startIcon = this.startIcon.json(ctx);
    else if (this.legacyIcon) out.startIcon = iconJson(ctx, this.legacyIcon, this.legacyIconAlt);
    if (this.topLabel !== undefined) out.topLabel = this.topLabel;
    out.text = this.text;
    if (this.wrapText !== undefined) out.wrapText = this.wrapText;
    if (this.bottomLabel !== undefined) out.bottomLabel = this.bottomLabel;
    if (this.click) out.onClick = clickJson(ctx, this.click);
    if (this.control && 'button' in this.control) out.button = this.control.button.button(ctx);
    if (this.control && 'switchControl' in this.control)
      out.switchControl = this.control.switchControl.json(ctx);
    if (this.control && 'endIcon' in this.control) out.endIcon = this.control.endIcon.json(ctx);
    return { decoratedText: out as DecoratedTextJson };
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs.

class FakeSuggestions extends Builder {
  readonly items: string[] = [];
  constructor(ws: Workspace) {
    super(ws, 'Suggestions');
  }
  addSuggestion(v: unknown): this {
    this.items.push(this.str('addSuggestion', v));
    return this;
  }
  addSuggestions(list: unknown): this {
    this.rec('addSuggestions');
    if (!Array.isArray(list)) throw this.mismatch('addSuggestions', list);
    this.items.push(...list.map(String));
    return this;
  }
}

class FakeValidation extends Builder {
  characterLimit?: number;
  inputType?: EnumValue<'InputType'>;
  constructor(ws: Workspace) {
    super(ws, 'Validation');
  }
  setCharacterLimit(v: unknown): this {
    // The typings take an Integer; Google's own example passes the string '10'.
    this.rec('setCharacterLimit');
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw this.mismatch('setCharacterLimit', v);
    this.characterLimit = n;
    return this;
  }
  setInputType(v: unknown): this {
    this.inputType = this.enumArg('setInputType', 'InputType', v);
    return this;
  }
}

class FakeTextInput extends Builder {
  private name?: string;
  private title?: string;
  private hint?: string;
  private value?: string;
  private multiline?: boolean;
  private onChange?: FakeAction;
  private suggestions?: FakeSuggestions;
  private suggestionsAction?: FakeAction;
  private validation?: FakeValidation;
  constructor(ws: Workspace) {
    super(ws, 'TextInput');
  }
  /** "Required, must be unique." */
  setFieldName(v: unknown): this {
    this.name = this.str('setFieldName', v);
    return this;
  }
  /** "Sets the title to be shown above the input field. Required." */
  setTitle(v: unknown): this {
    this.title = this.str('setTitle', v);
    return this;
  }
  setHint(v: unknown): this {
    this.hint = this.str('setHint', v);
    return this;
  }
  setValue(v: unknown): this {
    this.value = this.str('setValue', v);
    return this;
  }
  setMultiline(v: unknown): this {
    this.multiline = this.bool('setMultiline', v);
    return this;
  }
  setOnChangeAction(action: unknown): this {
    this.onChange = this.obj('setOnChangeAction', action, FakeAction);
    return this;
  }
  setSuggestions(s: unknown): this {
    this.suggestions = this.obj('setSuggestions', s, FakeSuggestions);
    return this;
  }
  setSuggestionsAction(action: unknown): this {
    this.suggestionsAction = this.obj('setSuggestionsAction', action, FakeAction);
    return this;
  }
  setValidation(v: unknown): this {
    this.validation = this.obj('setValidation', v, FakeValidation);
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    const out: TextInputJson = { name: ctx.fieldName('TextInput', this.name) };
    if (this.title === undefined) throw ctx.fail('TextInput must have a title.');
    out.label = this.title;
    if (this.hint !== undefined) out.hintText = this.hint;
    if (this.value !== undefined) out.value = this.value;
    if (this.multiline !== undefined) out.type = this.multiline ? 'MULTIPLE_LINE' : 'SINGLE_LINE';
    if (this.onChange) out.onChangeAction = this.onChange.json(ctx);
    if (this.suggestions)
      out.initialSuggestions = { items: this.suggestions.items.map((text) => ({ text })) };
    if (this.suggestionsAction) out.autoCompleteAction = this.suggestionsAction.json(ctx);
    if (this.validation) {
      const v: NonNullable<TextInputJson['validation']> = {};
      if (this.validation.characterLimit !== undefined) v.characterLimit = this.validation.characterLimit;
      if (this.validation.inputType) v.inputType = this.validation.inputType;
      out.validation = v;
    }
    return { textInput: out };
  }
}

class FakeSelectionInput extends Builder {
  private name?: string;
  private title?: string;
  private type?: SelectionTypeName;
  private readonly items: SelectionItemJson[] = [];
  private onChange?: FakeAction;
  private maxSelected?: number;
  private minQuery?: number;
  private external?: FakeAction;
  constructor(ws: Workspace) {
    super(ws, 'SelectionInput');
  }
  setFieldName(v: unknown): this {
    this.name = this.str('setFieldName', v);
    return this;
  }
  setTitle(v: unknown): this {
    this.title = this.str('setTitle', v);
    return this;
  }
  setType(v: unknown): this {
    this.type = this.enumArg('setType', 'SelectionInputType', v);
    return this;
  }
  /** addItem(text, value, selected): text and value may be any value and print as strings. */
  addItem(text: unknown, value: unknown, selected: unknown): this {
    this.rec('addItem');
    if (
      text === undefined ||
      text === null ||
      value === undefined ||
      value === null ||
      typeof selected !== 'boolean'
    )
      throw this.mismatch('addItem', text, value, selected);
    this.items.push({ text: String(text), value: String(value), selected });
    return this;
  }
  addMultiSelectItem(
    text: unknown,
    value: unknown,
    selected: unknown,
    startIconUri: unknown,
    bottomText: unknown,
  ): this {
    this.rec('addMultiSelectItem');
    if (typeof selected !== 'boolean' || text === undefined || value === undefined)
      throw this.mismatch('addMultiSelectItem', text, value, selected, startIconUri, bottomText);
    const item: SelectionItemJson = { text: String(text), value: String(value), selected };
    if (startIconUri !== undefined && startIconUri !== null) item.startIconUri = String(startIconUri);
    if (bottomText !== undefined && bottomText !== null) item.bottomText = String(bottomText);
    this.items.push(item);
    return this;
  }
  setOnChangeAction(action: unknown): this {
    this.onChange = this.obj('setOnChangeAction', action, FakeAction);
    return this;
  }
  /** "Minimum value is 1 item." */
  setMultiSelectMaxSelectedItems(v: unknown): this {
    const n = this.int('setMultiSelectMaxSelectedItems', v);
    if (n < 1) throw this.ws.error('Invalid argument: maxSelectedItems');
    this.maxSelected = n;
    return this;
  }
  setMultiSelectMinQueryLength(v: unknown): this {
    this.minQuery = this.int('setMultiSelectMinQueryLength', v);
    return this;
  }
  setExternalDataSource(action: unknown): this {
    this.external = this.obj('setExternalDataSource', action, FakeAction);
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    const out: Partial<SelectionInputJson> = { name: ctx.fieldName('SelectionInput', this.name) };
    if (this.title !== undefined) out.label = this.title;
    if (this.type) out.type = this.type;
    out.items = this.items.map((i) => ({ ...i }));
    if (this.onChange) out.onChangeAction = this.onChange.json(ctx);
    if (this.maxSelected !== undefined) out.multiSelectMaxSelectedItems = this.maxSelected;
    if (this.minQuery !== undefined) out.multiSelectMinQueryLength = this.minQuery;
    if (this.external) out.externalDataSource = this.external.json(ctx);
    return { selectionInput: out as SelectionInputJson };
  }
}

/** DatePicker: a dateTimePicker of type DATE_ONLY. */
class FakeDatePicker extends Builder {
  private name?: string;
  private title?: string;
  private valueMs?: string;
  protected offsetMins?: number;
  private onChange?: FakeAction;
  constructor(
    ws: Workspace,
    private readonly kind: 'DatePicker' | 'DateTimePicker' = 'DatePicker',
  ) {
    super(ws, kind);
  }
  setFieldName(v: unknown): this {
    this.name = this.str('setFieldName', v);
    return this;
  }
  setTitle(v: unknown): this {
    this.title = this.str('setTitle', v);
    return this;
  }
  /** Takes a number or a numeric string ("valueMsEpoch: number | string" in the typings). */
  setValueInMsSinceEpoch(v: unknown): this {
    this.rec('setValueInMsSinceEpoch');
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw this.mismatch('setValueInMsSinceEpoch', v);
    this.valueMs = String(Math.trunc(n));
    return this;
  }
  setOnChangeAction(action: unknown): this {
    this.onChange = this.obj('setOnChangeAction', action, FakeAction);
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    const out: Partial<DateTimePickerJson> = { name: ctx.fieldName(this.kind, this.name) };
    if (this.title !== undefined) out.label = this.title;
    out.type = this.kind === 'DatePicker' ? 'DATE_ONLY' : 'DATE_AND_TIME';
    if (this.valueMs !== undefined) out.valueMsEpoch = this.valueMs;
    if (this.offsetMins !== undefined) out.timezoneOffsetDate = this.offsetMins;
    if (this.onChange) out.onChangeAction = this.onChange.json(ctx);
    return { dateTimePicker: out as DateTimePickerJson };
  }
}

/** DateTimePicker: a dateTimePicker of type DATE_AND_TIME, with a time zone offset. */
class FakeDateTimePicker extends FakeDatePicker {
  constructor(ws: Workspace) {
    super(ws, 'DateTimePicker');
  }
  setTimeZoneOffsetInMins(v: unknown): this {
    this.offsetMins = this.int('setTimeZoneOffsetInMins', v);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Images, grid, divider.

class FakeImage extends Clickable {
  private url?: string;
  private altText?: string;
  constructor(ws: Workspace) {
    super(ws, 'Image');
  }
  setImageUrl(v: unknown): this {
    this.url = this.str('setImageUrl', v);
    return this;
  }
  setAltText(v: unknown): this {
    this.altText = this.str('setAltText', v);
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    if (!this.url) throw ctx.fail('Image must have an image URL.');
    const image: ImageJson = { imageUrl: this.url };
    if (this.altText !== undefined) image.altText = this.altText;
    if (this.click) image.onClick = clickJson(ctx, this.click);
    return { image };
  }
}

class FakeDivider extends Builder {
  constructor(ws: Workspace) {
    super(ws, 'Divider');
  }
  widget(): WidgetJson {
    return { divider: {} };
  }
}

class FakeBorderStyle extends Builder {
  private type?: 'NO_BORDER' | 'STROKE';
  private strokeColor?: string;
  private radius?: number;
  constructor(ws: Workspace) {
    super(ws, 'BorderStyle');
  }
  setType(v: unknown): this {
    this.type = this.enumArg('setType', 'BorderType', v);
    return this;
  }
  setStrokeColor(v: unknown): this {
    this.strokeColor = this.str('setStrokeColor', v);
    return this;
  }
  setCornerRadius(v: unknown): this {
    this.radius = this.int('setCornerRadius', v);
    return this;
  }
  json(ctx: BuildContext): BorderStyleJson {
    if (!this.type) throw ctx.fail('BorderStyle must have a type.');
    const out: BorderStyleJson = { type: this.type };
    if (this.strokeColor !== undefined) out.strokeColor = colorOf(ctx, this.strokeColor);
    if (this.radius !== undefined) out.cornerRadius = this.radius;
    return out;
  }
}

class FakeImageCropStyle extends Builder {
  private type?: EnumValue<'ImageCropType'>;
  private ratio?: number;
  constructor(ws: Workspace) {
    super(ws, 'ImageCropStyle');
  }
  setImageCropType(v: unknown): this {
    this.type = this.enumArg('setImageCropType', 'ImageCropType', v);
    return this;
  }
  /** "Sets the aspect ratio to use if the crop type is RECTANGLE_CUSTOM. The ratio must be a positive value." */
  setAspectRatio(v: unknown): this {
    this.rec('setAspectRatio');
    if (typeof v !== 'number' || !(v > 0)) throw this.mismatch('setAspectRatio', v);
    this.ratio = v;
    return this;
  }
  json(ctx: BuildContext): NonNullable<ImageComponentJson['cropStyle']> {
    if (!this.type) throw ctx.fail('ImageCropStyle must have a crop type.');
    const out: NonNullable<ImageComponentJson['cropStyle']> = { type: this.type };
    if (this.ratio !== undefined) out.aspectRatio = this.ratio;
    return out;
  }
}

class FakeImageComponent extends Builder {
  private url?: string;
  private altText?: string;
  private crop?: FakeImageCropStyle;
  private border?: FakeBorderStyle;
  constructor(ws: Workspace) {
    super(ws, 'ImageComponent');
  }
  setImageUrl(v: unknown): this {
    this.url = this.str('setImageUrl', v);
    return this;
  }
  setAltText(v: unknown): this {
    this.altText = this.str('setAltText', v);
    return this;
  }
  setCropStyle(v: unknown): this {
    this.crop = this.obj('setCropStyle', v, FakeImageCropStyle);
    return this;
  }
  setBorderStyle(v: unknown): this {
    this.border = this.obj('setBorderStyle', v, FakeBorderStyle);
    return this;
  }
  json(ctx: BuildContext): ImageComponentJson {
    if (!this.url) throw ctx.fail('ImageComponent must have an image URL.');
    const out: ImageComponentJson = { imageUri: this.url };
    if (this.altText !== undefined) out.altText = this.altText;
    if (this.crop) out.cropStyle = this.crop.json(ctx);
    if (this.border) out.borderStyle = this.border.json(ctx);
    return out;
  }
}

class FakeGridItem extends Builder {
  private id?: string;
  private image?: FakeImageComponent;
  private title?: string;
  private subtitle?: string;
  private layout?: 'TEXT_BELOW' | 'TEXT_ABOVE';
  private alignment?: 'START' | 'CENTER' | 'END';
  constructor(ws: Workspace) {
    super(ws, 'GridItem');
  }
  setIdentifier(v: unknown): this {
    this.id = this.str('setIdentifier', v);
    return this;
  }
  setImage(v: unknown): this {
    this.image = this.obj('setImage', v, FakeImageComponent);
    return this;
  }
  setTitle(v: unknown): this {
    this.title = this.str('setTitle', v);
    return this;
  }
  setSubtitle(v: unknown): this {
    this.subtitle = this.str('setSubtitle', v);
    return this;
  }
  setLayout(v: unknown): this {
    this.layout = this.enumArg('setLayout', 'GridItemLayout', v);
    return this;
  }
  setTextAlignment(v: unknown): this {
    this.alignment = this.enumArg('setTextAlignment', 'HorizontalAlignment', v);
    return this;
  }
  json(ctx: BuildContext): GridItemJson {
    const out: GridItemJson = {};
    if (this.id !== undefined) out.id = this.id;
    if (this.image) out.image = this.image.json(ctx);
    if (this.title !== undefined) out.title = this.title;
    if (this.subtitle !== undefined) out.subtitle = this.subtitle;
    if (this.layout) out.layout = this.layout;
    if (this.alignment) out.textAlignment = this.alignment;
    return out;
  }
}

class FakeGrid extends Clickable {
  private title?: string;
  private readonly items: FakeGridItem[] = [];
  private columns?: number;
  private border?: FakeBorderStyle;
  constructor(ws: Workspace) {
    super(ws, 'Grid');
  }
  setTitle(v: unknown): this {
    this.title = this.str('setTitle', v);
    return this;
  }
  addItem(item: unknown): this {
    this.items.push(this.obj('addItem', item, FakeGridItem));
    return this;
  }
  setNumColumns(v: unknown): this {
    this.columns = this.int('setNumColumns', v);
    return this;
  }
  setBorderStyle(v: unknown): this {
    this.border = this.obj('setBorderStyle', v, FakeBorderStyle);
    return this;
  }
  widget(ctx: BuildContext): WidgetJson {
    const grid: Partial<GridJson> = {};
    if (this.title !== undefined) grid.title = this.title;
    grid.items = this.items.map((i) => i.json(ctx));
    if (this.border) grid.borderStyle = this.border.json(ctx);
    if (this.columns !== undefined) grid.columnCount = this.columns;
    if (this.click) grid.onClick = clickJson(ctx, this.click);
    return { grid: grid as GridJson };
  }
}

// ---------------------------------------------------------------------------------------------
// Card, header, sections, footer, card actions.

class FakeCardHeader extends Builder {
  private title?: string;
  private subtitle?: string;
  private imageUrl?: string;
  private imageStyle?: 'SQUARE' | 'CIRCLE';
  private imageAltText?: string;
  constructor(ws: Workspace) {
    super(ws, 'CardHeader');
  }
  setTitle(v: unknown): this {
    this.title = this.str('setTitle', v);
    return this;
  }
  setSubtitle(v: unknown): this {
    this.subtitle = this.str('setSubtitle', v);
    return this;
  }
  setImageUrl(v: unknown): this {
    this.imageUrl = this.str('setImageUrl', v);
    return this;
  }
  setImageStyle(v: unknown): this {
    this.imageStyle = this.enumArg('setImageStyle', 'ImageStyle', v);
    return this;
  }
  setImageAltText(v: unknown): this {
    this.imageAltText = this.str('setImageAltText', v);
    return this;
  }
  /** The header's title is "Required" in the card JSON. */
  json(ctx: BuildContext): CardHeaderJson {
    if (!this.title) throw ctx.fail('CardHeader must have a title.');
    const out: CardHeaderJson = { title: this.title };
    if (this.subtitle !== undefined) out.subtitle = this.subtitle;
    if (this.imageStyle) out.imageType = this.imageStyle;
    if (this.imageUrl !== undefined) out.imageUrl = this.imageUrl;
    if (this.imageAltText !== undefined) out.imageAltText = this.imageAltText;
    return out;
  }
}

class FakeCardSection extends Builder {
  private header?: string;
  private collapsible?: boolean;
  private uncollapsible?: number;
  private readonly widgets: WidgetBuilder[] = [];
  constructor(ws: Workspace) {
    super(ws, 'CardSection');
  }
  setHeader(v: unknown): this {
    this.header = this.str('setHeader', v);
    return this;
  }
  setCollapsible(v: unknown): this {
    this.collapsible = this.bool('setCollapsible', v);
    return this;
  }
  setNumUncollapsibleWidgets(v: unknown): this {
    this.uncollapsible = this.int('setNumUncollapsibleWidgets', v);
    return this;
  }
  addWidget(widget: unknown): this {
    this.rec('addWidget');
    if (!isWidget(widget)) throw this.mismatch('addWidget', widget);
    this.widgets.push(widget);
    return this;
  }
  /** The section "Must contain at least one widget." */
  json(ctx: BuildContext): SectionJson {
    if (this.widgets.length === 0) throw ctx.fail('CardSection must contain at least one widget.');
    const out: Partial<SectionJson> = {};
    if (this.header !== undefined) out.header = this.header;
    if (this.collapsible !== undefined) out.collapsible = this.collapsible;
    if (this.uncollapsible !== undefined) out.uncollapsibleWidgetsCount = this.uncollapsible;
    out.widgets = this.widgets.map((w) => w.widget(ctx));
    return out as SectionJson;
  }
}

class FakeCardAction extends Clickable {
  private text?: string;
  constructor(ws: Workspace) {
    super(ws, 'CardAction');
  }
  setText(v: unknown): this {
    this.text = this.str('setText', v);
    return this;
  }
  json(ctx: BuildContext): CardActionJson {
    if (!this.text) throw ctx.fail('CardAction must have text.');
    if (!this.click) throw ctx.fail('CardAction must have an on-click action or a link to open.');
    return { actionLabel: this.text, onClick: clickJson(ctx, this.click) };
  }
}

class FakeFixedFooter extends Builder {
  private primary?: FakeTextButton;
  private secondary?: FakeTextButton;
  constructor(ws: Workspace) {
    super(ws, 'FixedFooter');
  }
  setPrimaryButton(b: unknown): this {
    this.primary = this.obj('setPrimaryButton', b, FakeTextButton);
    return this;
  }
  setSecondaryButton(b: unknown): this {
    this.secondary = this.obj('setSecondaryButton', b, FakeTextButton);
    return this;
  }
  /**
   * "Setting fixedFooter without specifying a primaryButton or a secondaryButton causes an
   * error"; "If secondaryButton is set, you must also set primaryButton."
   */
  json(ctx: BuildContext): NonNullable<CardJson['fixedFooter']> {
    if (!this.primary) throw ctx.fail('FixedFooter must have a primary button.');
    const out: NonNullable<CardJson['fixedFooter']> = { primaryButton: this.primary.button(ctx) };
    if (this.secondary) out.secondaryButton = this.secondary.button(ctx);
    return out;
  }
}

/** What build() returns: the card is frozen then; only printJson() is left. */
class FakeCard {
  constructor(private readonly ws: Workspace) {}
  printJson(): string {
    this.ws.call(SERVICE, 'Card.printJson');
    return JSON.stringify(printed.get(this), null, 2);
  }
}

class FakeCardBuilder extends Builder {
  private header?: FakeCardHeader;
  private readonly sections: FakeCardSection[] = [];
  private readonly actions: FakeCardAction[] = [];
  private name?: string;
  private footer?: FakeFixedFooter;
  private displayStyle?: 'PEEK' | 'REPLACE';
  private peekHeader?: FakeCardHeader;
  constructor(ws: Workspace) {
    super(ws, 'CardBuilder');
  }
  setHeader(h: unknown): this {
    this.header = this.obj('setHeader', h, FakeCardHeader);
    return this;
  }
  addSection(s: unknown): this {
    this.sections.push(this.obj('addSection', s, FakeCardSection));
    return this;
  }
  addCardAction(a: unknown): this {
    this.actions.push(this.obj('addCardAction', a, FakeCardAction));
    return this;
  }
  /** The name popToNamedCard() goes back to. */
  setName(v: unknown): this {
    this.name = this.str('setName', v);
    return this;
  }
  setFixedFooter(f: unknown): this {
    this.footer = this.obj('setFixedFooter', f, FakeFixedFooter);
    return this;
  }
  setDisplayStyle(v: unknown): this {
    this.displayStyle = this.enumArg('setDisplayStyle', 'DisplayStyle', v);
    return this;
  }
  setPeekCardHeader(h: unknown): this {
    this.peekHeader = this.obj('setPeekCardHeader', h, FakeCardHeader);
    return this;
  }
  /**
   * "Builds the current card and validates it." The sections and widgets are read now: what was
   * added to them before build() is in the card, whatever happens to them afterwards is not.
   */
  build(): FakeCard {
    this.rec('build');
    const ctx = new BuildContext(this.ws);
    const out: Partial<CardJson> = {};
    if (this.header) out.header = this.header.json(ctx);
    if (this.sections.length === 0) throw ctx.fail('Card must contain at least one section.');
    out.sections = this.sections.map((s) => s.json(ctx));
    if (this.actions.length) out.cardActions = this.actions.map((a) => a.json(ctx));
    if (this.name !== undefined) out.name = this.name;
    if (this.footer) out.fixedFooter = this.footer.json(ctx);
    if (this.displayStyle) out.displayStyle = this.displayStyle;
    if (this.peekHeader) out.peekCardHeader = this.peekHeader.json(ctx);
    const card = new FakeCard(this.ws);
    printed.set(card, out as CardJson);
    return card;
  }
}

// ---------------------------------------------------------------------------------------------
// Responses.

/** The JSON of every built object, kept out of the script's sight. */
const printed = new WeakMap<object, CardJson | ActionResponseJson | UniversalActionResponseJson>();

function cardOf(ws: Workspace, card: unknown, cls: string, method: string): CardJson {
  const json = card instanceof FakeCard ? printed.get(card) : undefined;
  if (!json)
    throw ws.error(
      `The parameters (${typeName(card)}) don't match the method signature for ${SERVICE}.${cls}.${method}.`,
    );
  return json as CardJson;
}

class FakeNavigation extends Builder {
  readonly steps: NavigationJson[] = [];
  constructor(ws: Workspace) {
    super(ws, 'Navigation');
  }
  pushCard(card: unknown): this {
    this.rec('pushCard');
    this.steps.push({ pushCard: cardOf(this.ws, card, 'Navigation', 'pushCard') });
    return this;
  }
  updateCard(card: unknown): this {
    this.rec('updateCard');
    this.steps.push({ updateCard: cardOf(this.ws, card, 'Navigation', 'updateCard') });
    return this;
  }
  popCard(): this {
    this.rec('popCard');
    this.steps.push({ pop: true });
    return this;
  }
  popToRoot(): this {
    this.rec('popToRoot');
    this.steps.push({ popToRoot: true });
    return this;
  }
  popToNamedCard(name: unknown): this {
    this.steps.push({ popToCard: this.str('popToNamedCard', name) });
    return this;
  }
  printJson(): string {
    this.rec('printJson');
    return JSON.stringify({ navigations: this.steps }, null, 2);
  }
}

class FakeNotification extends Builder {
  text?: string;
  constructor(ws: Workspace) {
    super(ws, 'Notification');
  }
  setText(v: unknown): this {
    this.text = this.str('setText', v);
    return this;
  }
}

function renderAction(
  ctx: BuildContext,
  parts: { navigation?: FakeNavigation; notification?: FakeNotification; link?: FakeOpenLink },
): RenderActionJson {
  const action: RenderActionJson = {};
  if (parts.navigation) {
    if (parts.navigation.steps.length === 0) throw ctx.fail('Navigation must contain at least one step.');
    action.navigations = parts.navigation.steps.map((s) => structuredClone(s));
  }
  if (parts.notification) {
    if (!parts.notification.text) throw ctx.fail('Notification must have text.');
    action.notification = { text: parts.notification.text };
  }
  if (parts.link) action.link = parts.link.json(ctx);
  return action;
}

class FakeActionResponse {
  constructor(private readonly ws: Workspace) {}
  printJson(): string {
    this.ws.call(SERVICE, 'ActionResponse.printJson');
    return JSON.stringify(printed.get(this), null, 2);
  }
}

class FakeActionResponseBuilder extends Builder {
  private navigation?: FakeNavigation;
  private notification?: FakeNotification;
  private link?: FakeOpenLink;
  private stateChanged?: boolean;
  constructor(ws: Workspace) {
    super(ws, 'ActionResponseBuilder');
  }
  setNavigation(n: unknown): this {
    this.navigation = this.obj('setNavigation', n, FakeNavigation);
    return this;
  }
  setNotification(n: unknown): this {
    this.notification = this.obj('setNotification', n, FakeNotification);
    return this;
  }
  setOpenLink(l: unknown): this {
    this.link = this.obj('setOpenLink', l, FakeOpenLink);
    return this;
  }
  setStateChanged(v: unknown): this {
    this.stateChanged = this.bool('setStateChanged', v);
    return this;
  }
  /** "Builds the current action response and validates it." */
  build(): FakeActionResponse {
    this.rec('build');
    const ctx = new BuildContext(this.ws);
    const action = renderAction(ctx, {
      navigation: this.navigation,
      notification: this.notification,
      link: this.link,
    });
    const json: ActionResponseJson = { renderActions: { action } };
    if (this.stateChanged !== undefined) json.stateChanged = this.stateChanged;
    const response = new FakeActionResponse(this.ws);
    printed.set(response, json);
    return response;
  }
}

class FakeUniversalActionResponse {
  constructor(private readonly ws: Workspace) {}
  printJson(): string {
    this.ws.call(SERVICE, 'UniversalActionResponse.printJson');
    return JSON.stringify(printed.get(this), null, 2);
  }
}

class FakeUniversalActionResponseBuilder extends Builder {
  private cards?: CardJson[];
  private link?: FakeOpenLink;
  constructor(ws: Workspace) {
    super(ws, 'UniversalActionResponseBuilder');
  }
  displayAddOnCards(cards: unknown): this {
    this.rec('displayAddOnCards');
    if (!Array.isArray(cards)) throw this.mismatch('displayAddOnCards', cards);
    this.cards = cards.map((c) => cardOf(this.ws, c, 'UniversalActionResponseBuilder', 'displayAddOnCards'));
    return this;
  }
  setOpenLink(l: unknown): this {
    this.link = this.obj('setOpenLink', l, FakeOpenLink);
    return this;
  }
  build(): FakeUniversalActionResponse {
    this.rec('build');
    const ctx = new BuildContext(this.ws);
    if (!this.cards?.length && !this.link)
      throw ctx.fail('UniversalActionResponse must display add-on cards or open a link.');
    const action: RenderActionJson = {};
    if (this.cards?.length) action.navigations = this.cards.map((c) => ({ pushCard: structuredClone(c) }));
    if (this.link) action.link = this.link.json(ctx);
    const response = new FakeUniversalActionResponse(this.ws);
    printed.set(response, { action });
    return response;
  }
}

// ---------------------------------------------------------------------------------------------
// The global.

type CS = GoogleAppsScript.Card_Service.CardService;
/** The part of the CardService global this fake provides. */
export type CardServiceFake = Pick<
  CS,
  | 'SelectionInputType'
  | 'TextButtonStyle'
  | 'OpenAs'
  | 'OnClose'
  | 'LoadIndicator'
  | 'Interaction'
  | 'ImageStyle'
  | 'ImageCropType'
  | 'BorderType'
  | 'GridItemLayout'
  | 'HorizontalAlignment'
  | 'InputType'
  | 'SwitchControlType'
  | 'DisplayStyle'
  | 'Icon'
  | 'newCardBuilder'
  | 'newCardHeader'
  | 'newCardSection'
  | 'newCardAction'
  | 'newFixedFooter'
  | 'newDecoratedText'
  | 'newTextParagraph'
  | 'newButtonSet'
  | 'newTextButton'
  | 'newImageButton'
  | 'newSelectionInput'
  | 'newTextInput'
  | 'newSuggestions'
  | 'newValidation'
  | 'newDatePicker'
  | 'newDateTimePicker'
  | 'newSwitch'
  | 'newDivider'
  | 'newImage'
  | 'newIconImage'
  | 'newMaterialIcon'
  | 'newGrid'
  | 'newGridItem'
  | 'newImageComponent'
  | 'newImageCropStyle'
  | 'newBorderStyle'
  | 'newAction'
  | 'newOpenLink'
  | 'newNavigation'
  | 'newNotification'
  | 'newActionResponseBuilder'
  | 'newUniversalActionResponseBuilder'
>;

/**
 * The CardService global. Every call is counted as `CardService.<Class>.<method>`, the
 * factories as `CardService.CardService.new…`.
 */
export function createCardService(ws: Workspace): CardServiceFake {
  // The fakes take `unknown` arguments to check them as Apps Script does; the typings of
  // @types/google-apps-script stand for them, as in the other fakes.
  const make =
    <T>(method: string, create: () => unknown) =>
    (): T => {
      ws.call(SERVICE, `CardService.${method}`);
      return create() as T;
    };
  type G = GoogleAppsScript.Card_Service.CardService;
  const e = <K extends EnumName & keyof G>(name: K) => ENUMS[name] as unknown as G[K];
  const service: CardServiceFake = {
    SelectionInputType: e('SelectionInputType'),
    TextButtonStyle: e('TextButtonStyle'),
    OpenAs: e('OpenAs'),
    OnClose: e('OnClose'),
    LoadIndicator: e('LoadIndicator'),
    Interaction: e('Interaction'),
    ImageStyle: e('ImageStyle'),
    ImageCropType: e('ImageCropType'),
    BorderType: e('BorderType'),
    GridItemLayout: e('GridItemLayout'),
    HorizontalAlignment: e('HorizontalAlignment'),
    InputType: e('InputType'),
    SwitchControlType: e('SwitchControlType'),
    DisplayStyle: e('DisplayStyle'),
    Icon: e('Icon'),
    newCardBuilder: make('newCardBuilder', () => new FakeCardBuilder(ws)),
    newCardHeader: make('newCardHeader', () => new FakeCardHeader(ws)),
    newCardSection: make('newCardSection', () => new FakeCardSection(ws)),
    newCardAction: make('newCardAction', () => new FakeCardAction(ws)),
    newFixedFooter: make('newFixedFooter', () => new FakeFixedFooter(ws)),
    newDecoratedText: make('newDecoratedText', () => new FakeDecoratedText(ws)),
    newTextParagraph: make('newTextParagraph', () => new FakeTextParagraph(ws)),
    newButtonSet: make('newButtonSet', () => new FakeButtonSet(ws)),
    newTextButton: make('newTextButton', () => new FakeTextButton(ws)),
    newImageButton: make('newImageButton', () => new FakeImageButton(ws)),
    newSelectionInput: make('newSelectionInput', () => new FakeSelectionInput(ws)),
    newTextInput: make('newTextInput', () => new FakeTextInput(ws)),
    newSuggestions: make('newSuggestions', () => new FakeSuggestions(ws)),
    newValidation: make('newValidation', () => new FakeValidation(ws)),
    newDatePicker: make('newDatePicker', () => new FakeDatePicker(ws)),
    newDateTimePicker: make('newDateTimePicker', () => new FakeDateTimePicker(ws)),
    newSwitch: make('newSwitch', () => new FakeSwitch(ws)),
    newDivider: make('newDivider', () => new FakeDivider(ws)),
    newImage: make('newImage', () => new FakeImage(ws)),
    newIconImage: make('newIconImage', () => new FakeIconImage(ws)),
    newMaterialIcon: make('newMaterialIcon', () => new FakeMaterialIcon(ws)),
    newGrid: make('newGrid', () => new FakeGrid(ws)),
    newGridItem: make('newGridItem', () => new FakeGridItem(ws)),
    newImageComponent: make('newImageComponent', () => new FakeImageComponent(ws)),
    newImageCropStyle: make('newImageCropStyle', () => new FakeImageCropStyle(ws)),
    newBorderStyle: make('newBorderStyle', () => new FakeBorderStyle(ws)),
    newAction: make('newAction', () => new FakeAction(ws)),
    newOpenLink: make('newOpenLink', () => new FakeOpenLink(ws)),
    newNavigation: make('newNavigation', () => new FakeNavigation(ws)),
    newNotification: make('newNotification', () => new FakeNotification(ws)),
    newActionResponseBuilder: make('newActionResponseBuilder', () => new FakeActionResponseBuilder(ws)),
    newUniversalActionResponseBuilder: make(
      'newUniversalActionResponseBuilder',
      () => new FakeUniversalActionResponseBuilder(ws),
    ),
  };
  return service;
}

// ---------------------------------------------------------------------------------------------
// For the emulation: recognise what an add-on function returned and read its JSON (not counted).

export function isCard(x: unknown): x is GoogleAppsScript.Card_Service.Card {
  return x instanceof FakeCard;
}
export function isActionResponse(x: unknown): x is GoogleAppsScript.Card_Service.ActionResponse {
  return x instanceof FakeActionResponse;
}
export function isUniversalActionResponse(
  x: unknown,
): x is GoogleAppsScript.Card_Service.UniversalActionResponse {
  return x instanceof FakeUniversalActionResponse;
}
/** The JSON a built Card prints (a copy), or null for anything else. */
export function cardJson(x: unknown): CardJson | null {
  return isCard(x) ? (structuredClone(printed.get(x)) as CardJson) : null;
}
/** The JSON a built ActionResponse prints (a copy), or null for anything else. */
export function actionResponseJson(x: unknown): ActionResponseJson | null {
  return isActionResponse(x) ? (structuredClone(printed.get(x)) as ActionResponseJson) : null;
}
/** The JSON a built UniversalActionResponse prints (a copy), or null for anything else. */
export function universalActionResponseJson(x: unknown): UniversalActionResponseJson | null {
  return isUniversalActionResponse(x)
    ? (structuredClone(printed.get(x)) as UniversalActionResponseJson)
    : null;
}
