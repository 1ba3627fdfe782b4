// The access matrix (npm run access): the demo organisation built through the product, then every
// role opening every file and calling every entry point and web-app operation. The whole expected
// matrix is written here; a change in who may do what fails this test.
import { ROLES, runAccessMatrix, type AccessLine, type Role } from '../dev/access/matrix';
import { bundlePath } from './helpers/product';

const CODE: Record<string, Role> = {
  O: 'owner',
  H: 'hr-admin',
  M: 'manager',
  D: 'delegate',
  E: 'employee',
  U: 'domain-user',
  X: 'outsider',
};

/**
 * target, roles allowed, roles whose attempt changed Agorà's data (O owner, H HR administrator,
 * M manager, D delegate, E employee, U domain user outside the register, X outside the domain).
 */
const EXPECTED: [string, string, string][] = [
  // Files: only the owner and HR open the register; HR edits the hand-kept sheets only.
  ['register: open', 'OH', ''],
  ['register: edit a hand-kept sheet', 'OH', 'OH'],
  ['register: edit Giornate', 'O', 'O'],
  ['form: edit', 'O', ''],
  // The Form: domain users only; people outside the register are refused by the intake.
  ['form: respond', 'HMDE', 'HMDE'],
  ['team calendar: read', 'OHMDEU', ''],
  ['team calendar: add an event', 'O', 'O'],
  ['drive root: open', 'OH', ''],
  // The code: the domain may read it (the web app needs that); only the owner edits or runs it.
  ['script project: view', 'OHMDEU', ''],
  ['script project: edit', 'O', ''],
  ['editor: setup', 'O', ''],
  // The web page and the add-on: everyone in the domain, each for themself.
  ['page: doGet', 'OHMDEU', ''],
  ['page: pageOverview', 'OHMDEU', ''],
  ['page: pageDecide', 'OHMD', 'OHMD'],
  ['page: pageCancel', 'OHMDE', 'OHMDE'],
  ['add-on: onHomepage', 'OHMDEU', ''],
  ['add-on: syncMyCalendar', 'OHMDEU', ''],
  ['web app: overview', 'OHMDEU', ''],
  ['web app: myDays', 'OHMDEU', ''],
  ['web app: decide', 'OHMD', 'OHMD'],
  ['web app: cancel', 'OHMDE', 'OHMDE'],
  // HR's card: the Ministry batch and the people's folders (written with the owner's rights).
  ['web app: adminMinistry', 'OH', 'OH'],
  ['web app: adminDrive', 'OH', 'OH'],
  // The payroll import's preview (the card applies it after): HR only, writing nothing.
  ['web app: adminStaffImport', 'OH', ''],
  // Reports: aggregates for HR, the managers and their delegates (as their cards link them); the
  // days as a file for HR and the people one decides for; everyone in Dipendenti their own days.
  ['web app: report', 'OHMD', ''],
  ['web app: download my days', 'HMDE', ''],
  ['web app: download the days', 'OHMD', ''],
  // Agreements: everyone sees their own; withdrawal by the parties and HR (the owner is HR too).
  ['web app: agreements', 'OHMDEU', ''],
  ['web app: agreementWithdraw', 'OHME', 'OHME'],
  // Privileged entry points, reached from the page or the add-on: the owner only.
  ['page: handOverOwnership', 'O', 'O'],
  ['add-on: handOverOwnership', 'O', 'O'],
  ['page: setup', 'O', ''],
  ['add-on: setup', 'O', ''],
  ['page: checkRegister', 'O', ''],
  ['add-on: checkRegister', 'O', ''],
  ['page: onTimer', 'O', ''],
  ['add-on: onTimer', 'O', ''],
  // A form-submit event without a response is refused even for the owner; others never get that far.
  ['page: onFormSubmit', '', ''],
  ['add-on: onFormSubmit', '', ''],
  ['page: onRegisterEdit', 'O', ''],
  ['add-on: onRegisterEdit', 'O', ''],
  // The owner's own jobs (nothing to archive in the demo; the import here is a preview).
  ['page: archiveClosedMonths', 'O', ''],
  ['add-on: archiveClosedMonths', 'O', ''],
  ['page: exportMinistryNotices', 'O', 'O'],
  ['add-on: exportMinistryNotices', 'O', 'O'],
  ['page: syncDriveFolders', 'O', 'O'],
  ['add-on: syncDriveFolders', 'O', 'O'],
  ['page: importStaffCsv', 'O', ''],
  ['add-on: importStaffCsv', 'O', ''],
  // The reports, the half-yearly report and the staff survey: files the owner writes.
  ['page: exportReports', 'O', 'O'],
  ['add-on: exportReports', 'O', 'O'],
  ['page: halfYearReport', 'O', 'O'],
  ['add-on: halfYearReport', 'O', 'O'],
  ['page: createStaffSurvey', 'O', 'O'],
  ['add-on: createStaffSurvey', 'O', 'O'],
];

let lines: AccessLine[];
beforeAll(() => {
  lines = runAccessMatrix({ codePath: bundlePath() });
}, 240_000);

const roles = (codes: string) => [...codes].map((c) => CODE[c]);

test('every role tried every target once', () => {
  expect(lines).toHaveLength(ROLES.length * EXPECTED.length);
  for (const role of ROLES)
    expect(
      lines
        .filter((l) => l.role === role)
        .map((l) => l.target)
        .sort(),
    ).toEqual(EXPECTED.map(([t]) => t).sort());
});

test.each(EXPECTED)('%s: allowed for [%s], changed something for [%s]', (target, allowed, wrote) => {
  const of = lines.filter((l) => l.target === target);
  expect(of.filter((l) => l.allowed).map((l) => l.role)).toEqual(roles(allowed));
  expect(of.filter((l) => l.wrote).map((l) => l.role)).toEqual(roles(wrote));
  // A refusal always says why; an allowed call has no error.
  for (const l of of)
    expect([l.role, l.allowed ? l.error : typeof l.error]).toEqual([l.role, l.allowed ? null : 'string']);
});

test('only the owner and HR open the register; nobody else writes but through the Form or a web-app operation', () => {
  const authorizedPaths =
    /^(form: respond|page: page(Decide|Cancel)|web app: (decide|cancel|agreementWithdraw))$/;
  for (const l of lines) {
    if (l.target === 'register: open')
      expect([l.role, l.allowed]).toEqual([l.role, l.role === 'owner' || l.role === 'hr-admin']);
    if (l.wrote && l.role !== 'owner' && l.role !== 'hr-admin') expect(l.target).toMatch(authorizedPaths);
    if (l.wrote && l.role === 'hr-admin')
      expect(l.target).toMatch(/^(register: edit a hand-kept sheet|form: respond|page: page|web app: )/);
  }
  // The outsider reaches nothing at all.
  expect(lines.filter((l) => l.role === 'outsider' && (l.allowed || l.wrote))).toEqual([]);
});
