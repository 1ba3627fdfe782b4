// What the register check adds about the register's own integrity: the change log's chain and
// its head, every column of every day against the line that wrote it, mail left uncertain, and
// how close the spreadsheet is to Google's cell limit, and Agorà's Drive folder by convention.
import type { RegisterSnapshot, RowProblem } from '../app/ports';
import { liveFrom } from '../domain/archive';
import { countIt, groupDigits } from '../domain/labels';
import { toRomeLocal } from '../domain/rome-time';
import { planArchive } from './archive-plan';
import { verifyChain, verifyDays } from './chain';
import { sha256Hex } from './chain-state';
import { driveProblems } from './drive-folders';
import { PROPERTY } from './properties';
import type { SheetsRegister } from './register';
import { SHEETS } from './schema';

/** Google Sheets holds at most 10 million cells per spreadsheet. */
export const MAX_CELLS = 10_000_000;
/** The check warns from this share of the limit on. */
export const CELLS_WARNING_SHARE = 0.7;

export function integrityProblems(register: SheetsRegister, snapshot: RegisterSnapshot): RowProblem[] {
  const auditSheet = SHEETS.audit.name;
  const lines = register.loadChain();
  const state = register.chainState();
  const { problems, head } = verifyChain(lines, state.start, sha256Hex, auditSheet);
  if (head !== state.head)
    problems.push({
      sheet: auditSheet,
      row: lines.length ? lines[lines.length - 1].row : 0,
      reason: `Il registro modifiche finisce con l\u2019impronta ${short(head)}, ma l\u2019ultima scritta da Agorà è ${short(state.head)}: righe aggiunte o tolte a mano alla fine.`,
    });
  problems.push(...verifyDays(snapshot.days, lines, sha256Hex, SHEETS.days.name, (id) => register.rowOf(id)));
  problems.push(...outboxProblems(register));
  problems.push(...archiveProblems(register, snapshot));
  problems.push(...cellProblems(register.spreadsheetCells()));
  // Agorà's Drive folder by convention (the register check runs as the owner, after setup).
  if (PropertiesService.getScriptProperties().getProperty(PROPERTY.driveRootId))
    problems.push(...driveProblems(register));
  return problems;
}

function short(hash: string): string {
  return hash ? `«${hash.slice(0, 12)}…»` : '(nessuna)';
}

function outboxProblems(register: SheetsRegister): RowProblem[] {
  const { rows, problems } = register.loadOutbox();
  for (const r of rows)
    if (r.status === 'sending')
      problems.push({
        sheet: SHEETS.outbox.name,
        row: r.row,
        reason: `Messaggio a ${r.mail.to} («${r.mail.subject}») rimasto «in invio»: forse è partito, forse no. Se non è arrivato, rimetti «da inviare» nella colonna Stato.`,
      });
  return problems;
}

/** Closed months the archive cannot take yet (days still waiting). */
function archiveProblems(register: SheetsRegister, snapshot: RegisterSnapshot): RowProblem[] {
  const next = planArchive(
    register.sheetValues(['days', 'audit', 'outbox']),
    snapshot.sites,
    liveFrom(toRomeLocal(Date.now()).date),
  );
  if (next.kind !== 'blocked') return [];
  return [
    {
      sheet: SHEETS.days.name,
      row: 0,
      reason: `Il mese ${next.month} non si può archiviare: ${countIt(next.pending, 'giornata è', 'giornate sono')} ancora in attesa di decisione. Approvale, rifiutale o annullale.`,
    },
  ];
}

function cellProblems(cells: number): RowProblem[] {
  if (cells < MAX_CELLS * CELLS_WARNING_SHARE) return [];
  return [
    {
      sheet: '',
      row: 0,
      reason: `Il registro usa ${groupDigits(cells)} celle su ${groupDigits(MAX_CELLS)} (${Math.floor((cells / MAX_CELLS) * 100)}%): archivia i mesi chiusi o togli le righe e le colonne vuote.`,
    },
  ];
}
