// The add-on's cards as Google draws them in the side panel of Gmail, Calendar and Sheets:
// server-side HTML from the card JSON CardService prints (dev/workspace/card.ts), no framework.
//
// Every text is escaped. Card texts that Google formats (textParagraph, decoratedText's texts,
// a section's header) keep only the tags Google documents for them ("Formatting text in Google
// Workspace add-ons": <b>, <i>, <u>, <s>, <font color>, <a href>, <br>); any other markup is
// shown as text. Links go to http(s) and mailto only, in a new tab.
//
// Rendering also collects what can be clicked: every action gets an index, and the server
// finds the action a click means by rendering the same card again (the card lives on the
// server, as it lives at Google: the browser only says "button 3 of the card on top").
import {
  MAX_SELECTION_ITEMS,
  MAX_WIDGETS_PER_CARD,
  type ActionJson,
  type ButtonJson,
  type CardActionJson,
  type CardHeaderJson,
  type CardJson,
  type ColorJson,
  type DateTimePickerJson,
  type DecoratedTextJson,
  type GridJson,
  type IconJson,
  type ImageJson,
  type OnClickJson,
  type SectionJson,
  type SelectionInputJson,
  type TextInputJson,
  type WidgetJson,
} from '../workspace/card';
import { escapeHtml, html, raw, type SafeHtml } from './html';

/** What a click asks the server to run. */
export interface ClickTarget {
  /** The action to run (onClick.action, or a form widget's onChangeAction). */
  action: ActionJson;
  /** onClick.openDynamicLinkAction: the action returns the link to open. */
  dynamicLink?: boolean;
  /** Parameters Google adds (a grid item's `grid_item_identifier`). */
  extraParameters?: Record<string, string>;
}

/** How a form widget's value reaches the event object. */
export type InputKind =
  | { kind: 'string' }
  | { kind: 'date' }
  | { kind: 'datetime'; offsetMinutes: number | null }
  | { kind: 'time' };

export interface RenderOptions {
  /** Values to show instead of the card's own (what the user typed before an action that kept the card). */
  values?: Record<string, string[]>;
  /** The add-on's button color (manifest layoutProperties), for FILLED buttons without their own. */
  buttonColor?: string;
  /** Where a link really goes in the playground (the web app's URL → /html/doGet…). */
  localLink?: (url: string) => string;
  /** The user's time zone offset at an instant, in minutes (DATE_AND_TIME pickers without their own). */
  offsetMinutesAt?: (ms: number) => number;
  /** Prefix of the form fields that carry widget values. */
  fieldPrefix?: string;
}

export interface RenderedCards {
  html: SafeHtml;
  /** The fixed footer of the last card that has one (shown below the scrolling area). */
  footer: SafeHtml | null;
  targets: ClickTarget[];
  /** Every form widget by name. */
  inputs: Map<string, InputKind>;
  /** cardActions of the cards, for the panel's ⋮ menu. */
  cardActions: { label: string; click: SafeHtml }[];
}

export const FIELD_PREFIX = 'w.';
/** The form field whose value names the clicked target (`a<index>`). */
export const DO_FIELD = '_do';

// ---- formatted text -------------------------------------------------------------------------

const SAFE_NAMED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos', 'nbsp']);
const ENTITY = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/** Plain text as HTML: escaped, except character references, which stay (they are never markup). */
function textWithEntities(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '&') {
      const m = ENTITY.exec(text.slice(i));
      if (m && (m[1].startsWith('#') || SAFE_NAMED_ENTITIES.has(m[1].toLowerCase()))) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    out += c === '\n' ? '<br>' : escapeHtml(c);
  }
  return out;
}

