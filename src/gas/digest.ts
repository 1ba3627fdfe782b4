// HR's daily digest: the change log's chain head as the owner's code knows it, so that a
// rewritten log shows against the mails HR already has; with where the archive stands and the
// agreements about to end.
import { deliveryTime } from '../domain/disconnection';
import { liveFrom } from '../domain/archive';
import { addDays, formatDayIt, formatLocalDateTime, MONTH_NAMES_IT, type IsoDate } from '../domain/dates';
import { EXPIRY_ALERT_DAYS } from '../domain/agreement-lifecycle';
import { groupDigits } from '../domain/labels';
import { toRomeLocal } from '../domain/rome-time';
import type { ArchiveRun } from './archive';
import { nowLocal } from './chain-state';
import { noticeReminders } from './ministry-export';
import type { SheetsRegister } from './register';
import { agreementsFromRows, peopleFromRows, staffFactsFromRows } from './rows';

/** Queues today's digest to each HR administrator, once a day (its row id says which day). */
export function queueDailyDigest(register: SheetsRegister, run: ArchiveRun): void {
  const now = toRomeLocal(Date.now());
  const admins = peopleFromRows(register.sheetValues(['people']).people).admins;
  const present = new Set(register.loadOutbox().rows.map((r) => r.id));
  const chain = register.chainState();
  const policy = register.loadPolicy();
  const open = liveFrom(now.date);
  const body = [
    `Registro di Agorà al ${formatLocalDateTime(now).replace('T', ' ')}.`,
    '',
    `Impronta del registro modifiche: ${chain.head || '(ancora nessuna riga)'}`,
    `Righe registrate dall’inizio: ${groupDigits(chain.lines)}.`,
    'Conserva questa mail: se qualcuno riscrivesse il registro modifiche, l’impronta non corrisponderebbe più a quella che il controllo del registro calcola.',
    '',
    // What the register holds, not what this run did: the same whichever run finished the work.
    run.blocked ??
      (run.done
        ? `Nel registro i mesi da ${monthYear(open)} in poi; i precedenti sono negli archivi annuali.`
        : 'L’archiviazione dei mesi chiusi continua con le prossime esecuzioni del lavoro periodico.'),
    ...expiringLines(register, now.date),
    ...noticeLines(register),
  ].join('\n');
  const rows = admins
    .map((to) => ({ id: `registro-${now.date}-${to}`, to }))
    .filter((r) => !present.has(r.id))
    .map((r) => ({
      id: r.id,
      createdAt: nowLocal(),
      status: 'queued' as const,
      sentAt: '',
      outcome: '',
      mail: {
        to: r.to,
        kind: 'receipt' as const,
        subject: `Registro di Agorà: impronta del ${now.date.split('-').reverse().join('/')}`,
        body,
        sendAt: formatLocalDateTime(deliveryTime(now, policy)),
        dayIds: [],
      },
    }));
  register.queueMail(rows);
}

/** «ottobre 2026» for a date of that month. */
function monthYear(date: IsoDate): string {
  return `${MONTH_NAMES_IT[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/**
 * Agreements in their last 30 days (src/domain/agreement-lifecycle.ts EXPIRY_ALERT_DAYS), each
 * with its last day, so that HR renews them or lets them end knowingly.
 */
function expiringLines(register: SheetsRegister, today: IsoDate): string[] {
  const v = register.sheetValues(['employees', 'agreements']);
  const staff = staffFactsFromRows(v.employees, today).staff;
  const disabled = new Set([...staff.values()].filter((x) => x.disabled).map((x) => x.email));
  const horizon = addDays(today, EXPIRY_ALERT_DAYS);
  const { agreements } = agreementsFromRows(v.agreements, new Set(staff.keys()), disabled);
  const ending = agreements
    .filter((a) => a.to !== null && a.to >= today && a.to <= horizon && a.from <= a.to)
    .filter((a) => a.signedByEmployee && a.signedByManager)
    // Renewed: a later agreement of the same person starts right after.
    .filter(
      (a) => !agreements.some((b) => b.employee === a.employee && b.from === addDays(a.to as IsoDate, 1)),
    )
    .sort((a, b) => ((a.to as string) < (b.to as string) ? -1 : 1));
  if (!ending.length) return [];
  return [
    '',
    `Accordi in scadenza nei prossimi ${EXPIRY_ALERT_DAYS} giorni (rinnovarli o lasciarli scadere):`,
    ...ending.map((a) => `• ${a.employee}: fino a ${formatDayIt(a.to as IsoDate)}`),
  ];
}

/** A daily mail lists at most this many notices, the oldest deadlines first. */
const MAX_LISTED = 20;

/** Notices to the Ministry due within two days (or late) and not recorded as sent. */
function noticeLines(register: SheetsRegister): string[] {
  if (!register.hasSheet('notices') || !register.hasSheet('organisations')) return [];
  const lines = noticeReminders(register);
  if (!lines.length) return [];
  const shown = lines.slice(0, MAX_LISTED);
  return [
    '',
    'Comunicazioni al Ministero del lavoro da inviare (5 giorni dall’evento; scrivi in «Comunicazioni» il codice della ricevuta):',
    ...shown,
    ...(lines.length > shown.length
      ? [`… e altre ${lines.length - shown.length}: tutte nel foglio «Comunicazioni».`]
      : []),
  ];
}
