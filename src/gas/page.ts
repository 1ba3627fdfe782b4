// The full-page web view: the web app's doGet page. The web app executes as the owner, and the
// page's google.script.run calls run there too, with the visitor as the active user: every
// call goes through callAsOwner, which resolves the caller from Session, never from what the
// client sends.
import type { DecisionInput } from '../app/decisions';
import type { Overview, OverviewQuery } from '../app/overview';
import type { AppRequestInput } from '../app/requests';
import type { SidebarDto } from '../app/sidebar';
import pageHtml from 'ui-page:page';
import { callAsOwner, type ItemResultDto, type RequestResultDto } from './webapp';

export type { ItemResultDto, RequestResultDto };

export const PAGE_TITLE = 'Agorà — lavoro agile';

export function pageOutput(): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(pageHtml)
    .setTitle(PAGE_TITLE)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

export function loadPage(month?: string): SidebarDto {
  return callAsOwner('load', { month });
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

export function requestFromPage(request: AppRequestInput): RequestResultDto {
  return callAsOwner('request', request);
}
