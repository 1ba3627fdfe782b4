// Server side of the managers' sidebar: every function resolves the caller from Session,
// never from what the client sends.
import { cancelDay, decideDays, type DecisionInput, type ItemOutcome } from '../app/decisions';
import { sidebarData, type SidebarDto } from '../app/sidebar';
import sidebarHtml from 'ui-page:sidebar';
import { currentUser, gasPorts } from './runtime';

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutput(sidebarHtml).setTitle('Smart working — Approvazioni');
  SpreadsheetApp.getUi().showSidebar(html);
}

export function loadSidebar(month?: string): SidebarDto {
  return sidebarData(gasPorts(), currentUser(), month);
}

/** Outcome of one item, as plain JSON for the client. */
export interface ItemResultDto {
  employee: string;
  date: string;
  ok: boolean;
  code?: string;
  message?: string;
}

function toDto(input: { employee: unknown; date: unknown }, outcome: ItemOutcome): ItemResultDto {
  const ref = { employee: String(input.employee ?? ''), date: String(input.date ?? '') };
  return outcome.ok
    ? { ...ref, ok: true }
    : { ...ref, ok: false, code: outcome.code, message: outcome.message };
}

export function decideFromSidebar(items: DecisionInput[]): ItemResultDto[] {
  const list = Array.isArray(items) ? items.slice(0, 500) : [];
  const outcomes = decideDays(gasPorts(), currentUser(), list);
  return list.map((item, i) => toDto(item, outcomes[i]));
}

export function cancelFromSidebar(item: {
  employee: unknown;
  date: unknown;
  reason?: unknown;
}): ItemResultDto {
  return toDto(item ?? {}, cancelDay(gasPorts(), currentUser(), item ?? { employee: '', date: '' }));
}
