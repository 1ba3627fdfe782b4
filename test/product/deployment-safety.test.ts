// The findings that made Agorà a standalone add-on with one write authority, each tried on the
// product as it was found (issue "Agorà becomes a real Google Workspace add-on"):
// - a user running setup overwrote the owner before any permission check;
// - any user could run onTimer and send other people's queued mail from their own account;
// - setup accepted a Form switched to typed ("responder input") emails: a typed address became
//   the identity;
// - the Form was never published (forms made by API after 30 June 2026 start unpublished);
// - protections never changed the editor list nor turned domain edit off;
// - the spreadsheet's time zone was assumed, the team calendar never shared;
// - the web app URL was read outside a web request, and deploys updated one deployment only
//   (the deploy side is test/deploy.test.ts).
import { cardJson } from '../../dev/workspace/card';
import { execUrl } from '../../dev/workspace/script';
import { readDeployments } from '../../dev/driver';
import { PROPERTY } from '../../src/gas/properties';
import { SAFETY_SHEET } from '../../src/gas/setup';
import { SHEETS } from '../../src/gas/schema';
import {
  ANNA,
  LUCA,
  MANAGER,
  OWNER,
  Product,
  bundlePath,
  cellOf,
  configRowOf,
  smallOrg,
} from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

const HR2 = 'personale@terredargine.example';
const ORG = (() => {
  const org = smallOrg();
  org.admins.push(HR2);
  return org;
})();

let saved: string;
beforeAll(() => {
  saved = Product.start({ seed: ORG }).save();
});

const safetyProblems = (p: Product) => p.problems().filter((x) => x.sheet === SAFETY_SHEET);
const refusal = /solo l'account titolare di Agorà/;

describe('only the owner runs setup, and the owner is fixed at the first setup', () => {
  test('an HR administrator or a manager calling setup from the web page or the add-on is refused, and the owner stays', () => {
    const p = Product.fromState(saved);
    const before = p.save();
    for (const who of [HR2, MANAGER]) {
      expect(() => p.bundle.callFromClient(who, 'setup')).toThrow(refusal);
      expect(() => p.bundle.runAddOn(who, 'setup')).toThrow(refusal);
      expect(() => p.bundle.run(who, 'setup')).toThrow(/cannot open the script project/);
    }
    expect(p.property(PROPERTY.owner)).toBe(OWNER);
    // Nothing changed but the executions' log.
    const strip = (s: string) => ({
      ...JSON.parse(s),
      script: { ...JSON.parse(s).script, executions: [], nextExecutionId: 0 },
    });
    expect(strip(p.save())).toEqual(strip(before));
  });

  test('before the first setup, nobody but the project owner can claim the ownership', () => {
    const p = Product.start({ seed: null });
    // A fresh project: only deployed, never set up.
    const fresh = Product.fromState(saved);
    fresh.restore(p.save());
    fresh.asOwner(() => fresh.globals.PropertiesService.getScriptProperties().deleteAllProperties());
    expect(() => fresh.bundle.callFromClient(HR2, 'setup')).toThrow(/prima configurazione/);
    expect(() => fresh.bundle.runAddOn(HR2, 'setup')).toThrow(/prima configurazione/);
    expect(fresh.property(PROPERTY.owner)).toBeNull();
    expect(fresh.setup().changes[0]).toBe(`Titolare di Agorà: ${OWNER}.`);
    expect(fresh.property(PROPERTY.owner)).toBe(OWNER);
  });

  test('only the owner hands over; then the old owner is refused and the new one sets up', () => {
    const p = Product.fromState(saved);
    expect(() => p.bundle.callFromClient(HR2, 'handOverOwnership', HR2)).toThrow(/Passaggio di consegne/);
    expect(() => p.bundle.run(OWNER, 'handOverOwnership', MANAGER)).toThrow(/non è del servizio personale/);
    expect(p.bundle.run(OWNER, 'handOverOwnership', HR2)).toMatch(/Agorà passa a personale@/);
    expect(p.property(PROPERTY.owner)).toBe(HR2);
    expect(p.testing.files.owner(p.ssId)).toBe(HR2);
    expect(p.testing.files.owner(p.state.script.scriptId)).toBe(HR2);
    // The old owner's triggers are gone; the old owner cannot run setup any more.
    expect(p.state.script.triggers).toEqual([]);
    expect(() => p.setup()).toThrow();
    expect(() => p.bundle.runAs({ user: OWNER }, 'setup')).toThrow(refusal);
    // The new owner runs setup (they own the project file now): their triggers.
    p.bundle.run(HR2, 'setup');
    expect(new Set(p.state.script.triggers.map((t) => t.owner))).toEqual(new Set([HR2]));
  });

  test('from the editor, without an argument: the new owner is the script property agora.handOverTo', () => {
    const p = Product.fromState(saved);
    expect(() => p.bundle.run(OWNER, 'handOverOwnership')).toThrow(/Indica l’email/);
    p.asOwner(() => p.globals.PropertiesService.getScriptProperties().setProperty(PROPERTY.handOverTo, HR2));
    p.bundle.run(OWNER, 'handOverOwnership');
    expect([p.property(PROPERTY.owner), p.property(PROPERTY.handOverTo)]).toEqual([HR2, null]);
  });
});

