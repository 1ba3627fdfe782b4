// The register's sheets as HR sees them: Italian names and headers, dropdowns, formats.
// Columns are found by header, never by position: HR may reorder them or add their own.
import { ELIGIBILITY_LABELS, EQUIPMENT_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../domain/labels';

export type CellKind = 'text' | 'userText' | 'email' | 'date' | 'datetime' | 'number' | 'enum' | 'yesno';

export interface ColumnDef {
  key: string;
  header: string;
  kind: CellKind;
  /** Rows without it are broken (listed in Problemi). */
  required?: boolean;
  /** Dropdown choices (kind `enum`). */
  choices?: readonly string[];
  note?: string;
}

export interface SheetDef {
  name: string;
  columns: readonly ColumnDef[];
  /** Written only by Agorà's code: protected so that only the owner can edit. */
  codeOwned: boolean;
  description: string;
}

export const YES = 'sì';
export const NO = 'no';
const yesNo = [YES, NO] as const;

export const SHEETS = {
  config: {
    name: 'Configurazione',
    codeOwned: false,
    description: 'Parametri delle regole (modificabili dal servizio personale).',
    columns: [
      // The parameter's Italian name; a register made before «Codice» existed holds the code here.
      { key: 'name', header: 'Parametro', kind: 'text', required: true },
      { key: 'value', header: 'Valore', kind: 'text' },
      { key: 'description', header: 'Descrizione', kind: 'text' },
      // The stable id the code reads (maxDaysPerWeek, calendarSharing…).
      { key: 'code', header: 'Codice', kind: 'text' },
    ],
  },
  people: {
    name: 'Responsabili',
    codeOwned: false,
    description: 'Responsabili, delegati e servizio personale.',
    columns: [
      { key: 'email', header: 'Email', kind: 'email', required: true },
      { key: 'name', header: 'Nome', kind: 'text' },
      { key: 'admin', header: 'Servizio personale', kind: 'enum', choices: yesNo },
      { key: 'delegate', header: 'Delegato', kind: 'email' },
      { key: 'delegateFrom', header: 'Delega dal', kind: 'date' },
      { key: 'delegateTo', header: 'Delega al', kind: 'date' },
    ],
  },
  employees: {
    name: 'Dipendenti',
    codeOwned: false,
    description: 'Personale, con il responsabile che approva.',
    columns: [
      { key: 'email', header: 'Email', kind: 'email', required: true },
      { key: 'name', header: 'Nome e cognome', kind: 'text', required: true },
      { key: 'organisation', header: 'Ente', kind: 'text', required: true },
      { key: 'sector', header: 'Settore', kind: 'text', required: true },
      { key: 'seat', header: 'Sede di lavoro', kind: 'text', required: true },
      { key: 'manager', header: 'Responsabile', kind: 'email', required: true },
      {
        key: 'eligibility',
        header: 'Eleggibilità',
        kind: 'enum',
        choices: Object.values(ELIGIBILITY_LABELS),
      },
      { key: 'workingDays', header: 'Giorni lavorativi', kind: 'text', note: 'es. lun mar mer gio ven' },
      { key: 'commuteKm', header: 'Km casa-lavoro', kind: 'number' },
      {
        key: 'priority',
        header: 'Categoria prioritaria',
        kind: 'enum',
        choices: Object.values(PRIORITY_LABELS).filter(Boolean),
      },
      { key: 'workingLocationOptIn', header: 'Mostra sede nel mio calendario', kind: 'enum', choices: yesNo },
      // The staff record the Ministry notice needs (docs/ministry-notice.md), from payroll.
      { key: 'surname', header: 'Cognome', kind: 'text' },
      { key: 'firstName', header: 'Nome', kind: 'text' },
      { key: 'taxCode', header: 'Codice fiscale', kind: 'text' },
      { key: 'birthDate', header: 'Data di nascita', kind: 'date' },
      { key: 'birthPlace', header: 'Comune di nascita (codice)', kind: 'text', note: 'es. B819 (Carpi)' },
      { key: 'employmentStart', header: 'Data di assunzione', kind: 'date' },
      { key: 'employmentType', header: 'Tipo rapporto', kind: 'enum', choices: ['TI', 'TD'] },
      { key: 'inailPat', header: 'PAT INAIL', kind: 'text' },
      { key: 'inailRate', header: 'Voce di tariffa INAIL', kind: 'text' },
      { key: 'category', header: 'Categoria', kind: 'text' },
      { key: 'contractType', header: 'Contratto', kind: 'text' },
      // HR only (the register is HR's alone): for the PIAO equality figures.
      { key: 'gender', header: 'Genere', kind: 'enum', choices: ['F', 'M'] },
    ],
  },
  organisations: {
    name: 'Enti',
    codeOwned: false,
    description: 'Gli enti datori di lavoro, con i dati della comunicazione al Ministero del lavoro.',
    columns: [
      { key: 'name', header: 'Ente', kind: 'text', required: true },
      { key: 'taxCode', header: 'Codice fiscale', kind: 'text', required: true },
      { key: 'legalName', header: 'Denominazione', kind: 'text' },
      { key: 'sectors', header: 'Settori', kind: 'text', note: 'uno per riga' },
    ],
  },
  agreements: {
    name: 'Accordi',
    codeOwned: false,
    description: 'Accordi individuali (L. 81/2017 art. 19).',
    columns: [
      { key: 'employee', header: 'Dipendente', kind: 'email', required: true },
      { key: 'from', header: 'Dal', kind: 'date', required: true },
      { key: 'to', header: 'Al', kind: 'date', note: 'vuoto = tempo indeterminato' },
      { key: 'signedByEmployee', header: 'Firma dipendente', kind: 'date' },
      { key: 'signedByManager', header: 'Firma responsabile', kind: 'date' },
      {
        key: 'contactWindows',
        header: 'Fasce di contattabilità',
        kind: 'text',
        note: 'es. 09:00-13:00; 14:30-16:30',
      },
      { key: 'equipment', header: 'Strumentazione', kind: 'enum', choices: Object.values(EQUIPMENT_LABELS) },
      { key: 'safetyNoticeDate', header: 'Informativa sicurezza', kind: 'date' },
      // Withdrawal (art. 19 c. 2 L. 81/2017): the agreement ends the day before it takes effect.
      { key: 'withdrawalNotice', header: 'Recesso: preavviso del', kind: 'date' },
      { key: 'withdrawalBy', header: 'Recesso da', kind: 'enum', choices: ['ente', 'dipendente'] },
      { key: 'withdrawalJustified', header: 'Giustificato motivo', kind: 'enum', choices: yesNo },
      { key: 'withdrawalReason', header: 'Motivo del recesso', kind: 'text' },
      // The lifecycle (src/domain/agreement-lifecycle.ts), written by Agorà for agreements
      // proposed from the add-on; a row without «ID» is one HR typed, read as before.
      { key: 'id', header: 'ID', kind: 'text', note: 'scritto da Agorà' },
      { key: 'project', header: 'Progetto', kind: 'text' },
      { key: 'proposedBy', header: 'Proposto da', kind: 'email' },
      { key: 'proposedAt', header: 'Proposto il', kind: 'datetime' },
      { key: 'document', header: 'Documento', kind: 'text' },
      { key: 'sentAt', header: 'Inviato per accettazione il', kind: 'datetime' },
      {
        key: 'employeeAcceptance',
        header: 'Accettazione del dipendente',
        kind: 'text',
        note: 'email verificata · ora',
      },
      {
        key: 'managerAcceptance',
        header: 'Accettazione del responsabile',
        kind: 'text',
        note: 'email verificata · ora',
      },
      { key: 'signedPdf', header: 'PDF firmato', kind: 'text' },
    ],
  },
  notices: {
    name: 'Comunicazioni',
    codeOwned: false,
    description:
      'Comunicazioni al Ministero del lavoro (art. 23 L. 81/2017): Agorà aggiunge le righe, il servizio personale scrive il codice della ricevuta.',
    columns: [
      { key: 'id', header: 'ID', kind: 'text', required: true },
      { key: 'employee', header: 'Dipendente', kind: 'email', required: true },
      { key: 'kind', header: 'Tipo', kind: 'text' },
      { key: 'eventDate', header: 'Data evento', kind: 'date' },
      { key: 'due', header: 'Scadenza', kind: 'date' },
      { key: 'receipt', header: 'Codice comunicazione', kind: 'text', note: 'dalla ricevuta del Ministero' },
      { key: 'sentOn', header: 'Inviata il', kind: 'date' },
      // What the notice told the Ministry: a later different period is a change to notify.
      { key: 'period', header: 'Periodo comunicato', kind: 'text', note: 'dal–al (vuoto: indeterminato)' },
    ],
  },
  sites: {
    name: 'Sedi',
    codeOwned: false,
    description: "Sedi condivise dell'agorà diffusa.",
    columns: [
      { key: 'id', header: 'Codice', kind: 'text', required: true },
      { key: 'name', header: 'Nome', kind: 'text', required: true },
      { key: 'comune', header: 'Comune', kind: 'text', required: true },
      { key: 'capacity', header: 'Posti', kind: 'number', required: true },
    ],
  },
  holidays: {
    name: 'Festività',
    codeOwned: false,
    description:
      'Festività aggiunte o tolte dal servizio personale (le nazionali e i patroni sono già previsti).',
    columns: [
      { key: 'date', header: 'Data', kind: 'date', required: true },
      { key: 'name', header: 'Descrizione', kind: 'text' },
      { key: 'seat', header: 'Sede', kind: 'text', note: 'vuoto = tutte le sedi' },
      { key: 'action', header: 'Azione', kind: 'enum', choices: ['aggiungi', 'togli'] },
    ],
  },
  days: {
    name: 'Giornate',
    codeOwned: true,
    description: 'Ogni giornata richiesta, con il suo stato. Scritto solo da Agorà.',
    columns: [
      { key: 'id', header: 'ID', kind: 'text', required: true },
      { key: 'requestId', header: 'Richiesta', kind: 'text', required: true },
      { key: 'employee', header: 'Dipendente', kind: 'email', required: true },
      { key: 'date', header: 'Data', kind: 'date', required: true },
      // «casa» or the site's name, for people; the code reads «Codice luogo».
      { key: 'location', header: 'Luogo', kind: 'text', required: true },
      { key: 'note', header: 'Nota', kind: 'userText' },
      { key: 'status', header: 'Stato', kind: 'enum', choices: Object.values(STATUS_LABELS), required: true },
      // One line per broken rule: its Italian name, severity and message; the ids are in «Codici regole».
      { key: 'violations', header: 'Regole', kind: 'text' },
      { key: 'submittedAt', header: 'Richiesta il', kind: 'datetime' },
      { key: 'decidedBy', header: 'Ultima modifica di', kind: 'email' },
      { key: 'decidedAt', header: 'Ultima modifica il', kind: 'datetime' },
      { key: 'reason', header: 'Motivazione', kind: 'userText' },
      { key: 'calendarEventId', header: 'Evento calendario', kind: 'text' },
      // The stable ids, last: `home` or the site id; the rule ids, one a line as in «Regole».
      { key: 'locationCode', header: 'Codice luogo', kind: 'text' },
      { key: 'ruleCodes', header: 'Codici regole', kind: 'text' },
    ],
  },
  audit: {
    name: 'Registro modifiche',
    codeOwned: true,
    description: 'Registro append-only di ogni modifica. Scritto solo da Agorà.',
    columns: [
      { key: 'at', header: 'Quando', kind: 'datetime' },
      { key: 'by', header: 'Chi', kind: 'email' },
      // In Italian (richiesta, approvazione…); the code reads «Codice azione».
      { key: 'action', header: 'Azione', kind: 'text' },
      { key: 'dayId', header: 'ID giornata', kind: 'text' },
      { key: 'employee', header: 'Dipendente', kind: 'email' },
      // A date cell; the text of a requested date that is not a date stays text.
      { key: 'date', header: 'Data', kind: 'date' },
      { key: 'from', header: 'Da', kind: 'text' },
      { key: 'to', header: 'A', kind: 'text' },
      { key: 'detail', header: 'Dettaglio', kind: 'userText' },
      { key: 'actionCode', header: 'Codice azione', kind: 'text' },
      // SHA-256 of the day row the line wrote, and of the line chained to the one before (chain.ts).
      { key: 'dayDigest', header: 'Impronta giornata', kind: 'text' },
      { key: 'hash', header: 'Impronta', kind: 'text' },
    ],
  },
  outbox: {
    name: 'Posta in uscita',
    codeOwned: true,
    description:
      'Ogni messaggio di Agorà, scritto insieme alla modifica che annuncia e inviato dal lavoro periodico. Scritto solo da Agorà.',
    columns: [
      { key: 'id', header: 'ID', kind: 'text', required: true },
      { key: 'createdAt', header: 'Scritto il', kind: 'datetime' },
      { key: 'to', header: 'Destinatario', kind: 'email', required: true },
      { key: 'kind', header: 'Tipo', kind: 'text' },
      { key: 'sendAt', header: 'Da inviare dal', kind: 'datetime' },
      { key: 'subject', header: 'Oggetto', kind: 'userText' },
      { key: 'body', header: 'Testo', kind: 'userText' },
      { key: 'dayIds', header: 'Giornate', kind: 'text' },
      {
        key: 'status',
        header: 'Stato',
        kind: 'enum',
        choices: ['da inviare', 'in invio', 'inviata'],
        required: true,
      },
      { key: 'sentAt', header: 'Inviata il', kind: 'datetime' },
      { key: 'outcome', header: 'Esito', kind: 'text' },
    ],
  },
  problems: {
    name: 'Problemi',
    codeOwned: true,
    description:
      'Righe scritte a mano che Agorà non può usare, con il motivo. Aggiornato da Smart working ▸ Controlla il registro.',
    columns: [
      { key: 'sheet', header: 'Foglio', kind: 'text' },
      { key: 'row', header: 'Riga', kind: 'number' },
      { key: 'reason', header: 'Problema', kind: 'text' },
    ],
  },
} as const satisfies Record<string, SheetDef>;

export type SheetKey = keyof typeof SHEETS;
export const SHEET_ORDER: readonly SheetKey[] = [
  'config',
  'people',
  'employees',
  'organisations',
  'agreements',
  'notices',
  'sites',
  'holidays',
  'days',
  'audit',
  'outbox',
  'problems',
];

/** Headers compare without case, accents or spacing mattering. */
export function normaliseHeader(text: unknown): string {
  return String(text ?? '')
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ');
}
