// The Ministry notice: one record per agreement event, due in 5 days, reminded 2 days before,
// laid out in the columns of the Ministry's smart-working data model.
import type { IsoDate } from '../../src/domain/dates';
import {
  agreementNotices,
  missingFields,
  NOTICE_COLUMNS,
  noticeFor,
  noticeRow,
  noticesToRemind,
  type AgreementFacts,
  type WorkerFacts,
} from '../../src/domain/ministry';

const d = (s: string) => s as IsoDate;
const EMPLOYER = { taxCode: '03069890360', name: "Unione delle Terre d'Argine" };
const WORKER: WorkerFacts = {
  taxCode: 'RSSNNA85M41B819D',
  surname: 'Rossi',
  firstName: 'Anna',
  birthDate: d('1985-08-01'),
  birthPlace: 'B819',
  employmentStart: d('2010-04-01'),
  employmentType: 'TI',
  inailPat: '90000000',
  inailRate: '0722',
};
const AGREEMENT: AgreementFacts = { id: 'acc-1', signedOn: d('2026-12-03'), from: d('2027-01-01'), to: null };

describe('ministry notices', () => {
  test('each event has a stable id and is due 5 days after it', () => {
    const n = noticeFor('start', 'acc-1', 'anna.rossi@terredargine.example', d('2027-01-01'));
    expect(n).toEqual({
      id: 'acc-1/start/2027-01-01',
      kind: 'start',
      agreementId: 'acc-1',
      employee: 'anna.rossi@terredargine.example',
      eventDate: '2027-01-01',
      due: '2027-01-06',
      status: 'to-send',
      receipt: '',
    });
  });

  test('HR is reminded from 2 days before the deadline, oldest first; sent ones never', () => {
    const a = noticeFor('start', 'acc-1', 'a@x', d('2027-01-01')); // due 01-06
    const b = noticeFor('withdrawal', 'acc-2', 'b@x', d('2026-12-31')); // due 01-05
    const c = { ...noticeFor('change', 'acc-3', 'c@x', d('2026-12-30')), status: 'sent' as const };
    expect(noticesToRemind([a, b, c], d('2027-01-02')).map((n) => n.id)).toEqual([]);
    expect(noticesToRemind([a, b, c], d('2027-01-03')).map((n) => n.id)).toEqual([b.id]);
    expect(noticesToRemind([a, b, c], d('2027-01-10')).map((n) => n.id)).toEqual([b.id, a.id]);
  });

  test('a start of an indefinite agreement: every required field, no end, no previous code', () => {
    const row = noticeRow(
      noticeFor('start', 'acc-1', 'a@x', d('2027-01-01')),
      EMPLOYER,
      WORKER,
      AGREEMENT,
      '',
    );
    expect(row).toHaveLength(NOTICE_COLUMNS.length);
    expect(Object.fromEntries(NOTICE_COLUMNS.map(([, h], i) => [h, row[i]]))).toEqual({
      'Codice fiscale datore di lavoro': '03069890360',
      'Denominazione datore di lavoro': "Unione delle Terre d'Argine",
      'Codice fiscale lavoratore': 'RSSNNA85M41B819D',
      'Data di nascita': '01/08/1985',
      Cognome: 'Rossi',
      Nome: 'Anna',
      'Codice comune o stato estero di nascita': 'B819',
      'Data inizio rapporto di lavoro': '01/04/2010',
      'Tipologia rapporto di lavoro': 'TI',
      'Posizione INAIL (PAT)': '90000000',
      'Voce di tariffa INAIL': '0722',
      'Data sottoscrizione accordo': '03/12/2026',
      'Tipologia durata periodo': 'TI',
      'Data inizio periodo': '01/01/2027',
      'Data fine periodo': '',
      'Tipologia comunicazione': 'I',
      'Codice comunicazione da modificare, annullare o recedere': '',
    });
    expect(missingFields(row)).toEqual([]);
  });

  test('a withdrawal ends the period the day before it takes effect and names the start’s code', () => {
    const row = noticeRow(
      noticeFor('withdrawal', 'acc-1', 'a@x', d('2027-03-31')),
      EMPLOYER,
      WORKER,
      AGREEMENT,
      'MLPS-123',
    );
    expect(row.slice(12)).toEqual(['TI', '01/01/2027', '30/03/2027', 'R', 'MLPS-123']);
  });

  test('what a row lacks is named', () => {
    const row = noticeRow(
      noticeFor('start', 'acc-1', 'a@x', d('2027-01-01')),
      EMPLOYER,
      { ...WORKER, inailPat: '', birthDate: null },
      AGREEMENT,
      '',
    );
    expect(missingFields(row)).toEqual(['Data di nascita', 'Posizione INAIL (PAT)']);
  });
});