describe('the periodic job runs only as the owner', () => {
  test("a manager calling onTimer cannot send other people's queued mail; the owner's trigger sends it at 07:00", () => {
    const p = Product.fromState(saved);
    p.at('2026-11-02T21:30');
    p.submit(ANNA, ['2026-11-09']);
    const queued = () => p.outbox().filter((r) => r.status === 'queued');
    expect(queued()).toHaveLength(2);
    p.at('2026-11-03T07:10');
    for (const call of [
      () => p.bundle.callFromClient(MANAGER, 'onTimer'),
      () => p.bundle.runAddOn(MANAGER, 'onTimer'),
      () => p.bundle.runAddOn(LUCA, 'onTimer'),
    ])
      expect(call).toThrow(refusal);
    expect(p.mails()).toEqual([]);
    expect(queued()).toHaveLength(2);
    p.runTimers();
    const sent = (register: boolean) =>
      p
        .mails()
        .filter((m) => m.subject.startsWith('Registro di Agorà') === register)
        .map((m) => m.to)
        .sort();
    expect(sent(false)).toEqual([ANNA, MANAGER].sort());
    // The same run's daily work: the change log's fingerprint to each HR administrator.
    expect(sent(true)).toEqual([HR2, OWNER].sort());
    expect(queued()).toEqual([]);
  });
});

describe('the Form: published, verified emails, domain only; drift reported and repaired', () => {
  test('setup publishes the Form it creates, with verified emails, for the domain only', () => {
    const p = Product.fromState(saved);
    const form = p.testing.forms.form(p.formId);
    expect(form).toMatchObject({ published: true, emailCollectionType: 'VERIFIED', requireLogin: true });
    expect(p.property(PROPERTY.formUrl)).toMatch(/viewform$/);
    p.submit(ANNA, ['2026-11-09']);
    expect(p.day(ANNA, '2026-11-09').status).toBe('pending');
  });

  test('switched to typed emails by hand: the check reports it, setup repairs it, and a typed address never becomes the identity', () => {
    const p = Product.fromState(saved);
    p.asOwner(() =>
      (
        p.globals.FormApp.openById(p.formId) as unknown as { setEmailCollectionType(t: string): void }
      ).setEmailCollectionType('RESPONDER_INPUT'),
    );
    // Before the repair the hole is real: Luca types Anna's address (the fake Form allows it).
    const form = p.testing.forms.form(p.formId);
    const date = form.items.find((i) => i.type === 'DATE');
    const place = form.items.find((i) => /luogo/i.test(i.title));
    p.testing.forms.submit(
      p.formId,
      LUCA,
      { [String(date?.id)]: '2026-11-10', [String(place?.id)]: 'Casa' },
      { typedEmail: ANNA },
    );
    expect(
      p
        .days()
        .filter((d) => d.date === '2026-11-10')
        .map((d) => d.employee),
    ).toEqual([ANNA]);
    expect(p.bundle.run(OWNER, 'checkRegister')).toBeGreaterThan(0);
    expect(safetyProblems(p).map((x) => x.reason)).toContainEqual(
      expect.stringMatching(/non raccoglie l’email verificata/),
    );
    expect(p.setup().changes).toContain('Il modulo raccoglie l’email verificata di chi risponde.');
    p.testing.forms.submit(
      p.formId,
      LUCA,
      { [String(date?.id)]: '2026-11-11', [String(place?.id)]: 'Casa' },
      { typedEmail: ANNA },
    );
    expect(
      p
        .days()
        .filter((d) => d.date === '2026-11-11')
        .map((d) => d.employee),
    ).toEqual([LUCA]);
    expect(safetyProblems(p)).toEqual([]);
  });

  test('unpublished or open to outsiders: refused responses, reported, repaired', () => {
    const p = Product.fromState(saved);
    p.asOwner(() => {
      const form = p.globals.FormApp.openById(p.formId);
      (form as unknown as { setPublished(b: boolean): void }).setPublished(false);
      form.setRequireLogin(false);
    });
    expect(() => p.submit(ANNA, ['2026-11-09'])).toThrow(/not published/);
    p.bundle.run(OWNER, 'checkRegister');
    expect(safetyProblems(p).map((x) => x.reason)).toEqual([
      'Il modulo di richiesta non è pubblicato: non riceve risposte.',
      'Il modulo di richiesta è aperto anche a chi non è del dominio.',
    ]);
    expect(p.setup().changes).toEqual([
      'Pubblicato il modulo di richiesta.',
      'Il modulo accetta risposte solo dagli utenti del dominio.',
    ]);
    expect(safetyProblems(p)).toEqual([]);
    p.submit(ANNA, ['2026-11-09']);
    expect(p.day(ANNA, '2026-11-09').status).toBe('pending');
  });
});