/** A URL a link or an image may use: http(s), and mailto for links. */
export function safeUrl(url: unknown, allowMailto = false): string | null {
  const text = String(url ?? '').trim();
  if (/^https?:\/\/[^\s<>"]+$/i.test(text)) return text;
  if (allowMailto && /^mailto:[^\s<>"]+$/i.test(text)) return text;
  return null;
}

const COLOR = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,20})$/i;

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  if (!m) return null;
  return (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&');
}

/**
 * A card text with Google's formatting: <b> <i> <u> <s> <font color> <a href> <br> are kept
 * (balanced, attributes checked); everything else is escaped and shown as it was written.
 */
export function formatCardText(text: unknown, localLink: (url: string) => string = (u) => u): SafeHtml {
  const source = String(text ?? '');
  const open: string[] = [];
  let out = '';
  let last = 0;
  const TAG = /<[^<>]*>/g;
  const closeTo = (name: string) => {
    const at = open.lastIndexOf(name);
    if (at < 0) return;
    while (open.length > at) {
      const top = open.pop() as string;
      out += top === 'font' ? '</span>' : top === 'a-dead' ? '</span>' : `</${top}>`;
    }
  };
  for (let m = TAG.exec(source); m; m = TAG.exec(source)) {
    out += textWithEntities(source.slice(last, m.index));
    last = m.index + m[0].length;
    const tag = m[0];
    const parts = /^<\s*(\/?)\s*([a-z]+)\b([^>]*)>$/i.exec(tag);
    const closing = parts?.[1] === '/';
    const name = parts?.[2].toLowerCase() ?? '';
    const rest = parts?.[3] ?? '';
    if (!parts) {
      out += escapeHtml(tag);
    } else if (name === 'br' && !closing && /^\s*\/?\s*$/.test(rest)) {
      out += '<br>';
    } else if (['b', 'i', 'u', 's'].includes(name) && /^\s*$/.test(rest)) {
      if (!closing) {
        open.push(name);
        out += `<${name}>`;
      } else if (open.includes(name)) closeTo(name);
      else out += escapeHtml(tag);
    } else if (name === 'font') {
      if (closing) {
        if (open.includes('font')) closeTo('font');
        else out += escapeHtml(tag);
      } else {
        const color = attribute(tag, 'color');
        open.push('font');
        out += color && COLOR.test(color) ? `<span style="color:${escapeHtml(color)}">` : '<span>';
      }
    } else if (name === 'a') {
      if (closing) {
        const at = Math.max(open.lastIndexOf('a'), open.lastIndexOf('a-dead'));
        if (at >= 0) closeTo(open[at]);
        else out += escapeHtml(tag);
      } else {
        const href = safeUrl(attribute(tag, 'href'), true);
        if (href && !open.includes('a')) {
          open.push('a');
          out += `<a href="${escapeHtml(localLink(href))}" target="_blank" rel="noopener noreferrer">`;
        } else {
          open.push('a-dead');
          out += '<span>';
        }
      }
    } else {
      out += escapeHtml(tag);
    }
  }
  out += textWithEntities(source.slice(last));
  closeTo(open[0] ?? '');
  return raw(out);
}

/** A card text as plain words (an accessible name): line breaks as spaces, no tags, characters as shown. */
export function plainText(text: unknown): string {
  return String(text ?? '')
    .replace(/<br\s*\/?>|\n/gi, ' ')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (e[0] !== '#') return named[e.toLowerCase()];
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

// ---- icons ----------------------------------------------------------------------------------

/** Material icon paths (Apache 2.0), 24×24, for the panel's own controls. */
export const ICON_PATHS = {
  more: 'M12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2zm0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2z',
  back: 'M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20v-2z',
  close:
    'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  error:
    'M11 15h2v2h-2zm0-8h2v6h-2zm.99-5C6.47 2 2 6.48 2 12s4.47 10 9.99 10C17.52 22 22 17.52 22 12S17.52 2 11.99 2zM12 20c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8z',
  expand: 'M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z',
  open: 'M19 19H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14c1.1 0 2-.9 2-2v-7h-2v7zM14 3v2h3.59l-9.83 9.83 1.41 1.41L19 6.41V10h2V3h-7z',
} as const;

export function svgIcon(path: string, size = 24): SafeHtml {
  return html`<svg
    class="gi"
    width="${size}"
    height="${size}"
    viewBox="0 0 24 24"
    aria-hidden="true"
    focusable="false"
  >
    <path d="${path}" />
  </svg>`;
}

/** Google's knownIcon names, and common Material icon names, as a glyph (no icon font offline). */
const GLYPHS: Record<string, string> = {
  AIRPLANE: '✈',
  BOOKMARK: '🔖',
  BUS: '🚌',
  CAR: '🚗',
  CLOCK: '🕒',
  CONFIRMATION_NUMBER_ICON: '#',
  DOLLAR: '$',
  DESCRIPTION: '📄',
  EMAIL: '✉',
  EVENT_PERFORMER: '★',
  EVENT_SEAT: '💺',
  FLIGHT_ARRIVAL: '🛬',
  FLIGHT_DEPARTURE: '🛫',
  HOTEL: '🏨',
  HOTEL_ROOM_TYPE: '🛏',
  INVITE: '✉',
  MAP_PIN: '📍',
  MEMBERSHIP: '🪪',
  MULTIPLE_PEOPLE: '👥',
  OFFER: '🏷',
  PERSON: '👤',
  PHONE: '📞',
  RESTAURANT_ICON: '🍴',
  SHOPPING_CART: '🛒',
  STAR: '★',
  STORE: '🏬',
  TICKET: '🎫',
  TRAIN: '🚆',
  VIDEO_CAMERA: '📹',
  VIDEO_PLAY: '▶',
  // Material Symbols names (materialIcon.name)
  home: '🏠',
  home_work: '🏠',
  work: '💼',
  business: '🏢',
  apartment: '🏢',
  event: '📅',
  calendar_month: '📅',
  calendar_today: '📅',
  today: '📅',
  schedule: '🕒',
  pending: '⏳',
  hourglass_empty: '⏳',
  check: '✓',
  check_circle: '✔',
  done: '✓',
  done_all: '✓',
  close: '✕',
  cancel: '✕',
  block: '⛔',
  warning: '⚠',
  error: '⚠',
  info: 'ℹ',
  person: '👤',
  group: '👥',
  groups: '👥',
  mail: '✉',
  email: '✉',
  location_on: '📍',
  place: '📍',
  edit: '✎',
  delete: '🗑',
  add: '+',
  remove: '−',
  open_in_new: '↗',
  link: '🔗',
  sync: '⟳',
  refresh: '⟳',
  search: '🔍',
  settings: '⚙',
  help: '?',
  arrow_forward: '→',
  arrow_back: '←',
  chevron_right: '›',
};

function iconHtml(icon: IconJson | undefined, cls: string): SafeHtml | '' {
  if (!icon) return '';
  const alt = icon.altText ?? '';
  const shape = icon.imageType === 'CIRCLE' ? 'circle' : '';
  if (icon.iconUrl) {
    const src = safeUrl(icon.iconUrl);
    return src
      ? html`<img class="${cls} ${shape}" src="${src}" alt="${alt}" loading="lazy" />`
      : html`<span class="${cls} glyph" aria-hidden="true">•</span>`;
  }
  const name = icon.knownIcon ?? icon.materialIcon?.name ?? '';
  if (name === 'NONE') return '';
  const glyph = GLYPHS[name] ?? GLYPHS[name.toLowerCase()] ?? '•';
  return alt
    ? html`<span class="${cls} glyph" role="img" aria-label="${alt}">${glyph}</span>`
    : html`<span class="${cls} glyph" aria-hidden="true">${glyph}</span>`;
}

function colorCss(c: ColorJson | undefined): string | null {
  if (!c) return null;
  const ch = (v: unknown) => Math.round(Math.min(Math.max(Number(v) || 0, 0), 1) * 255);
  return `rgb(${ch(c.red)}, ${ch(c.green)}, ${ch(c.blue)})`;
}

// ---- the renderer ---------------------------------------------------------------------------

class Renderer {
  readonly targets: ClickTarget[] = [];
  readonly inputs = new Map<string, InputKind>();
  readonly cardActions: { label: string; click: SafeHtml }[] = [];
  private uid = 0;
  private readonly prefix: string;

  constructor(private readonly opts: RenderOptions) {
    this.prefix = opts.fieldPrefix ?? FIELD_PREFIX;
  }

  private id(kind: string): string {
    return `addon-${kind}-${++this.uid}`;
  }

  private link(url: string): string {
    return this.opts.localLink ? this.opts.localLink(url) : url;
  }

  private text(t: unknown): SafeHtml {
    return formatCardText(t, (u) => this.link(u));
  }

  private field(name: string): string {
    return this.prefix + name;
  }

  /** The value the user sees: what they typed before (kept by the panel), else the card's. */
  private valuesOf(name: string): string[] | undefined {
    return this.opts.values?.[name];
  }

  private target(t: ClickTarget): string {
    this.targets.push(t);
    return `a${this.targets.length - 1}`;
  }

  /** Attributes of a clickable that runs an action, or null when onClick opens a link. */
  private clickAttrs(onClick: OnClickJson | undefined, extra?: Record<string, string>): SafeHtml | null {
    if (!onClick) return null;
    const action = onClick.action ?? onClick.openDynamicLinkAction;
    if (!action) return null;
    const value = this.target({
      action,
      dynamicLink: !onClick.action && !!onClick.openDynamicLinkAction,
      extraParameters: extra,
    });
    const spinner = action.loadIndicator === 'NONE' ? 'none' : 'spinner';
    return html`type="submit" name="${DO_FIELD}" value="${value}" data-load="${spinner}"`;
  }

  private openLinkHref(onClick: OnClickJson | undefined): string | null {
    const url = onClick?.openLink ? safeUrl(onClick.openLink.url) : null;
    return url ? this.link(url) : null;
  }

  /**
   * A clickable element: a button posting the card's form for an action, a link opening a new
   * tab for openLink, or a plain element when there is nothing to do.
   */
  private clickable(
    onClick: OnClickJson | undefined,
    cls: string,
    content: SafeHtml,
    opts: { disabled?: boolean; label?: string; style?: string; extra?: Record<string, string> } = {},
  ): SafeHtml {
    const label = opts.label ? html`aria-label="${opts.label}" title="${opts.label}"` : '';
    const style = opts.style ? html`style="${opts.style}"` : '';
    if (opts.disabled)
      return html`<button type="button" class="${cls}" disabled ${label} ${style}>${content}</button>`;
    const attrs = this.clickAttrs(onClick, opts.extra);
    if (attrs) return html`<button class="${cls}" ${attrs} ${label} ${style}>${content}</button>`;
    const href = this.openLinkHref(onClick);
    if (href)
      return html`<a class="${cls}" href="${href}" target="_blank" rel="noopener noreferrer" ${label} ${style}
        >${content}</a
      >`;
    return html`<span class="${cls} inert" ${style}>${content}</span>`;
  }

  button(b: ButtonJson): SafeHtml {
    // "OUTLINED is the default" (TextButtonStyle); a button without text is an image button.
    const type = b.type ?? (b.text ? 'OUTLINED' : 'ICON');
    const color = colorCss(b.color) ?? this.opts.buttonColor ?? null;
    const style =
      !color || type === 'FILLED_TONAL' ? '' : type === 'FILLED' ? `--btn:${color}` : `--btn-text:${color}`;
    const kind =
      type === 'FILLED'
        ? 'filled'
        : type === 'FILLED_TONAL'
          ? 'tonal'
          : type === 'BORDERLESS'
            ? 'text'
            : type === 'ICON'
              ? 'icon'
              : 'outlined';
    const icon = iconHtml(b.icon, 'btn-icon');
    const content = b.text ? html`${icon}<span>${b.text}</span>` : icon || html`<span>•</span>`;
    return this.clickable(b.onClick, `btn ${kind}`, content, {
      disabled: b.disabled,
      label: b.text ? undefined : (b.altText ?? b.icon?.altText ?? 'Pulsante'),
      style,
    });
  }

  private decoratedText(d: DecoratedTextJson): SafeHtml {
    const icon = iconHtml(d.startIcon, 'dt-icon');
    const body = html`<span class="dt-body ${d.wrapText ? 'wrap' : 'nowrap'}">
      ${d.topLabel ? html`<span class="dt-top">${this.text(d.topLabel)}</span>` : ''}
      <span class="dt-text">${this.text(d.text)}</span>
      ${d.bottomLabel ? html`<span class="dt-bottom">${this.text(d.bottomLabel)}</span>` : ''}
    </span>`;
    const main = d.onClick
      ? this.clickable(d.onClick, 'dt-main clickable', html`${icon}${body}`)
      : html`<div class="dt-main">${icon}${body}</div>`;
    let end: SafeHtml | '' = '';
    if (d.button) end = this.button(d.button);
    // The control's name is what the row says (its top label and text): which day a box ticks.
    else if (d.switchControl)
      end = this.switchControl(
        d.switchControl,
        [d.topLabel, d.text].filter(Boolean).map(plainText).join(', '),
      );
    else if (d.endIcon) end = iconHtml(d.endIcon, 'dt-end-icon');
    return html`<div class="w decorated">${main}${end ? html`<div class="dt-end">${end}</div>` : ''}</div>`;
  }

  private onChange(action: ActionJson | undefined): SafeHtml | '' {
    if (!action) return '';
    const value = this.target({ action });
    return html`data-change="${value}" data-load="${action.loadIndicator === 'NONE' ? 'none' : 'spinner'}"`;
  }

  private switchControl(s: NonNullable<DecoratedTextJson['switchControl']>, label: string): SafeHtml {
    this.inputs.set(s.name, { kind: 'string' });
    const value = s.value ?? 'true';
    const kept = this.valuesOf(s.name);
    const on = kept ? kept.includes(value) : !!s.selected;
    const cls = s.controlType === 'CHECK_BOX' ? 'check' : 'switch';
    return html`<input
      type="checkbox"
      class="${cls}"
      name="${this.field(s.name)}"
      value="${value}"
      aria-label="${label}"
      ${s.controlType === 'CHECK_BOX' ? '' : raw('role="switch"')}
      ${on ? raw('checked') : ''}
      ${this.onChange(s.onChangeAction)}
    />`;
  }

  private textInput(t: TextInputJson): SafeHtml {
    this.inputs.set(t.name, { kind: 'string' });
    const id = this.id('input');
    const value = this.valuesOf(t.name)?.[0] ?? t.value ?? '';
    const hint = t.hintText ? html`<span class="hint" id="${id}-hint">${t.hintText}</span>` : '';
    const described = t.hintText ? html`aria-describedby="${id}-hint"` : '';
    const max = t.validation?.characterLimit ? html`maxlength="${t.validation.characterLimit}"` : '';
    const mode =
      t.validation?.inputType === 'INTEGER'
        ? raw('inputmode="numeric"')
        : t.validation?.inputType === 'FLOAT'
          ? raw('inputmode="decimal"')
          : '';
    const type = t.validation?.inputType === 'EMAIL' ? 'email' : 'text';
    const label = t.label ?? '';
    const list = t.initialSuggestions?.items?.length ? html`list="${id}-list"` : '';
    const control =
      t.type === 'MULTIPLE_LINE'
        ? html`<textarea
            id="${id}"
            name="${this.field(t.name)}"
            rows="3"
            ${described}
            ${max}
            ${this.onChange(t.onChangeAction)}
          >
${value}</textarea>`
        : html`<input
            id="${id}"
            type="${type}"
            name="${this.field(t.name)}"
            value="${value}"
            ${described}
            ${max}
            ${mode}
            ${list}
            ${this.onChange(t.onChangeAction)}
          />`;
    const suggestions = t.initialSuggestions?.items?.length
      ? html`<datalist id="${id}-list">
          ${t.initialSuggestions.items.map((s) => html`<option value="${s.text}"></option>`)}
        </datalist>`
      : '';
    return html`<div class="w field">
      ${label ? html`<label for="${id}">${label}</label>` : ''}${control}${hint}${suggestions}
    </div>`;
  }

  private selectionInput(s: SelectionInputJson): SafeHtml {
    this.inputs.set(s.name, { kind: 'string' });
    const items = s.items.slice(0, MAX_SELECTION_ITEMS);
    const kept = this.valuesOf(s.name);
    const isOn = (v: string, selected: boolean) => (kept ? kept.includes(v) : selected);
    const type = s.type ?? 'CHECK_BOX';
    const change = this.onChange(s.onChangeAction);
    const name = this.field(s.name);
    if (type === 'DROPDOWN') {
      const id = this.id('select');
      return html`<div class="w field">
        ${s.label ? html`<label for="${id}">${s.label}</label>` : ''}
        <select id="${id}" name="${name}" ${change}>
          ${items.map(
            (i) =>
              html`<option value="${i.value}" ${isOn(i.value, i.selected) ? raw('selected') : ''}>
                ${i.text}
              </option>`,
          )}
        </select>
      </div>`;
    }
    const inputType = type === 'RADIO_BUTTON' ? 'radio' : 'checkbox';
    const cls = type === 'SWITCH' ? 'switch' : inputType === 'radio' ? 'radio' : 'check';
    return html`<fieldset class="w choices">
      ${s.label ? html`<legend>${s.label}</legend>` : ''}
      ${items.map((i) => {
        const id = this.id('choice');
        return html`<div class="choice ${type === 'SWITCH' ? 'switch-row' : ''}">
          <input
            type="${inputType}"
            class="${cls}"
            id="${id}"
            name="${name}"
            value="${i.value}"
            ${type === 'SWITCH' ? raw('role="switch"') : ''}
            ${isOn(i.value, i.selected) ? raw('checked') : ''}
            ${change}
          />
          <label for="${id}"
            >${i.text}${i.bottomText ? html`<span class="hint">${i.bottomText}</span>` : ''}</label
          >
        </div>`;
      })}
    </fieldset>`;
  }

  private dateTimePicker(p: DateTimePickerJson): SafeHtml {
    const id = this.id('date');
    const ms = p.valueMsEpoch !== undefined && p.valueMsEpoch !== '' ? Number(p.valueMsEpoch) : NaN;
    const two = (n: number) => String(n).padStart(2, '0');
    let type = 'date';
    let value = '';
    if (p.type === 'DATE_ONLY') {
      this.inputs.set(p.name, { kind: 'date' });
      // A date-only picker's value is the date at 00:00 UTC.
      if (Number.isFinite(ms)) value = new Date(ms).toISOString().slice(0, 10);
    } else if (p.type === 'TIME_ONLY') {
      this.inputs.set(p.name, { kind: 'time' });
      type = 'time';
      if (Number.isFinite(ms)) {
        const d = new Date(ms);
        value = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
      }
    } else {
      const offset = typeof p.timezoneOffsetDate === 'number' ? p.timezoneOffsetDate : null;
      this.inputs.set(p.name, { kind: 'datetime', offsetMinutes: offset });
      type = 'datetime-local';
      if (Number.isFinite(ms)) {
        const minutes = offset ?? this.opts.offsetMinutesAt?.(ms) ?? 0;
        value = new Date(ms + minutes * 60_000).toISOString().slice(0, 16);
      }
    }
    const kept = this.valuesOf(p.name)?.[0];
    return html`<div class="w field">
      ${p.label ? html`<label for="${id}">${p.label}</label>` : ''}
      <input
        id="${id}"
        type="${type}"
        name="${this.field(p.name)}"
        value="${kept ?? value}"
        ${this.onChange(p.onChangeAction)}
      />
    </div>`;
  }

  private image(i: ImageJson): SafeHtml {
    const src = safeUrl(i.imageUrl);
    const img = src
      ? html`<img src="${src}" alt="${i.altText ?? ''}" loading="lazy" />`
      : html`<span class="img-missing">${i.altText ?? 'Immagine'}</span>`;
    return html`<div class="w image">
      ${i.onClick ? this.clickable(i.onClick, 'image-click', img, { label: i.altText }) : img}
    </div>`;
  }

  private grid(g: GridJson): SafeHtml {
    const columns = Math.min(Math.max(Math.floor(g.columnCount ?? 2) || 2, 1), 4);
    return html`<div class="w grid">
      ${g.title ? html`<div class="grid-title">${g.title}</div>` : ''}
      <div class="grid-items" style="grid-template-columns:repeat(${columns}, minmax(0, 1fr))">
        ${g.items.map((item) => {
          const src = item.image ? safeUrl(item.image.imageUri) : null;
          const img = src
            ? html`<img
                src="${src}"
                alt="${item.image?.altText ?? ''}"
                loading="lazy"
                class="${item.image?.cropStyle?.type === 'CIRCLE' ? 'circle' : ''}"
              />`
            : '';
          const text = html`${item.title ? html`<span class="grid-item-title">${item.title}</span>` : ''}${
            item.subtitle ? html`<span class="grid-item-sub">${item.subtitle}</span>` : ''
          }`;
          const content = item.layout === 'TEXT_ABOVE' ? html`${text}${img}` : html`${img}${text}`;
          const align = (item.textAlignment ?? 'START').toLowerCase();
          return this.clickable(g.onClick, `grid-item align-${align}`, content, {
            extra: item.id !== undefined ? { grid_item_identifier: item.id } : undefined,
          });
        })}
      </div>
    </div>`;
  }

  widget(w: WidgetJson): SafeHtml {
    if ('textParagraph' in w) return html`<div class="w paragraph">${this.text(w.textParagraph.text)}</div>`;
    if ('decoratedText' in w) return this.decoratedText(w.decoratedText);
    if ('buttonList' in w)
      return html`<div class="w buttons">${w.buttonList.buttons.map((b) => this.button(b))}</div>`;
    if ('image' in w) return this.image(w.image);
    if ('divider' in w) return html`<hr class="w divider" />`;
    if ('textInput' in w) return this.textInput(w.textInput);
    if ('selectionInput' in w) return this.selectionInput(w.selectionInput);
    if ('dateTimePicker' in w) return this.dateTimePicker(w.dateTimePicker);
    if ('grid' in w) return this.grid(w.grid);
    return html`<div class="w unknown">
      Widget non supportato dal playground: ${Object.keys(w).join(', ')}
    </div>`;
  }

  private section(s: SectionJson, widgets: WidgetJson[]): SafeHtml {
    const header = s.header ? html`<h3 class="section-header">${this.text(s.header)}</h3>` : '';
    if (!s.collapsible || widgets.length <= (s.uncollapsibleWidgetsCount ?? 0))
      return html`<section class="section">${header}${widgets.map((w) => this.widget(w))}</section>`;
    const shown = Math.max(0, s.uncollapsibleWidgetsCount ?? 0);
    return html`<section class="section">
      ${header}${widgets.slice(0, shown).map((w) => this.widget(w))}
      <details class="more">
        <summary>
          <span class="more-label">Mostra altro</span
          ><span class="less-label">Mostra meno</span>${svgIcon(ICON_PATHS.expand, 20)}
        </summary>
        ${widgets.slice(shown).map((w) => this.widget(w))}
      </details>
    </section>`;
  }

  private header(h: CardHeaderJson | undefined, titleId: string): SafeHtml | '' {
    if (!h) return '';
    const src = h.imageUrl ? safeUrl(h.imageUrl) : null;
    return html`<header class="card-header">
      ${src ? html`<img class="card-header-img ${h.imageType === 'CIRCLE' ? 'circle' : ''}" src="${src}" alt="${h.imageAltText ?? ''}" />` : ''}
      <div class="card-header-text">
        <h2 class="card-title" id="${titleId}" tabindex="-1">${h.title}</h2>
        ${h.subtitle ? html`<div class="card-subtitle">${h.subtitle}</div>` : ''}
      </div>
    </header>`;
  }

  private cardAction(a: CardActionJson): { label: string; click: SafeHtml } {
    return { label: a.actionLabel, click: this.clickable(a.onClick, 'menu-item', html`${a.actionLabel}`) };
  }

  card(c: CardJson): { body: SafeHtml; footer: SafeHtml | null } {
    let budget = MAX_WIDGETS_PER_CARD;
    const sections = (c.sections ?? []).map((s) => {
      const widgets = (s.widgets ?? []).slice(0, Math.max(budget, 0));
      budget -= widgets.length;
      return this.section(s, widgets);
    });
    for (const a of c.cardActions ?? []) this.cardActions.push(this.cardAction(a));
    const titleId = this.id('title');
    const body = html`<article
      class="card"
      ${c.header ? html`aria-labelledby="${titleId}"` : ''}
      data-name="${c.name ?? ''}"
    >
      ${this.header(c.header, titleId)}${sections}
    </article>`;
    const f = c.fixedFooter;
    const footer = f
      ? html`<div class="footer">
          ${f.secondaryButton ? this.button({ type: 'OUTLINED', ...f.secondaryButton }) : ''}
          ${this.button({ type: 'FILLED', ...f.primaryButton })}
        </div>`
      : null;
    return { body, footer };
  }
}

/** Renders the cards of one level of the panel (usually one card) with its clickable targets. */
export function renderCards(cards: CardJson[], opts: RenderOptions = {}): RenderedCards {
  const r = new Renderer(opts);
  let footer: SafeHtml | null = null;
  const bodies = cards.map((c) => {
    const out = r.card(c);
    if (out.footer) footer = out.footer;
    return out.body;
  });
  return { html: html`${bodies}`, footer, targets: r.targets, inputs: r.inputs, cardActions: r.cardActions };
}
