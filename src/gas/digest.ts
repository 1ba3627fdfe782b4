// HR's daily digest: the change log's chain head as the owner's code knows it, so that a
// rewritten log shows against the mails HR already has; with the day's archive news.
import { deliveryTime } from '../domain/disconnection';
import { formatLocalDateTime } from '../domain/dates';
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
  const body = [
    `Registro di Agorà al ${formatLocalDateTime(now).replace('T', ' ')}.`,
    '',
    `Impronta del registro modifiche: ${chain.head || '(ancora nessuna riga)'}`,
    `Righe registrate dall’inizio: ${groupDigits(chain.lines)}.`,
    'Conserva questa mail: se qualcuno riscrivesse il registro modifiche, l’impronta non corrisponderebbe più a quella che il controllo del registro calcola.',
    ...(run.archivedDays
      ? ['', `Archiviate oggi ${groupDigits(run.archivedDays)} giornate dei mesi chiusi.`]
      : []),
    ...(run.blocked ? ['', run.blocked] : []),
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