describe('the notices an agreement calls for', () => {
  const a = {
    id: 'anna@x.it/2027-01-01',
    employee: 'anna@x.it',
    from: '2027-01-01' as IsoDate,
    to: '2027-12-31' as IsoDate,
    withdrawal: null,
  };
  const today = '2027-03-10' as IsoDate;
  const kinds = (list: ReturnType<typeof agreementNotices>) =>
    list.map((n) => [n.notice.kind, n.notice.eventDate, n.period, n.skip]);
  const sent = (period: string, eventDate = '2027-01-01') => ({
    period,
    receipt: 'R-1',
    eventDate: eventDate as IsoDate,
  });

  test('a new agreement: its start, carrying its period', () => {
    expect(kinds(agreementNotices(a, new Map(), today))).toEqual([
      ['start', '2027-01-01', '2027-01-01–2027-12-31', false],
    ]);
  });

  test('a period changed after the start was sent: one change, dated when first seen, then kept', () => {
    const longer = { ...a, to: '2028-06-30' as IsoDate };
    const recorded = new Map([[`${a.id}/start/2027-01-01`, sent('2027-01-01–2027-12-31')]]);
    expect(kinds(agreementNotices(longer, recorded, today))).toEqual([
      ['start', '2027-01-01', '2027-01-01–2028-06-30', false],
      ['change', '2027-03-10', '2027-01-01–2028-06-30', false],
    ]);
    const [, change] = agreementNotices(longer, recorded, today);
    expect(change.notice.id).toBe(`${a.id}/change/2027-01-01–2028-06-30`);
    // Recorded on 10 March: the same notice, same date, the day after.
    recorded.set(change.notice.id, {
      period: change.period,
      receipt: '',
      eventDate: '2027-03-10' as IsoDate,
    });
    expect(agreementNotices(longer, recorded, '2027-03-11' as IsoDate)[1].notice.eventDate).toBe(
      '2027-03-10',
    );
  });

  test('a changed period whose start was not sent yet: the start carries the new period, no change', () => {
    const longer = { ...a, to: '2028-06-30' as IsoDate };
    const recorded = new Map([
      [`${a.id}/start/2027-01-01`, { ...sent('2027-01-01–2027-12-31'), receipt: '' }],
    ]);
    expect(kinds(agreementNotices(longer, recorded, today)).map((k) => k[0])).toEqual(['start']);
  });

  test('the Ministry told of a change: back to the told period needs no notice; a new one does', () => {
    const recorded = new Map([
      [`${a.id}/start/2027-01-01`, sent('2027-01-01–2027-12-31')],
      [`${a.id}/change/2027-01-01–2028-06-30`, sent('2027-01-01–2028-06-30', '2027-03-10')],
    ]);
    expect(
      kinds(agreementNotices({ ...a, to: '2028-06-30' as IsoDate }, recorded, today)).map((k) => k[0]),
    ).toEqual(['start']);
    expect(kinds(agreementNotices(a, recorded, today)).map((k) => k[0])).toEqual(['start', 'change']);
  });

  test('withdrawn after its start: a withdrawal; before its start: the start is cancelled', () => {
    const withdrawn = {
      ...a,
      to: null,
      withdrawal: { noticeDate: today, effective: '2027-04-09' as IsoDate },
    };
    expect(kinds(agreementNotices(withdrawn, new Map(), today)).map((k) => k[0])).toEqual([
      'start',
      'withdrawal',
    ]);
    const early = {
      ...a,
      withdrawal: { noticeDate: '2026-12-10' as IsoDate, effective: '2026-12-10' as IsoDate },
    };
    // Start never sent: nothing to send at all.
    expect(kinds(agreementNotices(early, new Map(), today))).toEqual([
      ['start', '2027-01-01', '2027-01-01–2027-12-31', true],
      ['cancellation', '2026-12-10', '2027-01-01–2027-12-31', true],
    ]);
    // Start sent: its cancellation is to send.
    const recorded = new Map([[`${a.id}/start/2027-01-01`, sent('2027-01-01–2027-12-31')]]);
    expect(kinds(agreementNotices(early, recorded, today)).map((k) => [k[0], k[3]])).toEqual([
      ['start', false],
      ['cancellation', false],
    ]);
  });
});
