// Server side of the managers' sidebar. Every operation goes through callAsOwner: the caller
// is resolved from Session, never from what the client sends.
import type { DecisionInput } from '../app/decisions';
import type { SidebarDto } from '../app/sidebar';
import sidebarHtml from 'ui-page:sidebar';
import { callAsOwner, type ItemResultDto } from './webapp';

export type { ItemResultDto };

export function sidebarOutput(): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(sidebarHtml).setTitle('Smart working — Approvazioni');
}

export function showSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(sidebarOutput());
}

export function loadSidebar(month?: string): SidebarDto {
  return callAsOwner('load', { month });
}

export function decideFromSidebar(items: DecisionInput[]): ItemResultDto[] {
  return callAsOwner('decide', { items });
}

export function cancelFromSidebar(item: {
  employee: unknown;
  date: unknown;
  reason?: unknown;
}): ItemResultDto {
  return callAsOwner('cancel', { item });
}
