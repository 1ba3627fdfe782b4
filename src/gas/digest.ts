// HR's daily digest: the change log's chain head as the owner's code knows it, so that a
// rewritten log shows against the mails HR already has; with where the archive stands.
import { deliveryTime } from '../domain/disconnection';
import { liveFrom } from '../domain/archive';
import { formatLocalDateTime, MONTH_NAMES_IT, type IsoDate } from '../domain/dates';
import { groupDigits } from '../domain/labels';
import { toRomeLocal } from '../domain/rome-time';
import type { ArchiveRun } from './archive';
import { nowLocal } from './chain-state';
import type { SheetsRegister } from './register';
import { peopleFromRows } from './rows';

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