describe('the register: the HR administrators only, protections that restrict, Europe/Rome', () => {
  test('shared only with HR; every protection lists its editors explicitly with domain edit off', () => {
    const p = Product.fromState(saved);
    expect(p.testing.files.owner(p.ssId)).toBe(OWNER);
    expect(p.testing.files.editors(p.ssId)).toEqual([HR2]);
    expect(p.testing.files.viewers(p.ssId)).toEqual([]);
    expect(p.testing.files.generalAccess(p.ssId)).toBeNull();
    const file = p.state.spreadsheet.files[p.ssId];
    expect(file.timeZone).toBe('Europe/Rome');
    for (const protection of file.protections) {
      const sheet = file.sheets.find((s) => s.sheetId === protection.sheetId)?.name;
      const codeOwned = (
        [SHEETS.days.name, SHEETS.audit.name, SHEETS.outbox.name, SHEETS.problems.name] as string[]
      ).includes(String(sheet));
      expect([sheet, [...protection.editors].sort(), protection.domainEdit]).toEqual([
        sheet,
        codeOwned ? [OWNER] : [HR2, OWNER].sort(),
        false,
      ]);
    }
    expect(file.protections).toHaveLength(12);
    // No stray "Foglio1".
    expect(file.sheets.map((s) => s.name)).not.toContain('Foglio1');
  });

  test('shared by hand with a manager and with the domain for editing: reported, then undone by setup', () => {
    const p = Product.fromState(saved);
    p.asOwner(() => {
      const file = p.globals.DriveApp.getFileById(p.ssId);
      file.addEditor(MANAGER);
      file.setSharing(p.globals.DriveApp.Access.DOMAIN, p.globals.DriveApp.Permission.EDIT);
      p.spreadsheet().setSpreadsheetTimeZone('Europe/London');
      // A protection made now inherits the file's editors and the domain: Google's default.
      const sheet = p
        .spreadsheet()
        .getSheetByName(SHEETS.holidays.name) as GoogleAppsScript.Spreadsheet.Sheet;
      const type = p.globals.SpreadsheetApp.ProtectionType
        .SHEET as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
      sheet.getProtections(type)[0].remove();
      sheet.protect();
    });
    // Meanwhile Mario could open and change it.
    p.userEdit(MANAGER, SHEETS.holidays.name, 'B2', 'Mario era qui');
    p.bundle.run(OWNER, 'checkRegister');
    expect(safetyProblems(p).map((x) => x.reason)).toEqual([
      'Il registro è condiviso con tutto il dominio.',
      `Il registro è condiviso con ${MANAGER}, che non è del servizio personale.`,
      'Il fuso orario del registro è Europe/London, non Europe/Rome: le date si sposterebbero.',
      `Il foglio «${SHEETS.holidays.name}» è modificabile da tutto il dominio.`,
    ]);
    p.setup();
    expect(safetyProblems(p)).toEqual([]);
    expect(() => p.userEdit(MANAGER, SHEETS.holidays.name, 'B2', 'ancora')).toThrow(
      /do not have permission to access/,
    );
    expect(p.testing.files.generalAccess(p.ssId)).toBeNull();
    expect(p.state.spreadsheet.files[p.ssId].timeZone).toBe('Europe/Rome');
  });
});

