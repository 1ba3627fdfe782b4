// Sending the outbox («Posta in uscita»). Every mail was written there in the same atomic write
// as the change it announces; the owner's periodic job sends it, holding the script lock, at
// most once:
//
//   1. a group of rows is claimed: «da inviare» → «in invio» (one write);
//   2. each mail is sent (MailApp);
//   3. the group is settled: sent rows → «inviata», the others back to «da inviare» (one write).
//
// A failure of a send (quota, outage) puts that mail and the rest of the group back to «da
// inviare» for the next run. If the settling write itself fails, the rows sent are remembered in
// the script properties and settled by the next run, so a sent mail is never sent again. A run
// that dies between 1 and 3 (its time is up) leaves rows «in invio»: they are not sent again,
// and the register check lists them for HR, who can put one back to «da inviare».
import { formatLocalDateTime } from '../domain/dates';
import { toRomeLocal } from '../domain/rome-time';
import { dueMail, type MailBatch } from '../app/outbox';
import type { Notification } from '../app/notifications';
import { webAppUrl } from './deployment';
import type { SheetsRegister } from './register';
import type { OutboxRow } from './rows';

/** Script properties of the queue the previous version kept (one property per mail). */
export const LEGACY_QUEUE_PREFIX = 'agora.mail.';
/** A sent mail whose row could not be settled: `agora.sent.<row id>` = when it went. */
export const SENT_MARK_PREFIX = 'agora.sent.';
/** Rows claimed at a time: what a run that dies in the middle can leave uncertain. */
const CLAIM_SIZE = 10;

function nowLocal(): string {
  return formatLocalDateTime(toRomeLocal(Date.now()));
}

/** The web page showing the days a mail is about (the Gmail card reads the same link). */
export function daysLink(dayIds: readonly string[]): string | null {
  const url = webAppUrl();
  return url && dayIds.length ? `${url}?giorni=${encodeURIComponent(dayIds.join(' '))}` : null;
}

function send(n: Notification): void {
  const link = daysLink(n.dayIds);
  const body = link ? `${n.body}\n\nApri in Agorà: ${link}\n` : `${n.body}\n`;
  MailApp.sendEmail({ to: n.to, subject: n.subject, body, name: 'Agorà — lavoro agile' });
}

export interface MailRun {
  sent: number;
  /** Rows still «da inviare» after the run. */
  waiting: number;
}

/**
 * Sends what is due, for at most `budgetMs`. Call it holding the script lock, as the owner.
 */
export function sendOutbox(register: SheetsRegister, budgetMs: number): MailRun {
  const started = Date.now();
  const props = PropertiesService.getScriptProperties();
  const all = props.getProperties();
  migrateLegacyQueue(register, all);
  let { rows } = register.loadOutbox();

  // Rows a previous run sent but could not settle.
  const marks = Object.keys(all).filter((k) => k.startsWith(SENT_MARK_PREFIX));
  if (marks.length) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const settled = marks
      .map((k) => ({ row: byId.get(k.slice(SENT_MARK_PREFIX.length)), at: all[k] }))
      .filter((m) => m.row && m.row.status === 'sending');
    register.markOutbox(settled.map((m) => ({ row: m.row?.row ?? 0, status: 'sent', sentAt: m.at })));
    for (const k of marks) props.deleteProperty(k);
    rows = register.loadOutbox().rows;
  }

  const queued = rows.filter((r) => r.status === 'queued');
  const rowOf = new Map(queued.map((r) => [r.id, r.row]));
  const batches = dueMail(
    queued.map((r) => ({ id: r.id, mail: r.mail })),
    toRomeLocal(Date.now()),
    register.loadPolicy(),
    queued.length ? MailApp.getRemainingDailyQuota() : 0,
  );
  let sent = 0;
  let waiting = queued.length;
  for (let i = 0; i < batches.length && Date.now() - started < budgetMs; i += CLAIM_SIZE) {
    const group = batches.slice(i, i + CLAIM_SIZE);
    const rowsOf = (b: MailBatch) => b.ids.map((id) => rowOf.get(id) ?? 0);
    register.markOutbox(group.flatMap(rowsOf).map((row) => ({ row, status: 'sending' as const })));
    const done: MailBatch[] = [];
    let failure = '';
    for (const batch of group) {
      try {
        send(batch.mail);
        done.push(batch);
      } catch (e) {
        failure = (e as Error).message;
        console.warn(`Invio rimandato a ${batch.mail.to}: ${failure}`);
        break; // quota or outage: the rest waits for the next run
      }
    }
    const at = nowLocal();
    const back = group.slice(done.length);
    try {
      register.markOutbox([
        ...done.flatMap(rowsOf).map((row) => ({ row, status: 'sent' as const, sentAt: at })),
        ...back.flatMap(rowsOf).map((row) => ({ row, status: 'queued' as const, outcome: failure })),
      ]);
    } catch (e) {
      // Sent is sent: remembered where a write rarely fails, settled by the next run.
      const marksNow: Record<string, string> = {};
      for (const b of done) for (const id of b.ids) marksNow[`${SENT_MARK_PREFIX}${id}`] = at;
      if (Object.keys(marksNow).length) props.setProperties(marksNow);
      throw e;
    }
    sent += done.length;
    waiting -= done.reduce((n, b) => n + b.ids.length, 0);
    if (failure) break;
  }
  return { sent, waiting };
}

/**
 * Mail the previous version queued in the script properties moves to the outbox (its key is the
 * row id, so that a move interrupted halfway is finished, never doubled).
 */
function migrateLegacyQueue(register: SheetsRegister, all: Record<string, string>): void {
  const keys = Object.keys(all).filter((k) => k.startsWith(LEGACY_QUEUE_PREFIX));
  if (!keys.length) return;
  const present = new Set(register.loadOutbox().rows.map((r) => r.id));
  const rows: OutboxRow[] = keys
    .filter((k) => !present.has(k))
    .map((k) => {
      const mail = JSON.parse(all[k]) as Notification;
      return {
        id: k,
        createdAt: nowLocal(),
        status: 'queued',
        sentAt: '',
        outcome: '',
        mail: { ...mail, dayIds: mail.dayIds ?? [] },
      };
    });
  register.queueMail(rows);
  const props = PropertiesService.getScriptProperties();
  for (const k of keys) props.deleteProperty(k);
}
