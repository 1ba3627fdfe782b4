// Safe HTML for the playground's pages: a tagged template that escapes every interpolated
// value unless it is itself a piece of `html` (or `raw`, for trusted constants only).

export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(part);
}

/** `html\`<td>${userText}</td>\`` escapes userText; nested `html` and arrays of it stay as they are. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted markup (constants of this file only, never user text). */
export function raw(text: string): SafeHtml {
  return new SafeHtml(text);
}

export const STYLE = raw(`
:root { --accent: #0b6e4f; --accent-soft: #e3f2ec; --line: #d9dde3; --muted: #5f6b7a; --bg: #f6f7f9;
  --warn: #8a5a00; --warn-soft: #fff4d6; --bad: #a4262c; --bad-soft: #fde7e9; --ok-soft: #e6f4ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2733; background: var(--bg); }
a { color: var(--accent); }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 8px 20px; display: flex; flex-wrap: wrap;
  gap: 8px 24px; align-items: center; }
header.top .brand { font-weight: 700; font-size: 18px; color: var(--accent); text-decoration: none; margin-right: 4px; }
header.top nav { display: flex; gap: 2px; flex-wrap: wrap; }
header.top nav a { padding: 6px 10px; border-radius: 6px; text-decoration: none; color: #1f2733; }
header.top nav a.on { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
header.top nav a:hover { background: #eef0f3; }
header.top form { display: flex; gap: 6px; align-items: center; margin: 0; }
header.top .spacer { flex: 1; }
header.top label { font-size: 13px; color: var(--muted); }
select, input, textarea, button { font: inherit; }
select, input[type=date], input[type=text], input[type=email], input[type=datetime-local], textarea {
  border: 1px solid var(--line); border-radius: 6px; padding: 5px 8px; background: #fff; }
header.top select { max-width: 340px; }
button, .button { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 6px 12px; cursor: pointer;
  text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
button.small { padding: 3px 8px; font-size: 13px; }
main { max-width: 1180px; margin: 0 auto; padding: 20px; }
main.wide { max-width: none; }
h1 { font-size: 22px; margin: 4px 0 12px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
.muted { color: var(--muted); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-bottom: 16px; }
.form-card { max-width: 680px; }
.form-card .band { height: 8px; background: var(--accent); border-radius: 10px 10px 0 0; margin: -18px -20px 14px; }
.question { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; margin: 0 0 12px; max-width: 680px; }
.question .title { font-weight: 600; margin-bottom: 6px; display: block; }
.question .required { color: var(--bad); }
.question .help { color: var(--muted); font-size: 13px; margin: -2px 0 8px; }
.question textarea { width: 100%; min-height: 70px; }
table.data { border-collapse: collapse; background: #fff; font-size: 13px; width: 100%; }
table.data th, table.data td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
table.data th { background: #eef1f4; white-space: nowrap; }
table.data td.rules { min-width: 340px; }
table.data td.pre { white-space: pre-line; }
table.data tr:nth-child(even) td { background: #fafbfc; }
.scroll { overflow-x: auto; }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 14px; }
.tabs a { padding: 5px 11px; border: 1px solid var(--line); border-radius: 16px; background: #fff; text-decoration: none; color: #1f2733; font-size: 14px; }
.tabs a.on { background: var(--accent); color: #fff; border-color: var(--accent); }
.tabs .count { color: var(--muted); font-size: 12px; margin-left: 4px; }
.tabs a.on .count { color: #dff; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.pill.pending { background: var(--warn-soft); color: var(--warn); }
.pill.approved { background: var(--ok-soft); color: #1e6b34; }
.pill.refused, .pill.rejected { background: var(--bad-soft); color: var(--bad); }
.pill.cancelled { background: #eceff1; color: #555; }
.notice { padding: 10px 14px; border-radius: 8px; margin-bottom: 14px; }
.notice.ok { background: var(--ok-soft); }
.notice.error { background: var(--bad-soft); color: var(--bad); }
.notice.info { background: var(--accent-soft); }
ul.violations { margin: 4px 0 0; padding-left: 18px; }
ul.violations li.block { color: var(--bad); }
ul.violations li.warn { color: var(--warn); }
.month { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 1px; background: var(--line); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.month .dow { background: #eef1f4; padding: 4px 6px; font-size: 12px; font-weight: 600; }
.month .day { background: #fff; min-height: 92px; padding: 4px 6px; font-size: 12px; }
.month .day.other { background: #f7f8fa; color: #9aa3ad; }
.month .day.today { box-shadow: inset 0 0 0 2px var(--accent); }
.month .day .n { font-weight: 600; }
.month .ev { background: var(--accent-soft); color: #0b4f39; border-radius: 4px; padding: 1px 4px; margin-top: 2px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.month .more { color: var(--muted); }
.mail { border: 1px solid var(--line); border-radius: 8px; background: #fff; margin-bottom: 10px; }
.mail summary { padding: 8px 12px; cursor: pointer; display: flex; gap: 4px 14px; flex-wrap: wrap; align-items: baseline; }
.mail summary strong { flex: 1 1 380px; }
.mail .body { padding: 0 12px 12px; white-space: pre-wrap; border-top: 1px solid var(--line); }
.mail iframe { width: 100%; min-height: 260px; border: 0; }
.grid2 { display: grid; grid-template-columns: 340px 1fr; gap: 18px; align-items: start; }
.sidebar-frame { width: 300px; height: 640px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.sync { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin: 0 0 12px; }
.sync .muted { font-size: 13px; flex: 1 1 320px; }
.clock { font-size: 13px; }
.clock strong { font-size: 14px; }
`);
