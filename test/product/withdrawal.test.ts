// Withdrawal from an agreement (art. 19 c. 2 L. 81/2017), through the bundle: HR records it in
// Accordi; the rules stop counting on the agreement from the day it takes effect; the owner's
// daily job cancels the days after it, telling the person and their manager; the Ministry
// export gets its withdrawal notice.
import type { MinistryExport } from '../../src/gas/ministry-export';
import { SHEETS } from '../../src/gas/schema';
import { ANNA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

/** HR edits a person's agreement in Accordi (by header); a Date or text per cell. */
function editAgreement(p: Product, email: string, cells: Record<string, string | Date>): void {
  p.asOwner(() => {
    const sheet = p.spreadsheet().getSheetByName(SHEETS.agreements.name);
    if (!sheet) throw new Error('no Accordi');
    const values = sheet.getDataRange().getValues();
    const header = values[0].map(String);
    const row = values.findIndex((r) => r[header.indexOf('Dipendente')] === email);
    for (const [h, v] of Object.entries(cells)) {
      const c = header.indexOf(h);
      if (c < 0) throw new Error(`no column ${h}`);
      sheet.getRange(row + 1, c + 1).setValue(v);
    }
  });
}

const romeDate = (iso: string) => new Date(`${iso}T12:00:00+01:00`);

describe('withdrawal', () => {
  test('Anna withdraws from her indefinite agreement with 30 days of notice: the days after are cancelled and announced', () => {
    const p = Product.start({ at: '2026-11-02T09:00' });
    editAgreement(p, ANNA, { Al: '' }); // an agreement of indefinite term
    p.submit(ANNA, ['2026-11-16', '2026-12-07', '2026-12-09']);
    expect(
      p
        .approve(MANAGER, [
          { employee: ANNA, date: '2026-11-16' },
          { employee: ANNA, date: '2026-12-07' },
        ])
        .every((r) => r.ok),
    ).toBe(true);
    p.runTimersUntil('2026-11-02T10:10');
    const before = p.mails().length;

    // 3 November: Anna gives notice; it takes effect on 3 December.
    p.at('2026-11-03T08:00');
    editAgreement(p, ANNA, {
      'Recesso: preavviso del': romeDate('2026-11-03'),
      'Recesso da': 'dipendente',
      'Giustificato motivo': 'no',
      'Motivo del recesso': 'Trasferimento ad altro ente',
    });
    p.runTimersUntil('2026-11-03T08:10');
    expect(p.day(ANNA, '2026-11-16').status).toBe('approved');
    const dec7 = p.day(ANNA, '2026-12-07');
    expect([dec7.status, dec7.reason]).toEqual([
      'cancelled',
      'L’accordo di lavoro agile è receduto dal gio 3 dic 2026.',
    ]);
    expect(p.day(ANNA, '2026-12-09').status).toBe('cancelled');
    // The calendar event of 7 December is gone; the one of 16 November stays.
    expect(
      p
        .events()
        .map((e) => e.date)
        .sort(),
    ).toEqual(['2026-11-16']);
    // Anna and Mario are told.
    const told = p
      .mails()
      .slice(before)
      .filter((m) => !m.subject.startsWith('Registro di Agorà'));
    expect(told.map((m) => m.to).sort()).toEqual([ANNA, MANAGER].sort());
    // The next runs find nothing more to do; the register check is clean.
    p.runTimersUntil('2026-11-04T08:10');
    p.bundle.run(OWNER, 'checkRegister');
    expect(p.problems()).toEqual([]);
    // From 3 December the rules see no agreement: a new request is refused.
    p.submit(ANNA, ['2026-12-10']);
    const dec10 = p.day(ANNA, '2026-12-10');
    expect(dec10.status).toBe('refused');
    // The Ministry export: the start and the withdrawal (period ending 2 December).
    const exported = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
    const annas = exported.rows.filter((r) =>
      r.includes('01/01/2026') && r[15] !== 'I' ? r[15] === 'R' : false,
    );
    expect(annas.map((r) => [r[12], r[13], r[14], r[15]])).toEqual([['TI', '01/01/2026', '02/12/2026', 'R']]);
  });

  test('a fixed-term agreement cannot be withdrawn early without a justified reason: listed in Problemi, nothing cancelled', () => {
    const p = Product.start({ at: '2026-11-02T09:00' });
    p.submit(ANNA, ['2026-11-16']);
    p.approve(MANAGER, [{ employee: ANNA, date: '2026-11-16' }]);
    editAgreement(p, ANNA, { 'Recesso: preavviso del': romeDate('2026-11-03'), 'Recesso da': 'ente' });
    p.runTimersUntil('2026-11-03T08:10');
    expect(p.day(ANNA, '2026-11-16').status).toBe('approved');
    p.bundle.run(OWNER, 'checkRegister');
    expect(p.problems().map((x) => x.reason)).toEqual([
      expect.stringMatching(/^Recesso non valido: .*giustificato motivo/),
    ]);
  });
});

describe('expiry', () => {
  test('HR’s daily mail lists the agreements in their last 30 days, not a renewed one', () => {
    const p = Product.start({ at: '2026-12-02T06:00' });
    // Luca's agreement is renewed for 2027.
    p.appendRows('agreements', [
      {
        employee: 'luca.bianchi@terredargine.example',
        from: romeDate('2027-01-01'),
        to: romeDate('2027-12-31'),
        signedByEmployee: romeDate('2026-11-20'),
        signedByManager: romeDate('2026-11-21'),
        contactWindows: '09:00-13:00',
        equipment: "dell'ente",
        safetyNoticeDate: romeDate('2026-11-20'),
      },
    ]);
    p.runTimersUntil('2026-12-02T07:10');
    const [mail] = p.mails(OWNER).filter((m) => m.subject.startsWith('Registro di Agorà'));
    expect(mail.body).toContain(
      [
        'Accordi in scadenza nei prossimi 30 giorni (rinnovarli o lasciarli scadere):',
        `• ${ANNA}: fino a gio 31 dic 2026`,
        `• ${MANAGER}: fino a gio 31 dic 2026`,
      ].join('\n'),
    );
    const expiring = mail.body.split('\n\n').find((block) => block.startsWith('Accordi in scadenza')) ?? '';
    expect(expiring).not.toContain('luca.bianchi');
  });
});

describe('expiry alert', () => {
  test('the person and their manager are told once when an agreement enters its last 30 days; a renewed one is not', () => {
    const p = Product.start({ at: '2026-11-30T06:00' });
    // Luca's agreement is renewed for 2027 (signed); Anna's is not.
    p.appendRows('agreements', [
      {
        employee: 'luca.bianchi@terredargine.example',
        from: romeDate('2027-01-01'),
        to: romeDate('2027-12-31'),
        signedByEmployee: romeDate('2026-11-20'),
        signedByManager: romeDate('2026-11-21'),
        contactWindows: '09:00-13:00',
        equipment: "dell'ente",
        safetyNoticeDate: romeDate('2026-11-20'),
      },
    ]);
    p.runTimersUntil('2026-11-30T07:10');
    const alerts = () => p.mails().filter((m) => m.subject.startsWith('Accordo di lavoro agile in scadenza'));
    expect(alerts()).toEqual([]);
    p.runTimersUntil('2026-12-01T07:10');
    // Anna and Mario about Anna; Mario's own agreement too (his manager is the director).
    expect(
      alerts()
        .map((m) => [m.to, m.subject])
        .sort(),
    ).toEqual(
      [
        [ANNA, 'Accordo di lavoro agile in scadenza: Anna Rossi'],
        [MANAGER, 'Accordo di lavoro agile in scadenza: Anna Rossi'],
        [MANAGER, 'Accordo di lavoro agile in scadenza: Mario Ferrari'],
        ['dirigente@terredargine.example', 'Accordo di lavoro agile in scadenza: Mario Ferrari'],
      ].sort(),
    );
    expect(alerts()[0].body).toContain('termina giovedì 31 dicembre 2026');
    p.runTimersUntil('2026-12-02T07:10');
    expect(alerts()).toHaveLength(4);
  });
});

describe('retention', () => {
  test('an agreement ended more than 5 years ago is deleted with its notices, each with a change-log line; a younger one stays', () => {
    const p = Product.start({ at: '2026-11-02T06:00' });
    const old = (from: string, to: string) => ({
      employee: 'luca.bianchi@terredargine.example',
      from: romeDate(from),
      to: romeDate(to),
      signedByEmployee: romeDate(from),
      signedByManager: romeDate(from),
      contactWindows: '09:00-13:00',
      equipment: "dell'ente",
      safetyNoticeDate: romeDate(from),
    });
    // The 2020 one has its document in Drive.
    const docId = p.asOwner(() => p.globals.DriveApp.createFile('Accordo 2020', 'testo').getId());
    p.appendRows('agreements', [
      { ...old('2020-01-01', '2020-12-31'), document: `https://docs.google.com/document/d/${docId}/edit` },
      old('2021-01-01', '2021-12-31'),
    ]);
    // Their notices were recorded when they started.
    p.bundle.run(OWNER, 'exportMinistryNotices');
    const notices = () =>
      p
        .values(SHEETS.notices.name)
        .slice(1)
        .map((r) => String(r[0]));
    expect(notices()).toEqual(
      expect.arrayContaining([
        'luca.bianchi@terredargine.example/2020-01-01/start/2020-01-01',
        'luca.bianchi@terredargine.example/2021-01-01/start/2021-01-01',
      ]),
    );
    p.runTimersUntil('2026-11-02T07:10');
    const froms = p
      .values(SHEETS.agreements.name)
      .slice(1)
      .filter((r) => r[0] === 'luca.bianchi@terredargine.example')
      .map((r) => new Date((r[1] as Date).getTime() + 12 * 3600_000).toISOString().slice(0, 4));
    // 2020 ended on 31 December 2020: kept until 31 December 2025. 2021 is kept until the end of 2026.
    expect(froms.sort()).toEqual(['2021', '2026']);
    expect(notices().filter((id) => id.includes('/2020-01-01/'))).toEqual([]);
    expect(p.state.drive.items[docId].trashed).toBe(true);
    expect(notices().filter((id) => id.includes('/2021-01-01/'))).toHaveLength(1);
    expect(
      p
        .audit()
        .filter((l) => l.action === 'agreement')
        .map((l) => [l.employee, l.date, l.detail]),
    ).toEqual([
      [
        'luca.bianchi@terredargine.example',
        '2020-01-01',
        'Accordo luca.bianchi@terredargine.example|2020-01-01: eliminato con le sue comunicazioni, 5 anni dopo la fine (conservazione).',
      ],
    ]);
    // The chain holds, and the next day finds nothing more to delete.
    p.runTimersUntil('2026-11-03T07:10');
    expect(p.audit().filter((l) => l.action === 'agreement')).toHaveLength(1);
    p.bundle.run(OWNER, 'checkRegister');
    expect(p.problems()).toEqual([]);
  });
});
