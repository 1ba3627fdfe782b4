// The full-page web view: the web app's doGet page. The web app executes as the owner, and the
// page's google.script.run calls run there too, with the visitor as the active user: every
// call goes through callAsOwner, which resolves the caller from Session, never from what the
// client sends.
import type { DecisionInput } from '../app/decisions';
import type { Overview, OverviewQuery, SelectedDays } from '../app/overview';
import type { AppRequestInput } from '../app/requests';
import pageHtml from 'ui-page:page';
import { callAsOwner, type ItemResultDto, type RequestResultDto } from './webapp';
import { reportPageHtml } from '../ui/report-page';

export type { ItemResultDto, RequestResultDto };

export const PAGE_TITLE = 'Agorà — lavoro agile';

/** What the page's address asks for: `?giorni=<ids separated by spaces>` (a mail's link). */
export interface PageParams {
  days: string[];
}

/**
 * The page, with what its address asked for written in as JSON (`<` escaped, so no text can
 * close the script element): the client reads `#agora-params`.
 */
export function pageOutput(
  parameter: Record<string, string> = {},
): GoogleAppsScript.HTML.HtmlOutput | GoogleAppsScript.Content.TextOutput {
  if (parameter.report !== undefined) return reportOutput(parameter.report);
  if (parameter.ics !== undefined || parameter.csv !== undefined) return downloadOutput(parameter);
  const params: PageParams = {
    days: String(parameter.giorni ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 200),
  };
  const json = JSON.stringify(params).replace(/</g, '\\u003c');
  const html = pageHtml.replace(
    '<!-- PARAMS -->',
    () => `<script type="application/json" id="agora-params">${json}</script>`,
  );
  return HtmlService.createHtmlOutput(html)
    .setTitle(PAGE_TITLE)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

export function decideFromPage(items: DecisionInput[]): ItemResultDto[] {
  return callAsOwner('decide', { items });
}

export function cancelFromPage(item: { employee: unknown; date: unknown; reason?: unknown }): ItemResultDto {
  return callAsOwner('cancel', { item });
}

export function overviewForPage(query: OverviewQuery): Overview {
  return callAsOwner('overview', query);
}

/** The days a mail's link points at (`?giorni=`), as the caller may see them. */
export function daysForPage(ids: unknown): SelectedDays {
  return callAsOwner('days', { ids });
}

export function requestFromPage(request: AppRequestInput): RequestResultDto {
  return callAsOwner('request', request);
}

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** `?report=YYYY-MM`: the month's report with its charts, for HR and the managers. */
function reportOutput(month: string): GoogleAppsScript.HTML.HtmlOutput {
  let body: string;
  try {
    const report = callAsOwner('report', { month });
    body = reportPageHtml(report, shiftMonth(report.month, -1), shiftMonth(report.month, 1));
  } catch (e) {
    body = `<main style="font-family:system-ui,sans-serif;padding:24px"><h1>Report</h1><p>${String((e as Error).message).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p></main>`;
  }
  return HtmlService.createHtmlOutput(body)
    .setTitle(`${PAGE_TITLE} — report`)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/**
 * `?ics=mine`, `?ics=team`, `?csv=days` (with `mese`, `ente`, `settore`): a file the browser
 * downloads; refused (an explanation, as text) to whoever may not have it.
 */
function downloadOutput(parameter: Record<string, string>): GoogleAppsScript.Content.TextOutput {
  try {
    const file = callAsOwner('download', {
      ics: parameter.ics,
      csv: parameter.csv,
      month: parameter.mese,
      organisation: parameter.ente,
      sector: parameter.settore,
    });
    return ContentService.createTextOutput(file.content)
      .setMimeType(file.kind === 'ics' ? ContentService.MimeType.ICAL : ContentService.MimeType.CSV)
      .downloadAsFile(file.name);
  } catch (e) {
    return ContentService.createTextOutput((e as Error).message);
  }
}
