// The look of the add-on's hosts and side panel: Google's Material style (Google Sans-like type,
// 8 px grid, 320 px panel scrolling inside, pill buttons), and the panel's small script.
import { raw } from './html';

export const ADDON_STYLE = raw(`
.host { --panel-w: 320px; display: flex; height: calc(100vh - var(--top-h, 64px) - 40px); min-height: 560px;
  background: #f6f8fc; border: 1px solid #dadce0; border-radius: 12px; overflow: hidden;
  font-family: "Google Sans", "Product Sans", Roboto, "Segoe UI", system-ui, -apple-system, Arial, sans-serif; color: #1f1f1f; }
.host a { color: #0b57d0; }
.host-main { flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; overflow: hidden; }
.app-bar { display: flex; align-items: center; gap: 16px; min-height: 64px; padding: 8px 16px; flex: none; flex-wrap: wrap; }
.app-name { font-size: 22px; line-height: 28px; color: #444746; display: inline-flex; align-items: center; gap: 10px; }
.app-mark { width: 32px; height: 32px; border-radius: 8px; display: inline-flex; align-items: center; justify-content: center;
  color: #fff; font-weight: 700; font-size: 17px; }
.app-user { margin-left: auto; font-size: 13px; color: #444746; }
.app-nav { display: inline-flex; gap: 4px; align-items: center; }
.app-nav a, .app-nav span.btn-like { display: inline-flex; align-items: center; height: 36px; padding: 0 16px; border-radius: 18px;
  border: 1px solid #747775; color: #1f1f1f; text-decoration: none; font-size: 14px; font-weight: 500; }
.app-nav a:hover { background: #e9eef6; }
.app-title { font-size: 22px; color: #1f1f1f; }
.host-content { flex: 1; overflow: auto; background: #fff; border-radius: 16px 16px 0 0; margin: 0 8px; }
.host-content:focus-visible { outline: 2px solid #0b57d0; outline-offset: -2px; }
.host-note { margin: 12px 16px; padding: 12px 16px; border-radius: 8px; background: #e8f0fe; color: #1f1f1f; font-size: 14px; }
.host-note.error { background: #fce8e6; color: #8c1d18; }

/* Gmail */
.mail-list { list-style: none; margin: 0; padding: 0; }
.mail-row { display: grid; grid-template-columns: minmax(120px, 200px) 1fr auto; gap: 16px; align-items: center; padding: 0 16px;
  height: 40px; border-bottom: 1px solid #f1f3f4; text-decoration: none; color: #1f1f1f !important; font-size: 14px; position: relative; }
.mail-row:hover, .mail-row:focus-visible { box-shadow: inset 1px 0 0 #dadce0, inset -1px 0 0 #dadce0, 0 1px 2px 0 rgba(60,64,67,.3),
  0 1px 3px 1px rgba(60,64,67,.15); z-index: 1; outline: none; }
.mail-row .from, .mail-row .line { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.mail-row .from, .mail-row .subject, .mail-row time { font-weight: 600; }
.mail-row .snippet { color: #5f6368; }
.mail-row time { font-size: 12px; color: #1f1f1f; }
.mail-pages { display: flex; gap: 8px; align-items: center; justify-content: flex-end; padding: 8px 16px; font-size: 13px; color: #444746; }
.mail-view { padding: 16px 24px 32px; }
.mail-subject { font-size: 22px; line-height: 28px; font-weight: 400; margin: 8px 0 16px; }
.mail-meta { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 14px; color: #444746; margin-bottom: 16px; }
.mail-meta strong { color: #1f1f1f; }
.mail-body { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/20px Roboto, Arial, sans-serif; color: #222; max-width: 760px; }

/* Calendar */
.cal { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); grid-template-rows: auto; grid-auto-rows: minmax(96px, 1fr);
  min-height: 100%; }
.cal .dow { text-align: center; font-size: 11px; font-weight: 500; color: #444746; text-transform: uppercase;
  padding: 8px 0 0; border-right: 1px solid #dadce0; }
.cal > :nth-child(7n) { border-right: 0 !important; }
.cal .day { border-right: 1px solid #dadce0; border-bottom: 1px solid #dadce0; padding: 4px; min-width: 0; font-size: 12px; }
.cal .n { display: block; text-align: center; width: 24px; height: 24px; line-height: 24px; margin: 0 auto 2px; border-radius: 50%;
  font-size: 12px; font-weight: 500; color: #1f1f1f; }
.cal .day.other .n { color: #70757a; }
.cal .day.today .n { background: #0b57d0; color: #fff; }
.cal .chip { display: block; border-radius: 4px; padding: 0 6px; height: 20px; line-height: 20px; margin: 1px 0; font-size: 12px;
  background: #0b8043; color: #fff !important; text-decoration: none; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.cal .chip.timed { background: none; color: #1f1f1f !important; }
.cal .chip.on { box-shadow: 0 0 0 2px #0b57d0; }
.cal .chip:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
.cal .more { display: block; padding: 0 6px; font-size: 12px; color: #444746 !important; text-decoration: none; font-weight: 500; }
.event-card { margin: 12px 16px; padding: 16px; border-radius: 16px; background: #f0f4f9; }
.event-card h2 { margin: 0 0 4px; font-size: 22px; font-weight: 400; }
.event-card .meta { color: #444746; font-size: 14px; }
.event-card .desc { white-space: pre-wrap; margin-top: 8px; font-size: 14px; }
.day-list { margin: 12px 16px; padding: 12px 16px; border-radius: 16px; background: #f0f4f9; font-size: 14px; }
.day-list ul { margin: 8px 0 0; padding-left: 20px; }

/* Sheets */
.sheets-bar { min-height: 56px; }
.sheets-menu { display: flex; gap: 2px; font-size: 14px; color: #1f1f1f; width: 100%; margin-top: -8px; padding-left: 50px; }
.sheets-menu span { padding: 2px 7px; border-radius: 4px; }
.formula { display: flex; align-items: center; gap: 8px; height: 30px; padding: 0 8px; background: #fff; border-bottom: 1px solid #e1e1e1;
  margin: 0 8px; border-radius: 12px 12px 0 0; font-size: 13px; color: #444746; }
.formula .ref { width: 80px; border-right: 1px solid #e1e1e1; }
.sheet-wrap { flex: 1; overflow: auto; background: #fff; margin: 0 8px; }
table.sheet { border-collapse: collapse; table-layout: fixed; font: 13px Arial, sans-serif; }
table.sheet th { background: #f8f9fa; color: #575a5e; font-weight: 400; border: 1px solid #e1e1e1; height: 21px; position: sticky; top: 0; }
table.sheet th.row { width: 46px; left: 0; z-index: 1; }
table.sheet td { border: 1px solid #e1e1e1; width: 100px; height: 21px; }
table.sheet td.sel { outline: 2px solid #1a73e8; outline-offset: -2px; }
.sheet-tabs { display: flex; gap: 4px; align-items: center; height: 40px; padding: 0 16px; font-size: 14px; flex: none; }
.sheet-tabs span { background: #e1e9f7; color: #0b57d0; border-radius: 4px 4px 0 0; padding: 6px 16px; font-weight: 500; }

/* the icon rail of Google's side panel */
.rail { width: 56px; flex: none; display: flex; flex-direction: column; align-items: center; gap: 8px; padding-top: 16px; background: #f6f8fc; }
.rail-icon { width: 40px; height: 40px; border-radius: 50%; display: flex; align-items: center; justify-content: center; position: relative;
  overflow: hidden; }
.rail-icon.on { background: #d3e3fd; }
.rail-icon img { width: 24px; height: 24px; position: absolute; }
.rail-icon .tb-initial { font-weight: 700; }
.rail hr { width: 24px; border: 0; border-top: 1px solid #c4c7c5; margin: 4px 0; }

/* ---- the add-on's side panel ---- */
.addon-panel { width: var(--panel-w); flex: none; display: flex; flex-direction: column; background: #fff; position: relative;
  border-left: 1px solid #dadce0; font: 14px/20px Roboto, "Segoe UI", system-ui, -apple-system, Arial, sans-serif; color: #1f1f1f;
  --font-title: "Google Sans", "Product Sans", Roboto, "Segoe UI", system-ui, Arial, sans-serif; }
.addon-panel * { box-sizing: border-box; }
.addon-panel button, .addon-panel summary { background: none; color: inherit; border: 0; border-radius: 0; padding: 0; margin: 0; font: inherit;
  text-align: inherit; }
.addon-panel .addon-slot, .addon-panel .addon-form { display: flex; flex-direction: column; flex: 1; min-height: 0; margin: 0; }
.addon-panel .gi { fill: currentColor; display: block; }
.addon-panel .toolbar { display: flex; align-items: center; gap: 8px; height: 56px; padding: 0 4px 0 12px; flex: none;
  background: var(--primary, #fff); color: var(--on-primary, #1f1f1f); }
.addon-panel .tb-title { flex: 1; min-width: 0; font: 500 16px/24px var(--font-title); overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.addon-panel .tb-btn { width: 40px; height: 40px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center;
  cursor: pointer; list-style: none; flex: none; margin-left: -6px; }
.addon-panel .menu .tb-btn { margin-left: 0; }
.addon-panel .tb-btn::-webkit-details-marker { display: none; }
.addon-panel .tb-btn:hover, .addon-panel .menu[open] > .tb-btn { background: rgba(255,255,255,.16); }
.addon-panel .tb-logo, .rail-icon { position: relative; }
.addon-panel .tb-logo { width: 28px; height: 28px; border-radius: 50%; background: #fff; display: inline-flex; align-items: center;
  justify-content: center; overflow: hidden; flex: none; }
.addon-panel .tb-logo img { position: absolute; left: 4px; top: 4px; width: 20px; height: 20px; }
.tb-initial { color: var(--primary, #1a73e8); font: 700 14px/1 var(--font-title, sans-serif); }
.addon-panel .menu { position: relative; }
.addon-panel .menu-list { position: absolute; right: 4px; top: 44px; min-width: 216px; background: #fff; color: #1f1f1f; border-radius: 4px;
  box-shadow: 0 2px 6px 2px rgba(60,64,67,.15), 0 1px 2px rgba(60,64,67,.3); padding: 8px 0; z-index: 40; }
.addon-panel .menu-item { display: block; width: 100%; text-align: left; padding: 0 16px; height: 40px; line-height: 40px; font-size: 14px;
  color: #1f1f1f; text-decoration: none; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.addon-panel .menu-item:hover, .addon-panel .menu-item:focus-visible { background: #f1f3f4; outline: none; }
.addon-panel .menu-item.inert { color: #70757a; cursor: default; }
.addon-panel .menu-list hr { border: 0; border-top: 1px solid #dadce0; margin: 8px 0; }
.addon-panel .addon-scroll { flex: 1; overflow-y: auto; overflow-x: hidden; min-height: 0; overscroll-behavior: contain; }
.addon-panel .empty { color: #444746; padding: 16px; }
.addon-panel .card { padding: 0 0 8px; margin: 0; border: 0; border-radius: 0; background: #fff; }
.addon-panel .card + .card { border-top: 8px solid #f1f3f4; }
.addon-panel .card-header { display: flex; gap: 16px; align-items: center; padding: 16px 16px 8px; }
.addon-panel .card-header-img { width: 40px; height: 40px; object-fit: cover; border-radius: 4px; flex: none; }
.addon-panel .circle { border-radius: 50%; }
.addon-panel .card-header-text { min-width: 0; }
.addon-panel .card-title { margin: 0; font: 500 16px/24px var(--font-title); color: #1f1f1f; overflow-wrap: anywhere; }
.addon-panel .card-title:focus { outline: none; }
.addon-panel .card-subtitle { font-size: 14px; line-height: 20px; color: #444746; overflow-wrap: anywhere; }
.addon-panel .section { padding: 8px 16px 8px; }
.addon-panel .section + .section { border-top: 1px solid #e3e3e3; }
.addon-panel .section-header { margin: 8px 0; font: 500 14px/20px var(--font-title); color: #444746; }
.addon-panel .w { margin: 4px 0; }
.addon-panel .paragraph { overflow-wrap: anywhere; }
.addon-panel .muted { color: #444746; font-size: 12px; }
.addon-panel a { color: #0b57d0; }
.addon-panel .decorated { display: flex; align-items: center; gap: 8px; min-height: 40px; }
.addon-panel .dt-main { display: flex; align-items: center; gap: 16px; flex: 1; min-width: 0; padding: 4px 0; color: inherit; text-decoration: none; }
.addon-panel .dt-main.clickable { cursor: pointer; border-radius: 8px; margin: 0 -8px; padding: 4px 8px; }
.addon-panel .dt-main.clickable:hover { background: #f1f3f4; }
.addon-panel .dt-icon, .addon-panel .dt-end-icon { width: 24px; height: 24px; flex: none; display: inline-flex; align-items: center; justify-content: center;
  font-size: 18px; color: #444746; object-fit: contain; }
.addon-panel .dt-body { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.addon-panel .dt-top, .addon-panel .dt-bottom { font-size: 12px; line-height: 16px; color: #444746; }
.addon-panel .dt-body.nowrap > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.addon-panel .dt-body.wrap > span { overflow-wrap: anywhere; }
.addon-panel .dt-end { flex: none; display: flex; align-items: center; }
.addon-panel .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.addon-panel .btn { display: inline-flex; align-items: center; justify-content: center; gap: 8px; height: 36px; padding: 0 16px; border-radius: 18px;
  font: 500 14px/20px var(--font-title); letter-spacing: .1px; cursor: pointer; text-decoration: none; white-space: nowrap; max-width: 100%;
  overflow: hidden; text-overflow: ellipsis; border: 1px solid transparent; }
.addon-panel .btn > span { overflow: hidden; text-overflow: ellipsis; }
.addon-panel .btn.filled { background: var(--btn, #1a73e8); color: #fff; }
.addon-panel .btn.filled:hover { box-shadow: 0 1px 2px rgba(60,64,67,.3), 0 1px 3px 1px rgba(60,64,67,.15); filter: brightness(1.08); }
.addon-panel .btn.outlined { border-color: #747775; color: var(--btn-text, #1a73e8); background: transparent; }
.addon-panel .btn.outlined:hover, .addon-panel .btn.text:hover { background: rgba(26,115,232,.08); }
.addon-panel .btn.text { color: var(--btn-text, #1a73e8); padding: 0 12px; }
.addon-panel .btn.tonal { background: #c2e7ff; color: #001d35; }
.addon-panel .btn.icon { width: 40px; height: 40px; padding: 0; border-radius: 50%; color: #444746; }
.addon-panel .btn.icon:hover { background: #f1f3f4; }
.addon-panel .btn-icon { font-size: 16px; width: 18px; height: 18px; display: inline-flex; align-items: center; justify-content: center; }
.addon-panel .btn:disabled { background: rgba(31,31,31,.12); color: rgba(31,31,31,.38); border-color: transparent; cursor: default;
  box-shadow: none; filter: none; }
.addon-panel .btn.outlined:disabled { background: transparent; border-color: rgba(31,31,31,.12); }
.addon-panel .inert { cursor: default; }
.addon-panel :focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.addon-panel .toolbar :focus-visible { outline-color: var(--on-primary, #0b57d0); outline-offset: -2px; }
.addon-panel .field { display: flex; flex-direction: column; gap: 4px; margin: 8px 0; }
.addon-panel .field label, .addon-panel .choices legend { font-size: 12px; line-height: 16px; color: #444746; padding: 0; }
.addon-panel .field input, .addon-panel .field textarea, .addon-panel .field select { font: 14px/20px Roboto, system-ui, sans-serif;
  padding: 9px 12px; border: 1px solid #747775; border-radius: 4px; background: #fff; color: #1f1f1f; width: 100%; min-height: 40px; }
.addon-panel .field textarea { resize: vertical; }
.addon-panel .field input:focus, .addon-panel .field textarea:focus, .addon-panel .field select:focus { outline: 2px solid var(--btn, #1a73e8);
  outline-offset: -2px; border-color: transparent; }
.addon-panel .hint { display: block; font-size: 12px; line-height: 16px; color: #444746; }
.addon-panel .choices { border: 0; padding: 0; margin: 8px 0; min-width: 0; }
.addon-panel .choice { display: flex; align-items: center; gap: 12px; min-height: 40px; }
.addon-panel .choice.switch-row { justify-content: space-between; flex-direction: row-reverse; }
.addon-panel .choice label { flex: 1; cursor: pointer; }
.addon-panel input.check, .addon-panel input.radio { width: 18px; height: 18px; accent-color: var(--btn, #1a73e8); margin: 0; flex: none; }
.addon-panel input.switch { appearance: none; -webkit-appearance: none; width: 36px; height: 20px; border-radius: 10px; background: #e1e3e1;
  border: 2px solid #747775; position: relative; cursor: pointer; flex: none; margin: 0; }
.addon-panel input.switch::before { content: ''; position: absolute; top: 2px; left: 2px; width: 12px; height: 12px; border-radius: 50%;
  background: #747775; transition: left .15s; }
.addon-panel input.switch:checked { background: var(--btn, #1a73e8); border-color: var(--btn, #1a73e8); }
.addon-panel input.switch:checked::before { left: 18px; background: #fff; }
.addon-panel hr.divider { border: 0; border-top: 1px solid #e3e3e3; margin: 8px 0; }
.addon-panel .image img { max-width: 100%; border-radius: 8px; display: block; }
.addon-panel .image-click { display: block; cursor: pointer; }
.addon-panel .img-missing { display: block; padding: 16px; border-radius: 8px; background: #f1f3f4; color: #444746; text-align: center; }
.addon-panel .grid-title { font: 500 14px/20px var(--font-title); color: #444746; margin-bottom: 8px; }
.addon-panel .grid-items { display: grid; gap: 8px; }
.addon-panel .grid-item { display: flex; flex-direction: column; gap: 4px; padding: 8px; border: 1px solid #e3e3e3; border-radius: 8px; min-width: 0;
  background: #fff; color: inherit; text-decoration: none; cursor: pointer; }
.addon-panel .grid-item.inert { cursor: default; }
.addon-panel .grid-item.align-center { align-items: center; text-align: center; }
.addon-panel .grid-item.align-end { align-items: flex-end; text-align: right; }
.addon-panel .grid-item img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 4px; }
.addon-panel .grid-item-title { font-weight: 500; overflow-wrap: anywhere; }
.addon-panel .grid-item-sub { font-size: 12px; color: #444746; }
.addon-panel details.more > summary { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; color: var(--btn-text, #1a73e8);
  font: 500 14px/20px var(--font-title); list-style: none; padding: 8px 0; }
.addon-panel details.more > summary::-webkit-details-marker { display: none; }
.addon-panel details.more .less-label, .addon-panel details.more[open] .more-label { display: none; }
.addon-panel details.more[open] .less-label { display: inline; }
.addon-panel details.more[open] > summary .gi { transform: rotate(180deg); }
.addon-panel .footer { flex: none; display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px; background: #fff;
  box-shadow: 0 -1px 3px rgba(60,64,67,.15); }
.addon-panel .error-icon { color: #b3261e; flex: none; }
.addon-panel .error-message { font: 13px/18px "Roboto Mono", ui-monospace, Menlo, Consolas, monospace; background: #fce8e6; color: #8c1d18;
  padding: 8px 12px; border-radius: 8px; white-space: pre-wrap; }
.addon-panel .unknown { color: #8c1d18; font-size: 12px; }
.addon-panel .addon-toast { position: absolute; top: 64px; left: 8px; right: 8px; z-index: 30; pointer-events: none; }
.addon-panel .toast-box { pointer-events: auto; background: #313033; color: #f4eff4; border-radius: 4px; padding: 14px 16px; font-size: 14px;
  line-height: 20px; box-shadow: 0 3px 5px -1px rgba(0,0,0,.2), 0 6px 10px 0 rgba(0,0,0,.14), 0 1px 18px 0 rgba(0,0,0,.12);
  display: flex; gap: 12px; align-items: center; justify-content: space-between; animation: addon-toast 6s forwards; }
.addon-panel .toast-box a { color: #a8c7fa; font-weight: 500; white-space: nowrap; }
@keyframes addon-toast { 0% { opacity: 0; transform: translateY(-8px); } 4% { opacity: 1; transform: none; } 92% { opacity: 1; }
  100% { opacity: 0; visibility: hidden; } }
.addon-panel .addon-progress { position: absolute; top: 56px; left: 0; right: 0; height: 4px; overflow: hidden; background: rgba(26,115,232,.25);
  z-index: 35; }
.addon-panel .addon-progress[hidden] { display: none; }
.addon-panel .addon-progress span { position: absolute; top: 0; height: 100%; width: 40%; background: #1a73e8;
  animation: addon-progress 1.1s infinite linear; }
@keyframes addon-progress { from { left: -40%; } to { left: 100%; } }
.addon-panel[aria-busy="true"] .addon-scroll { opacity: .6; }
/* Reduced motion: no animation at all (a zero duration would jump to the last keyframe, which hides the notification). */
@media (prefers-reduced-motion: reduce) { .addon-panel .toast-box, .addon-panel .addon-progress span { animation: none; } }
`);

