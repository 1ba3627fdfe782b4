// The add-on's side panel as Google runs it: a stack of cards per user, host and open item
// (message or event), kept in the server's memory; the homepage or contextual trigger fills it,
// actions and universal actions run the bundle's functions as the user with Google's event
// object, and their responses push, update and pop cards, show a notification or open a link.
// A function that throws shows Google's error card; the stack under it stays.
import {
  actionResponseJson,
  cardJson,
  universalActionResponseJson,
  type ActionJson,
  type CardJson,
  type RenderActionJson,
} from '../workspace/card';
import { romeOffsetMinutes } from '../../src/domain/rome-time';
import {
  DO_FIELD,
  FIELD_PREFIX,
  ICON_PATHS,
  renderCards,
  safeUrl,
  svgIcon,
  type RenderedCards,
} from './addon-card';
import { actionParameters, buildEvent, formInputsOf, type HostApp, type HostContext } from './addon-event';
import type { Backend } from './backend';
import { html, type SafeHtml } from './html';

// ---- the manifest ---------------------------------------------------------------------------

export interface UniversalAction {
  label: string;
  runFunction?: string;
  openLink?: string;
}

export interface AddOnManifest {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  /** Buttons: secondaryColor, else primaryColor ("If primary color is set but no secondary color…"). */
  buttonColor: string | null;
  useLocaleFromApp: boolean;
  universalActions: UniversalAction[];
  /** The homepage function of a host (its own homepageTrigger, else the common one), if enabled. */
  homepage: Record<HostApp, string | null>;
  /** Gmail: contextualTriggers[0].onTriggerFunction; Calendar: eventOpenTrigger.runFunction. */
  contextual: Record<HostApp, string | null>;
  currentEventAccess: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const color = (v: unknown): string | null => {
  const s = str(v);
  return s && /^#[0-9a-f]{3,8}$/i.test(s) ? s : null;
};

/** Reads appsscript.json's `addOns` as Google uses it (see the Apps Script manifest reference). */
export function readManifest(manifest: unknown): AddOnManifest {
  const addOns = obj(obj(manifest).addOns);
  const common = obj(addOns.common);
  const layout = obj(common.layoutProperties);
  const trigger = (t: unknown) => {
    const o = obj(t);
    return o.enabled === false ? null : str(o.runFunction);
  };
  const commonHome = trigger(common.homepageTrigger);
  const home = (host: string) => {
    const own = obj(addOns[host]).homepageTrigger;
    return own ? trigger(own) : commonHome;
  };
  const gmail = obj(addOns.gmail);
  const calendar = obj(addOns.calendar);
  const contextual = Array.isArray(gmail.contextualTriggers) ? gmail.contextualTriggers : [];
  const primary = color(layout.primaryColor);
  return {
    name: str(common.name) ?? 'Componente aggiuntivo',
    logoUrl: safeUrl(common.logoUrl),
    primaryColor: primary,
    buttonColor: color(layout.secondaryColor) ?? primary,
    useLocaleFromApp: common.useLocaleFromApp === true,
    universalActions: (Array.isArray(common.universalActions) ? common.universalActions : [])
      .map(obj)
      .map((a) => ({
        label: str(a.label) ?? '',
        runFunction: str(a.runFunction) ?? undefined,
        openLink: safeUrl(a.openLink) ?? undefined,
      }))
      .filter((a) => a.label && (a.runFunction || a.openLink)),
    homepage: { GMAIL: home('gmail'), CALENDAR: home('calendar'), SHEETS: home('sheets') },
    contextual: {
      GMAIL: str(obj(contextual[0]).onTriggerFunction),
      CALENDAR: str(obj(calendar.eventOpenTrigger).runFunction),
      SHEETS: null,
    },
    currentEventAccess: str(calendar.currentEventAccess),
  };
}

// ---- links ----------------------------------------------------------------------------------

/**
 * Where a link of the add-on goes in the playground: the web app's /exec URL is the playground's
 * /html/doGet (with its query), the request Form is /modulo; other links stay as they are.
 */
export function localLink(url: string): string {
  const webApp =
    /^https:\/\/script\.google\.com\/(?:a\/macros\/[^/]+\/|macros\/)s\/[^/?#]+\/(?:exec|dev)(\?[^#]*)?/.exec(
      url,
    );
  if (webApp) return `/html/doGet${webApp[1] ?? ''}`;
  if (/^https:\/\/docs\.google\.com\/forms\//.test(url)) return '/modulo';
  // A document or a Drive file (the agreement, its signed PDF): the playground's viewer.
  const file = /^https:\/\/(?:docs\.google\.com\/document|drive\.google\.com\/file)\/d\/([\w-]+)/.exec(url);
  if (file) return `/documento?id=${file[1]}`;
  return url;
}

// ---- state ----------------------------------------------------------------------------------

interface PanelState {
  /** Levels of cards, root first; a level is one card (or the cards a trigger returned). */
  stack: CardJson[][];
  /** Bumped on every change of the stack: a click on an older card is refused. */
  rev: number;
  error: { functionName: string; message: string } | null;
  /** What the user typed in the card on top, kept when an action leaves the card there. */
  values: Record<string, string[]> | null;
  /** For pages without JavaScript: the last notification and link, shown once. */
  flash: { toast: string | null; link: string | null } | null;
}

export interface PanelPlace {
  user: string;
  host: HostApp;
  context: HostContext;
}

/** What a click did, for the page's script. */
export interface ActResult {
  /** False when the panel stays as it was (a notification only): no new view to show. */
  changed: boolean;
  toast: string | null;
  link: string | null;
}

const MAX_PANELS = 300;

const contextKey = (c: HostContext) =>
  !c ? '' : c.host === 'GMAIL' ? `msg:${c.messageId}` : `event:${c.calendarId}/${c.eventId}`;

const errorMessage = (e: unknown): string => {
  const m = (e as Error)?.message;
  return typeof m === 'string' && m ? m : String(e);
};

export class AddOnPanels {
  private readonly states = new Map<string, PanelState>();

  constructor(private readonly backend: Backend) {}

  manifest(): AddOnManifest {
    return readManifest(this.backend.manifest());
  }

  private key(p: PanelPlace): string {
    return `${p.user}\n${p.host}\n${contextKey(p.context)}`;
  }

  private get(p: PanelPlace): PanelState | undefined {
    const key = this.key(p);
    const state = this.states.get(key);
    if (state) {
      // Most recently used last: the oldest panels are forgotten first.
      this.states.delete(key);
      this.states.set(key, state);
    }
    return state;
  }

  private set(p: PanelPlace, state: PanelState): void {
    this.states.set(this.key(p), state);
    while (this.states.size > MAX_PANELS) this.states.delete(this.states.keys().next().value as string);
  }

  /** The panel of a place, running its trigger when it has none yet (or when `reload`). */
  open(p: PanelPlace, reload = false): PanelState {
    const existing = reload ? undefined : this.get(p);
    if (existing) return existing;
    const state: PanelState = { stack: [], rev: 1, error: null, values: null, flash: null };
    this.runTrigger(p, state);
    this.set(p, state);
    return state;
  }

  private event(p: PanelPlace, widget?: Parameters<typeof buildEvent>[0]['widget']) {
    const m = this.manifest();
    return buildEvent({
      host: p.host,
      context: p.context,
      nowMs: this.backend.nowMs(),
      useLocaleFromApp: m.useLocaleFromApp,
      currentEventAccess: m.currentEventAccess ?? undefined,
      widget,
    });
  }

  private run(p: PanelPlace, state: PanelState, functionName: string, event: unknown): unknown {
    try {
      return this.backend.runAddOn(p.user, functionName, event);
    } catch (e) {
      state.error = { functionName, message: errorMessage(e) };
      return undefined;
    }
  }

  private runTrigger(p: PanelPlace, state: PanelState): void {
    const m = this.manifest();
    const name = (p.context && m.contextual[p.host]) || m.homepage[p.host];
    state.error = null;
    state.values = null;
    state.rev++;
    if (!name) {
      state.stack = [];
      state.error = {
        functionName: '(nessuna)',
        message: 'Il manifest non ha un homepageTrigger per questa applicazione.',
      };
      return;
    }
    const result = this.run(p, state, name, this.event(p));
    if (state.error) return;
    const cards = cardsOf(result);
    if (!cards) {
      state.error = { functionName: name, message: `${name} non ha restituito una scheda (Card).` };
      return;
    }
    state.stack = [cards];
  }

  /** The card on top, rendered: what a click's index means. */
  private top(state: PanelState): RenderedCards {
    const m = this.manifest();
    return renderCards(state.stack[state.stack.length - 1] ?? [], {
      values: state.values ?? undefined,
      buttonColor: m.buttonColor ?? undefined,
      localLink,
      offsetMinutesAt: romeOffsetMinutes,
    });
  }

  /** Applies a RenderActions: navigations in order, then the notification and the link. */
  private apply(
    state: PanelState,
    action: RenderActionJson | undefined,
  ): { toast: string | null; link: string | null } {
    for (const n of action?.navigations ?? []) {
      if ('pushCard' in n) state.stack.push([n.pushCard]);
      else if ('updateCard' in n) state.stack[Math.max(state.stack.length - 1, 0)] = [n.updateCard];
      else if ('pop' in n) {
        if (state.stack.length > 1) state.stack.pop();
      } else if ('popToRoot' in n) state.stack.length = Math.min(state.stack.length, 1);
      else if ('popToCard' in n) {
        const at = state.stack.map((level) => level.some((c) => c.name === n.popToCard)).lastIndexOf(true);
        if (at >= 0) state.stack.length = at + 1;
      }
    }
    if (action?.navigations?.length) {
      state.rev++;
      state.values = null;
    }
    const url = action?.link ? safeUrl(action.link.url) : null;
    return { toast: action?.notification?.text ?? null, link: url ? localLink(url) : null };
  }

  /** What a function returned, applied to the panel. */
  private respond(state: PanelState, functionName: string, result: unknown) {
    const response = actionResponseJson(result) ?? universalActionResponseJson(result);
    if (response)
      return this.apply(state, 'renderActions' in response ? response.renderActions.action : response.action);
    const cards = cardsOf(result);
    if (cards) return this.apply(state, { navigations: cards.map((c) => ({ pushCard: c })) });
    if (result !== undefined && result !== null)
      state.error = {
        functionName,
        message: `${functionName} ha restituito un valore che non è un ActionResponse né una scheda.`,
      };
    return { toast: null, link: null };
  }

  /** A click in the panel: `posted(name)` gives the posted values of a form field. */
  act(p: PanelPlace, posted: (name: string) => string[]): ActResult {
    const state = this.open(p);
    const before = state.rev;
    const hadError = !!state.error;
    const done = (out: { toast: string | null; link: string | null }): ActResult => {
      const changed = state.rev !== before || hadError !== !!state.error || !!state.error;
      state.flash = out.toast || out.link ? out : null;
      return { changed, ...out };
    };
    const what = posted(DO_FIELD)[0] ?? '';
    const rev = Number(posted('rev')[0]);
    if (what === 'refresh') {
      this.runTrigger(p, state);
      return done({ toast: null, link: null });
    }
    if (what === 'dismiss') {
      state.error = null;
      state.rev++;
      return done({ toast: null, link: null });
    }
    if (rev !== state.rev) {
      state.rev++;
      return done({ toast: 'La scheda era cambiata nel frattempo: riprova.', link: null });
    }
    if (what === 'back') {
      if (state.stack.length > 1) {
        state.stack.pop();
        state.rev++;
        state.values = null;
      }
      state.error = null;
      return done({ toast: null, link: null });
    }
    const universal = /^u(\d+)$/.exec(what);
    if (universal) {
      const u = this.manifest().universalActions[Number(universal[1])];
      if (!u?.runFunction) return done({ toast: 'Azione sconosciuta.', link: null });
      state.error = null;
      const result = this.run(p, state, u.runFunction, this.event(p));
      if (state.error) return done({ toast: null, link: null });
      return done(this.respond(state, u.runFunction, result));
    }
    const clicked = /^a(\d+)$/.exec(what);
    const rendered = this.top(state);
    const target = clicked ? rendered.targets[Number(clicked[1])] : undefined;
    if (!target) return done({ toast: 'Azione sconosciuta.', link: null });
    const field = (name: string) => posted(FIELD_PREFIX + name);
    const missing = requiredMissing(target.action, rendered, field);
    if (missing.length) {
      state.values = valuesOf(rendered, field);
      return done({ toast: `Compila i campi obbligatori: ${missing.join(', ')}.`, link: null });
    }
    const formInputs = formInputsOf(rendered.inputs, field);
    const parameters = actionParameters(target.action.parameters, target.extraParameters);
    state.error = null;
    const result = this.run(p, state, target.action.function, this.event(p, { parameters, formInputs }));
    if (state.error) {
      state.values = valuesOf(rendered, field);
      return done({ toast: null, link: null });
    }
    const values = valuesOf(rendered, field);
    const out = this.respond(state, target.action.function, result);
    if (state.rev === before) state.values = values;
    return done(out);
  }

  /** The notification and link of the last action, once (for a page reloaded without script). */
  takeFlash(p: PanelPlace): { toast: string | null; link: string | null } | null {
    const state = this.get(p);
    const flash = state?.flash ?? null;
    if (state) state.flash = null;
    return flash;
  }

  /** Forgets what the page's script already showed. */
  clearFlash(p: PanelPlace): void {
    const state = this.get(p);
    if (state) state.flash = null;
  }

  /** The panel's replaceable part: toolbar, cards (or the error card), fixed footer. */
  view(p: PanelPlace, back: string): SafeHtml {
    const state = this.open(p);
    const m = this.manifest();
    const rendered = this.top(state);
    const depth = state.stack.length;
    const start =
      depth > 1
        ? html`<button
            type="submit"
            class="tb-btn"
            name="${DO_FIELD}"
            value="back"
            aria-label="Indietro"
            title="Indietro"
          >
            ${svgIcon(ICON_PATHS.back)}
          </button>`
        : logo(m);
    const menu = html`<details class="menu">
      <summary class="tb-btn" aria-label="Altre azioni" title="Altre azioni">
        ${svgIcon(ICON_PATHS.more)}
      </summary>
      <div class="menu-list" role="menu">
        ${rendered.cardActions.map((a) => a.click)}
        ${rendered.cardActions.length && m.universalActions.length ? html`<hr />` : ''}
        ${m.universalActions.map((u, i) =>
          u.runFunction
            ? html`<button
                type="submit"
                class="menu-item"
                name="${DO_FIELD}"
                value="u${i}"
                data-load="spinner"
              >
                ${u.label}
              </button>`
            : html`<a
                class="menu-item"
                href="${localLink(u.openLink as string)}"
                target="_blank"
                rel="noopener noreferrer"
                >${u.label}</a
              >`,
        )}
        <hr />
        <button type="submit" class="menu-item" name="${DO_FIELD}" value="refresh" data-load="spinner">
          Aggiorna
        </button>
      </div>
    </details>`;
    const body = state.error
      ? errorCard(state.error, depth > 0)
      : depth
        ? rendered.html
        : html`<p class="empty">Nessuna scheda.</p>`;
    const footer = !state.error && rendered.footer ? rendered.footer : '';
    return html`<form class="addon-form" method="post" action="/addon/azione" data-rev="${state.rev}">
      <button type="submit" class="default-button" disabled hidden tabindex="-1" aria-hidden="true"></button>
      <input type="hidden" name="host" value="${p.host}" />
      <input type="hidden" name="ctx" value="${contextKey(p.context)}" />
      <input type="hidden" name="rev" value="${state.rev}" />
      <input type="hidden" name="torna" value="${back}" />
      <div class="toolbar">
        ${start}
        <span class="tb-title">${m.name}</span>
        ${menu}
      </div>
      <div class="addon-scroll">${body}</div>
      ${footer}
    </form>`;
  }
}

function logo(m: AddOnManifest): SafeHtml {
  const initial = [...m.name][0] ?? '•';
  return html`<span class="tb-logo" aria-hidden="true"
    ><span class="tb-initial">${initial}</span
    >${m.logoUrl ? html`<img src="${m.logoUrl}" alt="" />` : ''}</span
  >`;
}

/** Google's card for a script error: the message, and a way back to the cards under it. */
function errorCard(error: { functionName: string; message: string }, hasCards: boolean): SafeHtml {
  return html`<article class="card error-card" role="alert">
    <header class="card-header">
      <span class="error-icon">${svgIcon(ICON_PATHS.error)}</span>
      <div class="card-header-text">
        <h2 class="card-title" tabindex="-1">Si è verificato un errore con il componente aggiuntivo.</h2>
        <div class="card-subtitle">Errore di runtime.</div>
      </div>
    </header>
    <section class="section">
      <div class="w paragraph error-message">${error.message}</div>
      <div class="w paragraph muted">Funzione: ${error.functionName}</div>
      <div class="w buttons">
        ${
          hasCards
            ? html`<button type="submit" class="btn outlined" name="${DO_FIELD}" value="dismiss">
                Chiudi
              </button>`
            : ''
        }
        <button type="submit" class="btn filled" name="${DO_FIELD}" value="refresh" data-load="spinner">
          Riprova
        </button>
      </div>
    </section>
  </article>`;
}

/** A trigger's result as cards: a Card, or an array of Cards; null for anything else. */
function cardsOf(result: unknown): CardJson[] | null {
  const one = cardJson(result);
  if (one) return [one];
  if (Array.isArray(result) && result.length) {
    const all = result.map((c) => cardJson(c));
    if (all.every((c): c is CardJson => c !== null)) return all;
  }
  return null;
}

function valuesOf(rendered: RenderedCards, field: (name: string) => string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of rendered.inputs.keys()) out[name] = field(name);
  return out;
}

/** Action.setRequiredWidgets / setAllWidgetsAreRequired: the empty ones, by label or name. */
function requiredMissing(
  action: ActionJson,
  rendered: RenderedCards,
  field: (name: string) => string[],
): string[] {
  const names = action.allWidgetsAreRequired ? [...rendered.inputs.keys()] : (action.requiredWidgets ?? []);
  return names.filter((n) => rendered.inputs.has(n) && !field(n).some((v) => v.trim() !== ''));
}
