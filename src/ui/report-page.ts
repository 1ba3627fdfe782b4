// The monthly report in the web view (`?report=YYYY-MM`): tables and charts drawn as inline SVG
// on the server (no script, nothing external), from the aggregates of src/domain/report.ts only.
// Every text is escaped; a suppressed group shows «meno di 5 persone», never its numbers.
import { formatDayIt, MONTH_NAMES_IT, type IsoDate } from '../domain/dates';
import type { GroupFigures, MonthlyReport } from '../domain/report';

const esc = (text: unknown) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const number = (n: number) => n.toLocaleString('it-IT');
const PALETTE = ['#1b5e20', '#558b2f', '#9e9d24', '#f9a825', '#6d4c41', '#00695c'];

/**
 * A horizontal bar chart: one bar per item, its value written at its end. `title` names it for
 * screen readers (role img, its own <title>), the table beside it carries the same numbers.
 */
export function barChart(title: string, items: { label: string; value: number }[], unit = ''): string {
  const rowHeight = 26;
  const labelWidth = 230;
  const width = 640;
  const max = Math.max(1, ...items.map((i) => i.value));
  const barSpace = width - labelWidth - 90;
  const height = items.length * rowHeight + 10;
  const bars = items
    .map((item, i) => {
      const y = 5 + i * rowHeight;
      const w = Math.max(item.value > 0 ? 2 : 0, Math.round((item.value / max) * barSpace));
      return [
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="lbl">${esc(item.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" rx="3" fill="${PALETTE[i % PALETTE.length]}"></rect>`,
        `<text x="${labelWidth + w + 6}" y="${y + 17}" class="val">${esc(number(item.value))}${esc(unit)}</text>`,
      ].join('');
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>${esc(title)}</title>${bars}</svg>`;
}

/** A site's days as columns against its capacity (a dashed line). */
export function occupancyChart(
  title: string,
  capacity: number,
  days: { date: IsoDate; people: number }[],
): string {
  const width = 640;
  const height = 160;
  const left = 30;
  const bottom = 130;
  const max = Math.max(capacity, 1, ...days.map((d) => d.people));
  const step = days.length ? (width - left - 10) / days.length : 0;
  const y = (v: number) => bottom - Math.round((v / max) * (bottom - 15));
  const columns = days
    .map((d, i) => {
      const x = left + i * step + 2;
      const over = d.people > capacity;
      return (
        `<rect x="${x.toFixed(1)}" y="${y(d.people)}" width="${Math.max(2, step - 4).toFixed(1)}" height="${bottom - y(d.people)}" fill="${over ? '#c62828' : '#558b2f'}"><title>${esc(formatDayIt(d.date))}: ${d.people}</title></rect>` +
        `<text x="${(x + step / 2 - 2).toFixed(1)}" y="${bottom + 14}" text-anchor="middle" class="tick">${Number(d.date.slice(8))}</text>`
      );
    })
    .join('');
  const line = `<line x1="${left}" x2="${width - 5}" y1="${y(capacity)}" y2="${y(capacity)}" stroke="#333" stroke-dasharray="4 3"></line><text x="${left - 4}" y="${y(capacity) + 4}" text-anchor="end" class="tick">${capacity}</text>`;
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%"><title>${esc(title)}</title>${line}${columns}</svg>`;
}

const monthLabel = (month: string) => `${MONTH_NAMES_IT[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

function groupRow(g: GroupFigures): string {
  const name = g.sector ? esc(g.sector) : `<b>${esc(g.organisation)}</b>`;
  if (g.suppressed)
    return `<tr><td>${name}</td><td colspan="8" class="muted">meno di 5 persone: non mostrato</td></tr>`;
  const cells = [
    g.staff,
    g.withAgreement,
    g.requested,
    g.approved,
    g.rejected + g.refused,
    g.daysPerPerson,
    `${number(g.smartShare)} %`,
    `${number(g.kmAvoided)} km · ${number(g.co2Kg)} kg`,
  ];
  return `<tr><td>${name}</td>${cells.map((c) => `<td class="num">${esc(typeof c === 'number' ? number(c) : c)}</td>`).join('')}</tr>`;
}

/** The whole page's body and style (the caller wraps it in HtmlService). */
export function reportPageHtml(r: MonthlyReport, previous: string, next: string): string {
  const totals = r.groups.filter((g) => !g.sector && !g.suppressed);
  const label = (g: GroupFigures) => g.organisation.replace(/^Comune di /, '');
  const charts = [
    `<h2>Quota di giornate lavorative in lavoro agile</h2>${barChart(
      `Quota di lavoro agile per ente, ${monthLabel(r.month)}`,
      totals.map((g) => ({ label: label(g), value: g.smartShare })),
      ' %',
    )}`,
    `<h2>Giornate approvate</h2>${barChart(
      `Giornate approvate per ente, ${monthLabel(r.month)}`,
      totals.map((g) => ({ label: label(g), value: g.approved })),
    )}`,
    `<h2>Km e CO₂ evitati</h2>${barChart(
      `Km evitati per ente, ${monthLabel(r.month)}`,
      totals.map((g) => ({ label: label(g), value: g.kmAvoided })),
      ' km',
    )}<p class="muted">CO₂ = km × ${esc(number(r.emissionFactor.kgPerKm))} kg/km (${esc(r.emissionFactor.source)}). Solo le giornate da casa: per le sedi condivise la distanza non è nota.</p>`,
  ];
  const sites = r.sites
    .filter((s) => s.days.length)
    .map(
      (s) =>
        `<h3>${esc(s.name)} <span class="muted">(${s.capacity} posti)</span></h3>${occupancyChart(
          `Occupazione di ${s.name} per giorno, ${monthLabel(r.month)}`,
          s.capacity,
          s.days,
        )}`,
    )
    .join('');
  const coverage = r.coverage.length
    ? `<ul>${r.coverage
        .map(
          (c) =>
            `<li>${esc(formatDayIt(c.date))}: ${esc(c.organisation)} — ${esc(c.sector)}, ${c.away} su ${c.staff} in lavoro agile</li>`,
        )
        .join('')}</ul>`
    : '<p>Nessun giorno con il gruppo sotto la copertura minima.</p>';
  return `<style>
  body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f5}
  main{max-width:980px;margin:0 auto;padding:16px 20px 40px}
  header{display:flex;align-items:baseline;gap:16px;flex-wrap:wrap}
  h1{font-size:1.5rem;margin:8px 0}h2{font-size:1.1rem;margin:24px 0 6px}h3{font-size:1rem;margin:16px 0 4px}
  nav a{color:#1b5e20;margin-right:12px}
  .card{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px #0002}
  table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{padding:4px 6px;border-bottom:1px solid #e3e3e3;text-align:left}
  td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#666}
  svg .lbl{font-size:13px;fill:#1a1a1a}svg .val{font-size:12px;fill:#333}svg .tick{font-size:10px;fill:#555}
</style>
<main>
  <header><h1>Report del lavoro agile — ${esc(monthLabel(r.month))}</h1>
  <nav><a href="?report=${esc(previous)}">‹ mese prima</a><a href="?report=${esc(next)}">mese dopo ›</a></nav></header>
  <p class="muted">Dati aggregati: i gruppi con meno di 5 persone non sono mostrati.</p>
  <section class="card">${charts.join('')}</section>
  <section class="card"><h2>Per ente e settore</h2>
  <table><thead><tr><th>Ente / settore</th><th>Personale</th><th>Con accordo</th><th>Richieste</th><th>Approvate</th><th>Non approvate</th><th>Per persona</th><th>Quota</th><th>Mobilità evitata</th></tr></thead>
  <tbody>${r.groups.map(groupRow).join('')}</tbody></table></section>
  <section class="card"><h2>Sedi condivise</h2>${sites || '<p>Nessuna giornata nelle sedi condivise.</p>'}</section>
  <section class="card"><h2>Copertura dei gruppi</h2>${coverage}</section>
</main>`;
}