/**
 * The panel's script: a click posts the card's form to /addon/azione and puts the new view in
 * place, shows the notification (an aria-live region) and opens the link; widgets with an
 * onChangeAction post on change; menus close on Escape and outside clicks. Without it, the
 * forms post and the page comes back (the notification then shows once).
 */
export const ADDON_SCRIPT = raw(`<script>
(function () {
  var panel = document.querySelector('.addon-panel');
  if (!panel) return;
  var slot = panel.querySelector('.addon-slot');
  var toast = panel.querySelector('.addon-toast');
  var progress = panel.querySelector('.addon-progress');
  var busy = false;
  var timer = 0;
  // Images that cannot load (the playground works offline) are hidden, as Google hides them.
  function broken(img) { img.hidden = true; }
  document.addEventListener('error', function (e) { if (e.target && e.target.tagName === 'IMG') broken(e.target); }, true);
  document.querySelectorAll('.host img').forEach(function (img) { if (img.complete && !img.naturalWidth) broken(img); });
  var header = document.querySelector('header.top');
  if (header) document.documentElement.style.setProperty('--top-h', header.offsetHeight + 'px');
  function showToast(text, link) {
    toast.textContent = '';
    clearTimeout(timer);
    if (!text && !link) return;
    var box = document.createElement('div');
    box.className = 'toast-box';
    var span = document.createElement('span');
    span.textContent = text || 'Collegamento pronto.';
    box.appendChild(span);
    if (link) {
      var a = document.createElement('a');
      a.href = link; a.target = '_blank'; a.rel = 'noopener noreferrer'; a.textContent = 'Apri';
      box.appendChild(a);
    }
    toast.appendChild(box);
    timer = setTimeout(function () { toast.textContent = ''; }, 6500);
  }
  function send(form, name, value, load) {
    if (busy) return;
    busy = true;
    var data = new URLSearchParams(new FormData(form));
    if (name) data.append(name, value);
    panel.setAttribute('aria-busy', 'true');
    if (load !== 'none') progress.hidden = false;
    var rev = form.getAttribute('data-rev');
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Agora-Panel': '1' } })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (reply) {
        if (reply.view) {
          slot.innerHTML = reply.view;
          var next = slot.querySelector('.addon-form');
          var again = next && next.getAttribute('data-rev') === rev && name
            ? next.querySelector('[name="' + name + '"][value="' + String(value).replace(/"/g, '') + '"]') : null;
          var focus = again || slot.querySelector('.card-title') || slot.querySelector('.addon-scroll');
          if (focus) { if (!focus.hasAttribute('tabindex') && !again) focus.setAttribute('tabindex', '-1'); focus.focus(); }
        }
        var opened = null;
        if (reply.link) { opened = window.open(reply.link, '_blank'); if (opened) opened.opener = null; }
        showToast(reply.toast, reply.link && !opened ? reply.link : null);
      })
      .catch(function (e) { showToast('Il componente aggiuntivo non risponde (' + e.message + ').'); })
      .then(function () { busy = false; progress.hidden = true; panel.removeAttribute('aria-busy'); });
  }
  panel.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains('addon-form')) return;
    e.preventDefault();
    var b = e.submitter;
    var menu = b && b.closest ? b.closest('details.menu') : null;
    if (menu) menu.removeAttribute('open');
    send(form, b && b.name ? b.name : '', b ? b.value : '', b ? b.getAttribute('data-load') : 'spinner');
  });
  panel.addEventListener('change', function (e) {
    var el = e.target;
    var target = el && el.getAttribute ? el.getAttribute('data-change') : null;
    if (target && el.form) send(el.form, '_do', target, el.getAttribute('data-load'));
  });
  document.addEventListener('click', function (e) {
    panel.querySelectorAll('details.menu[open]').forEach(function (d) { if (!d.contains(e.target)) d.removeAttribute('open'); });
  });
  panel.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var d = e.target.closest ? e.target.closest('details.menu[open]') : null;
    if (d) { d.removeAttribute('open'); d.querySelector('summary').focus(); }
  });
  var flash = toast.querySelector('.toast-box');
  if (flash) timer = setTimeout(function () { toast.textContent = ''; }, 6500);
})();
</script>`);