describe('the team calendar: read-only for the domain, as HR configures', () => {
  test('shared with the domain as reader by setup; "nessuna" in Configurazione takes it back', () => {
    const p = Product.fromState(saved);
    const acl = () => p.state.calendar.calendars[p.calendarId].acl;
    expect(acl()).toEqual([
      {
        id: 'domain:terredargine.example',
        role: 'reader',
        scope: { type: 'domain', value: 'terredargine.example' },
      },
    ]);
    expect(p.as(LUCA, () => p.globals.CalendarApp.getCalendarById(p.calendarId))).not.toBeNull();
    const row = configRowOf(p, 'calendarSharing');
    p.userEdit(OWNER, SHEETS.config.name, cellOf(p, SHEETS.config.name, row, 'Valore'), 'nessuna');
    expect(p.setup().changes).toEqual(['Tolta la condivisione con il dominio del calendario.']);
    expect(acl()).toEqual([]);
    expect(p.as(LUCA, () => p.globals.CalendarApp.getCalendarById(p.calendarId))).toBeNull();
  });

  test('made public or writable by hand: reported and repaired', () => {
    const p = Product.fromState(saved);
    p.asOwner(() => {
      p.globals.Calendar.Acl.insert({ role: 'reader', scope: { type: 'default' } }, p.calendarId);
      p.globals.Calendar.Acl.insert(
        { role: 'writer', scope: { type: 'user', value: MANAGER } },
        p.calendarId,
      );
    });
    p.bundle.run(OWNER, 'checkRegister');
    expect(safetyProblems(p).map((x) => x.reason)).toEqual([
      'Il calendario «Smart working» è visibile pubblicamente.',
      `Il calendario «Smart working» è modificabile da ${MANAGER}: solo Agorà deve scriverlo.`,
    ]);
    p.setup();
    expect(safetyProblems(p)).toEqual([]);
  });
});

describe('the add-on reaches the web app recorded at deploy time', () => {
  test("a manager's homepage card is built from the owner's web app, called at the deployments.json URL with the manager's token", () => {
    const p = Product.fromState(saved);
    p.submit(ANNA, ['2026-11-09']);
    p.ws.resetCounts();
    const card = cardJson(p.bundle.runAddOn(MANAGER, 'onHomepage', {}));
    expect(card?.header?.subtitle).toBe('Mario Ferrari');
    expect(JSON.stringify(card)).toContain('1 giornata di 1 persona');
    const [homepage, post] = p.executions().slice(-2);
    expect([homepage.functionName, homepage.kind, homepage.user]).toEqual(['onHomepage', 'addon', MANAGER]);
    expect([post.functionName, post.kind, post.user]).toEqual(['doPost', 'webapp', MANAGER]);
    // Never asked at run time: the /dev URL it would give outside a web request is editors-only.
    expect(p.ws.callCount('ScriptApp', 'Service.getUrl')).toBe(0);
    expect(p.ws.callCount('UrlFetchApp', 'UrlFetchApp.fetch')).toBe(1);
    expect(execUrl(readDeployments().webApp.deploymentId)).toMatch(/\/exec$/);
  });

  test('the code is readable by the domain (the web app needs it) and editable by the owner alone', () => {
    const p = Product.fromState(saved);
    const id = p.state.script.scriptId;
    expect(p.testing.files.generalAccess(id)).toEqual({ access: 'DOMAIN', permission: 'VIEW' });
    expect(p.testing.files.editors(id)).toEqual([]);
    // Without the project shared, Google turns the user's token away before the script runs.
    p.asOwner(() =>
      p.globals.DriveApp.getFileById(id).setSharing(
        p.globals.DriveApp.Access.PRIVATE,
        p.globals.DriveApp.Permission.NONE,
      ),
    );
    const card = cardJson(p.bundle.runAddOn(MANAGER, 'onHomepage', {}));
    expect(card?.header?.title).toBe('Agorà non è raggiungibile');
    p.bundle.run(OWNER, 'checkRegister');
    expect(safetyProblems(p).map((x) => x.reason)).toEqual([
      'Il progetto Agorà (il codice) non è visibile al dominio: il componente aggiuntivo non può raggiungere il registro.',
    ]);
  });
});
