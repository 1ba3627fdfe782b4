// The staff survey (src/domain/survey.ts), with the owner's rights: the Form «Agorà — Indagine sul
// lavoro agile» in Agorà's folder (made once, found again by its recorded id), answered by the
// domain's people once each without their address being kept; and its redemption table by
// structure (invited: the people of each organisation in Dipendenti), written to the «Indagine»
// sheet of «Agorà — Report».
import { redemptionTable, STRUCTURE_QUESTION, surveyQuestions, type RedemptionRow } from '../domain/survey';
import { agoraFolder } from './drive-files';
import { requireOwner } from './owner';
import { SheetsRegister } from './register';
import { reportSpreadsheet } from './reports';
import { gasLock, registerSpreadsheet } from './runtime';
import type { PublishableForm } from './safety';

export const SURVEY_TITLE = 'Agorà — Indagine sul lavoro agile';
const SURVEY_PROPERTY = 'agora.surveyFormId';

function openSurvey(): GoogleAppsScript.Forms.Form | null {
  const id = PropertiesService.getScriptProperties().getProperty(SURVEY_PROPERTY);
  if (!id) return null;
  try {
    return DriveApp.getFileById(id).isTrashed() ? null : FormApp.openById(id);
  } catch {
    return null; // deleted for good: made again
  }
}

/** The survey's Form: the existing one, or a new one with the questionnaire. */
export function ensureSurvey(register: SheetsRegister): { formId: string; url: string; created: boolean } {
  const existing = openSurvey();
  if (existing) return { formId: existing.getId(), url: existing.getPublishedUrl(), created: false };
  const structures = [...new Set(register.load().employees.map((e) => e.organisation))].sort((a, b) =>
    a.localeCompare(b, 'it'),
  );
  const form = FormApp.create(SURVEY_TITLE)
    .setDescription(
      'Indagine sul lavoro agile del personale. Le risposte sono anonime: il modulo chiede di accedere con l’account dell’ente solo per accettare una risposta per persona, e non registra chi risponde.',
    )
    .setRequireLogin(true)
    .setLimitOneResponsePerUser(true)
    .setCollectEmail(false);
  for (const q of surveyQuestions(structures)) {
    if (q.kind === 'list')
      form.addListItem().setTitle(q.title).setChoiceValues(q.choices).setRequired(q.required);
    else if (q.kind === 'choice')
      form.addMultipleChoiceItem().setTitle(q.title).setChoiceValues(q.choices).setRequired(q.required);
    else if (q.kind === 'checkbox')
      form.addCheckboxItem().setTitle(q.title).setChoiceValues(q.choices).setRequired(q.required);
    else form.addParagraphTextItem().setTitle(q.title).setRequired(q.required);
  }
  // Forms made by a script are unpublished until published (FormApp, 2025): it takes answers now.
  const publishable = form as PublishableForm;
  if (publishable.supportsAdvancedResponderPermissions() && !publishable.isPublished())
    publishable.setPublished(true);
  DriveApp.getFileById(form.getId()).moveTo(agoraFolder());
  PropertiesService.getScriptProperties().setProperty(SURVEY_PROPERTY, form.getId());
  return { formId: form.getId(), url: form.getPublishedUrl(), created: true };
}

/** The redemption table by structure, written to «Indagine» in «Agorà — Report». */
export function surveyRedemption(register: SheetsRegister): { rows: RedemptionRow[]; total: RedemptionRow } {
  const form = openSurvey();
  if (!form) throw new Error('L’indagine non è ancora stata creata: esegui createStaffSurvey.');
  const snapshot = register.load();
  const invited = new Map<string, number>();
  for (const e of [...snapshot.employees].sort((a, b) => a.organisation.localeCompare(b.organisation, 'it')))
    invited.set(e.organisation, (invited.get(e.organisation) ?? 0) + 1);
  const answers = form
    .getResponses()
    .map((r) =>
      r
        .getItemResponses()
        .find((i) => i.getItem().getTitle() === STRUCTURE_QUESTION)
        ?.getResponse(),
    )
    .filter((a): a is string => typeof a === 'string');
  const table = redemptionTable(invited, answers);
  const ss = reportSpreadsheet(snapshot.admins);
  const sheet = ss.getSheetByName('Indagine') ?? ss.insertSheet('Indagine');
  sheet.clearContents();
  const values = [
    ['Struttura organizzativa', 'Invitati', 'Rispondenti', '% redemption'],
    ...[...table.rows, table.total].map((r) => [r.structure, r.invited, r.respondents, `${r.percent}%`]),
  ];
  sheet.getRange(1, 1, values.length, 4).setValues(values);
  return table;
}

export function createStaffSurveyNow(): { formId: string; url: string; created: boolean } {
  requireOwner('Indagine sul personale');
  return gasLock.withLock(() => ensureSurvey(new SheetsRegister(registerSpreadsheet())));
}

export function surveyRedemptionNow(): { rows: RedemptionRow[]; total: RedemptionRow } {
  requireOwner('Indagine sul personale');
  return gasLock.withLock(() => surveyRedemption(new SheetsRegister(registerSpreadsheet())));
}
