// Authorization through the product: the caller is who Session says (the web page's calls run in
// the owner's web app, with the visitor as the active user), never a value the client sends;
// managers cannot even open the register, and HR's own hand edits are detected by setup.
import { NO_ACCESS_MESSAGE, PROTECTED_MESSAGE } from '../../dev/workspace/spreadsheet';
import { SHEETS } from '../../src/gas/schema';
import {
  ANNA,
  DIRECTOR,
  LUCA,
  MANAGER,
  OWNER,
  Product,
  agreement,
  bundlePath,
  cellOf,
  employee,
  smallOrg,
} from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

const DAYS = SHEETS.days.name;

let saved: string;
beforeAll(() => {
  // HR's owner account is also an employee (of the director's), in a sector of its own.
  const org = smallOrg();
  org.employees.push(employee(OWNER, 'Ufficio Personale', DIRECTOR, { sector: 'Personale' }));
  org.agreements.push(agreement(OWNER));
  const p = Product.start({ seed: org });
  p.submit(ANNA, ['2026-11-09', '2026-11-10']);
  p.submit(MANAGER, ['2026-11-11']);
  p.submit(OWNER, ['2026-11-12']);
  saved = p.save();
});

/** Everything a refused operation must leave as it was. */
function observable(p: Product) {
  return {
    days: p.values(DAYS),
    audit: p.values(SHEETS.audit.name),
    events: p.events(),
    mails: p.mails().length,
    queued: Object.keys(p.state.properties.script).length,
  };
}

test('a colleague deciding for a teammate gets NOT_AUTHORIZED, and nothing changes', () => {
  const p = Product.fromState(saved);
  const before = observable(p);
  const results = p.decide(LUCA, [
    { employee: ANNA, date: '2026-11-09', decision: 'approve' },
    { employee: ANNA, date: '2026-11-10', decision: 'reject', reason: 'no' },
  ]);
  expect(results.map((r) => [r.ok, r.code])).toEqual([
    [false, 'NOT_AUTHORIZED'],
    [false, 'NOT_AUTHORIZED'],
  ]);
  expect(p.cancel(LUCA, { employee: ANNA, date: '2026-11-09' })).toMatchObject({
    ok: false,
    code: 'NOT_AUTHORIZED',
  });
  expect(observable(p)).toEqual(before);
  // The web app ran the check with the owner's rights, for Luca (not whoever the client claimed).
  const calls = p.executions().filter((e) => e.functionName.startsWith('page'));
  expect(calls.map((e) => [e.kind, e.user])).toEqual([
    ['webapp', LUCA],
    ['webapp', LUCA],
  ]);
});

test('the client cannot claim another identity: extra fields naming the manager are ignored', () => {
  const p = Product.fromState(saved);
  const before = observable(p);
  const forged = [{ employee: ANNA, date: '2026-11-09', decision: 'approve', by: MANAGER, caller: MANAGER }];
  const results = p.bundle.callFromClient(LUCA, 'pageDecide', forged) as { ok: boolean; code?: string }[];
  expect(results[0]).toMatchObject({ ok: false, code: 'NOT_AUTHORIZED' });
  expect(observable(p)).toEqual(before);
});

test('a manager cannot decide their own day; their own manager can', () => {
  const p = Product.fromState(saved);
  const before = observable(p);
  const own = p.approve(MANAGER, [{ employee: MANAGER, date: '2026-11-11' }]);
  expect(own[0]).toMatchObject({ ok: false, code: 'NOT_AUTHORIZED' });
  expect(observable(p)).toEqual(before);
  // Nor do admin rights help HR with their own day.
  const hr = p.approve(OWNER, [{ employee: OWNER, date: '2026-11-12' }]);
  expect(hr[0]).toMatchObject({ ok: false, code: 'NOT_AUTHORIZED' });
  expect(observable(p)).toEqual(before);
  // HR decides for others, the director for Mario.
  expect(p.approve(OWNER, [{ employee: ANNA, date: '2026-11-09' }])[0].ok).toBe(true);
  const byDirector = p.approve(DIRECTOR, [{ employee: MANAGER, date: '2026-11-11' }]);
  expect(byDirector[0].ok).toBe(true);
  expect(p.day(MANAGER, '2026-11-11')).toMatchObject({ status: 'approved', decidedBy: DIRECTOR });
});

test('managers and staff cannot open the register, so no hand edit of theirs reaches it', () => {
  const p = Product.fromState(saved);
  const before = observable(p);
  const status = cellOf(p, DAYS, 2, 'Stato');
  expect(() => p.userEdit(MANAGER, DAYS, status, 'approvata')).toThrow(NO_ACCESS_MESSAGE);
  expect(() => p.userEdit(ANNA, DAYS, cellOf(p, DAYS, 2, 'Data'), '16/11/2026')).toThrow(NO_ACCESS_MESSAGE);
  expect(() => p.userEdit(MANAGER, SHEETS.audit.name, 'A2', 'niente')).toThrow(NO_ACCESS_MESSAGE);
  // Nor can a script running as the manager: it can only ask the owner's web app.
  expect(() => p.as(MANAGER, () => p.globals.SpreadsheetApp.openById(p.ssId))).toThrow(NO_ACCESS_MESSAGE);
  expect(() => p.bundle.runAddOn(MANAGER, 'pageOverview')).not.toThrow();
  expect(observable(p)).toEqual(before);
});

test('an HR administrator edits the hand-kept sheets but not the sheets only Agorà writes', () => {
  const org = smallOrg();
  const HR2 = 'personale@terredargine.example';
  org.admins.push(HR2);
  const p = Product.start({ seed: org });
  p.submit(ANNA, ['2026-11-09']);
  p.userEdit(HR2, SHEETS.sites.name, 'D2', 5);
  expect(() => p.userEdit(HR2, DAYS, cellOf(p, DAYS, 2, 'Stato'), 'approvata')).toThrow(PROTECTED_MESSAGE);
  expect(() => p.userEdit(HR2, SHEETS.audit.name, 'A2', 'niente')).toThrow(PROTECTED_MESSAGE);
});

test('HR (the owner) can edit a status by hand, and setup lists it in Problemi as a hand edit', () => {
  const p = Product.fromState(saved);
  const row = 2; // Anna, 2026-11-09, pending
  expect(p.day(ANNA, '2026-11-09').status).toBe('pending');
  p.userEdit(OWNER, DAYS, cellOf(p, DAYS, row, 'Stato'), 'approvata');
  expect(p.day(ANNA, '2026-11-09').status).toBe('approved');
  expect(p.problems()).toEqual([]);
  p.setup();
  const problems = p.problems();
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ sheet: DAYS, row });
  expect(problems[0].reason).toMatch(
    /«approvata» ma il registro modifiche dice «in attesa».*modificata a mano/,
  );
  // Putting it back clears the problem at the next setup.
  p.userEdit(OWNER, DAYS, cellOf(p, DAYS, row, 'Stato'), 'in attesa');
  p.setup();
  expect(p.problems()).toEqual([]);
});
