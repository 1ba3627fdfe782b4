// The individual agreement's document (art. 19 L. 81/2017): written from a Google Docs template
// kept in Agorà's Drive folder, whose {{placeholders}} are filled from the register. HR may reword
// the template as long as the placeholders stay; the first version is this text. What it must say
// comes from the law: the parties, the duration, how the work is done outside the premises
// (days, contact windows), the disconnection period and how it is ensured, the equipment, the
// written safety notice (art. 22), the withdrawal notice (art. 19 c. 2).
import { formatDateIt, type IsoDate } from './dates';
import { folderName } from './drive-layout';
import type { TimeRange } from './policy';
import { WITHDRAWAL_NOTICE_DAYS, WITHDRAWAL_NOTICE_DAYS_DISABLED } from './agreement-lifecycle';

export const AGREEMENT_TEMPLATE_NAME = 'Agorà — Modello di accordo individuale';

/** The placeholders the template holds, each filled by one field of the agreement. */
export const TEMPLATE_FIELDS = [
  'Ente',
  'Settore',
  'Dipendente',
  'CodiceFiscale',
  'Responsabile',
  'Progetto',
  'Dal',
  'Al',
  'GiorniSettimana',
  'GiorniMese',
  'Fasce',
  'Disconnessione',
  'Strumentazione',
  'Preavviso',
  'Data',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** The first template: headings (`# `) and paragraphs. */
export const TEMPLATE_TEXT: readonly string[] = [
  '# Accordo individuale di lavoro agile',
  'ai sensi degli articoli 18-23 della legge 22 maggio 2017, n. 81',
  'Tra {{Ente}}, rappresentato dal responsabile {{Responsabile}} (settore {{Settore}}), e {{Dipendente}} (codice fiscale {{CodiceFiscale}}), si conviene quanto segue.',
  '## 1. Durata',
  "L'accordo vale dal {{Dal}} {{Al}}.",
  '## 2. Progetto e modalità',
  'Progetto di lavoro agile del settore: {{Progetto}}. La prestazione si svolge in parte fuori dalla sede, per non più di {{GiorniSettimana}} giorni a settimana e {{GiorniMese}} giorni al mese, chiesti e approvati con Agorà.',
  '## 3. Fasce di contattabilità',
  'Nelle giornate di lavoro agile il dipendente è contattabile nelle fasce: {{Fasce}}.',
  '## 4. Diritto alla disconnessione',
  'Dalle {{Disconnessione}} il dipendente non è tenuto a rispondere a comunicazioni di lavoro; Agorà non invia messaggi in quella fascia.',
  '## 5. Strumentazione',
  'Strumentazione: {{Strumentazione}}.',
  '## 6. Salute e sicurezza',
  "Con il presente accordo il dipendente riceve l'informativa scritta sui rischi generali e specifici del lavoro agile (art. 22 L. 81/2017); accettando l'accordo ne conferma la ricezione.",
  '## 7. Recesso',
  '{{Preavviso}}',
  '## 8. Accettazione',
  "Documento generato da Agorà il {{Data}}. L'accettazione del dipendente e quella del responsabile sono registrate in Agorà con l'identità verificata di ciascuno e l'ora.",
];

export interface AgreementDocumentFacts {
  organisation: string;
  sector: string;
  employeeName: string;
  taxCode: string;
  managerName: string;
  project: string;
  from: IsoDate;
  to: IsoDate | null;
  maxDaysPerWeek: number;
  maxDaysPerMonth: number;
  contactWindows: readonly TimeRange[];
  disconnection: TimeRange;
  equipment: string;
  /** The employee is a disabled worker: the employer's notice is 90 days. */
  disabledWorker: boolean;
  today: IsoDate;
}

/** The text each placeholder is replaced with. */
export function documentFields(f: AgreementDocumentFacts): Record<TemplateField, string> {
  const employerNotice = f.disabledWorker ? WITHDRAWAL_NOTICE_DAYS_DISABLED : WITHDRAWAL_NOTICE_DAYS;
  return {
    Ente: f.organisation,
    Settore: f.sector || '—',
    Dipendente: f.employeeName,
    CodiceFiscale: f.taxCode || '(da completare nella scheda del personale)',
    Responsabile: f.managerName,
    Progetto: f.project || 'attività ordinarie del settore',
    Dal: formatDateIt(f.from),
    Al: f.to ? `al ${formatDateIt(f.to)}` : 'a tempo indeterminato',
    GiorniSettimana: String(f.maxDaysPerWeek),
    GiorniMese: String(f.maxDaysPerMonth),
    Fasce: f.contactWindows.length
      ? f.contactWindows.map((w) => `${w.from}–${w.to}`).join('; ')
      : 'nessuna fascia indicata',
    Disconnessione: `${f.disconnection.from} alle ${f.disconnection.to}`,
    Strumentazione: f.equipment,
    Preavviso: f.to
      ? 'Trattandosi di accordo a tempo determinato, ciascuna parte può recedere prima della scadenza solo per giustificato motivo (art. 19 c. 2 L. 81/2017).'
      : `Ciascuna parte può recedere con un preavviso di almeno ${WITHDRAWAL_NOTICE_DAYS} giorni${employerNotice !== WITHDRAWAL_NOTICE_DAYS ? ` (${employerNotice} giorni per il recesso dell'ente, trattandosi di lavoratore disabile ai sensi della L. 68/1999)` : ''}, o senza preavviso per giustificato motivo (art. 19 c. 2 L. 81/2017).`,
    Data: formatDateIt(f.today),
  };
}

/** The pattern replaceText is given for a placeholder (RE2 syntax: braces escaped). */
export function fieldPattern(name: string): string {
  return `\\{\\{${name}\\}\\}`;
}

/** The document's name, derived (never typed): "Accordo di lavoro agile - Surname Name - dal YYYY-MM-DD". */
export function agreementDocumentName(surnameName: string, from: IsoDate): string {
  return folderName(`Accordo di lavoro agile - ${surnameName} - dal ${from}`);
}

/** The signed PDF's name in the person's folder. */
export function signedPdfName(surnameName: string, from: IsoDate): string {
  return folderName(`Accordo firmato - ${surnameName} - dal ${from}`) + '.pdf';
}
