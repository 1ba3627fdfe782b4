// The change log's fingerprint chain (src/gas/chain.ts): linking, breaks of any kind, days changed by hand.
import { createHash } from 'node:crypto';
import type { AuditEntry, DayRecord } from '../../src/app/ports';
import {
  chainLines,
  dayDigestOf,
  dayText,
  GENESIS,
  lineHash,
  verifyChain,
  verifyDays,
  type ChainedLine,
} from '../../src/gas/chain';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const SHEET = 'Registro modifiche';
const BROKEN =
  'La catena delle impronte si interrompe qui: questa riga, o una prima di lei, è stata modificata, tolta o aggiunta a mano.';

function day(over: Partial<DayRecord> = {}): DayRecord {
  return {
    id: 'r1#1',
    requestId: 'r1',
    employee: 'anna.rossi@example.it',
    date: '2026-11-09',
    location: 'casa',
    note: 'consegna relazione',
    status: 'pending',
    violations: [{ rule: 'SHORT_NOTICE', severity: 'warn', message: 'Preavviso breve' }],
    submittedAt: '2026-11-02T09:00',
    decidedBy: '',
    decidedAt: '',
    reason: '',
    calendarEventId: '',
    ...over,
  };
}

function entry(n: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: `2026-11-02T09:0${n}`,
    by: 'anna.rossi@example.it',
    action: 'submit',
    dayId: `r${n}#1`,
    employee: 'anna.rossi@example.it',
    date: '2026-11-09',
    from: '',
    to: 'pending',
    detail: `line ${n}`,
    ...over,
  };
}

/** A chain of `count` lines written from `start`, as read back from rows 2, 3, ... */
function chain(count: number, start = GENESIS): ChainedLine[] {
  const lines = Array.from({ length: count }, (_, i) => ({
    entry: entry(i + 1),
    day: day({ id: `r${i + 1}#1` }),
  }));
  const { fingerprints } = chainLines(start, lines, sha256);
  return lines.map((l, i) => ({ row: i + 2, entry: l.entry, ...fingerprints[i] }));
}

/** The same lines, renumbered as the rows they now sit on. */
const renumber = (lines: ChainedLine[]): ChainedLine[] => lines.map((l, i) => ({ ...l, row: i + 2 }));
const rows = (lines: ChainedLine[], start = GENESIS) =>
  verifyChain(lines, start, sha256, SHEET).problems.map((p) => p.row);

describe('chainLines', () => {
  test('links each line to the previous one and returns the last as head', () => {
    const lines = [{ entry: entry(1), day: day() }, { entry: entry(2, { action: 'preference', dayId: '' }) }];
    const { fingerprints, head } = chainLines('abc', lines, sha256);
    const first = lineHash('abc', lines[0].entry, sha256(dayText(lines[0].day as DayRecord)), sha256);
    expect(fingerprints[0]).toEqual({ dayDigest: sha256(dayText(day())), hash: first });
    expect(fingerprints[1]).toEqual({ dayDigest: '', hash: lineHash(first, lines[1].entry, '', sha256) });
    expect(head).toBe(fingerprints[1].hash);
    expect(fingerprints[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('with no lines the head stays where it was', () => {
    expect(chainLines('abc', [], sha256)).toEqual({ fingerprints: [], head: 'abc' });
  });
});

describe('verifyChain', () => {
  test('an untouched chain is clean, from GENESIS or from an archived head', () => {
    const lines = chain(4);
    expect(verifyChain(lines, GENESIS, sha256, SHEET)).toEqual({ problems: [], head: lines[3].hash });
    expect(rows(chain(4, 'archived-head'), 'archived-head')).toEqual([]);
  });

  test.each([
    ['detail', { detail: 'line 2 (edited)' }],
    ['by', { by: 'mario.ferrari@example.it' }],
    ['date', { date: '2026-11-10' }],
    ['to', { to: 'approved' as const }],
  ])('a changed %s of a line is reported on its sheet row', (_field, change) => {
    const lines = chain(4);
    lines[1] = { ...lines[1], entry: { ...lines[1].entry, ...change } };
    expect(verifyChain(lines, GENESIS, sha256, SHEET).problems).toEqual([
      { sheet: SHEET, row: 3, reason: BROKEN },
    ]);
  });

  test('a changed day fingerprint of a line is reported', () => {
    const lines = chain(3);
    lines[2] = { ...lines[2], dayDigest: sha256(dayText(day({ status: 'approved' }))) };
    expect(rows(lines)).toEqual([4]);
  });

  test('a break is reported once, not on every later line', () => {
    const lines = chain(6);
    lines[0] = { ...lines[0], entry: { ...lines[0].entry, detail: 'rewritten' } };
    expect(rows(lines)).toEqual([2]);
  });

  test('a removed line breaks the line that followed it', () => {
    const lines = chain(4);
    expect(rows(renumber([lines[0], lines[2], lines[3]]))).toEqual([3]);
  });

  test('an inserted line breaks the chain, even with a fingerprint made to fit', () => {
    const lines = chain(3);
    const forged = entry(9, { detail: 'added by hand' });
    const fitted: ChainedLine = {
      row: 0,
      entry: forged,
      dayDigest: '',
      hash: lineHash(lines[0].hash, forged, '', sha256),
    };
    expect(rows(renumber([lines[0], fitted, lines[1], lines[2]]))).toEqual([4]);
    const made: ChainedLine = { ...fitted, hash: sha256('anything') };
    expect(rows(renumber([lines[0], made, lines[1], lines[2]]))).toEqual([3, 4]);
  });

  test('a swapped pair of lines is reported', () => {
    const lines = chain(4);
    // Each moved line and the one after them no longer follow the line above them.
    expect(rows(renumber([lines[0], lines[2], lines[1], lines[3]]))).toEqual([3, 4, 5]);
  });

  test('a line without a fingerprint says so', () => {
    const lines = chain(3);
    lines[2] = { ...lines[2], hash: '' };
    expect(verifyChain(lines, GENESIS, sha256, SHEET).problems).toEqual([
      { sheet: SHEET, row: 4, reason: 'Riga senza impronta: aggiunta a mano?' },
    ]);
  });

  test('a line added by hand without a fingerprint is reported once, not with the line after it', () => {
    const lines = chain(3);
    const bare: ChainedLine = { ...lines[1], hash: '' };
    expect(rows(renumber([lines[0], bare, lines[1], lines[2]]))).toEqual([3]);
  });

  test('a different start breaks the first line only', () => {
    expect(rows(chain(3), 'another-head')).toEqual([2]);
    expect(rows(chain(3, 'archived-head'))).toEqual([2]);
  });

  test('text fields are read back trimmed: surrounding spaces break nothing', () => {
    const lines = chain(2);
    lines[1] = {
      ...lines[1],
      entry: { ...lines[1].entry, detail: '  line 2 ', by: ' anna.rossi@example.it' },
    };
    expect(rows(lines)).toEqual([]);
  });
});

describe('verifyDays', () => {
  const submitted = day();
  const approved = day({
    status: 'approved',
    decidedBy: 'mario.ferrari@example.it',
    decidedAt: '2026-11-03T10:00',
  });
  /** The day written twice: submitted (row 2), then approved (row 3); another line without a day (row 4). */
  const lines: ChainedLine[] = (() => {
    const written = [
      { entry: entry(1, { dayId: 'r1#1' }), day: submitted },
      {
        entry: entry(2, { dayId: 'r1#1', action: 'approve', from: 'pending', to: 'approved' }),
        day: approved,
      },
      { entry: entry(3, { dayId: 'r1#1', action: 'preference' }) },
    ];
    const { fingerprints } = chainLines(GENESIS, written, sha256);
    return written.map((w, i) => ({ row: i + 2, entry: w.entry, ...fingerprints[i] }));
  })();
  const check = (d: DayRecord) => verifyDays([d], lines, sha256, 'Giornate', () => 7);

  test('a day as its last line wrote it is clean', () => {
    expect(check(approved)).toEqual([]);
  });

  test('a day matching an earlier line, not its last, is reported with its row and the line', () => {
    expect(check(submitted)).toEqual([
      {
        sheet: 'Giornate',
        row: 7,
        reason:
          'Giornata r1#1 (anna.rossi@example.it, 2026-11-09) diversa da come l\u2019ha scritta la riga 3 del registro modifiche: modificata a mano.',
      },
    ]);
  });

  test.each<[string, Partial<DayRecord>]>([
    ['location', { location: 'soliera-municipio' }],
    ['note', { note: 'altro' }],
    ['reason', { reason: 'motivo' }],
    ['decidedBy', { decidedBy: 'hr@example.it' }],
    ['status', { status: 'rejected' }],
    ['violations message', { violations: [{ rule: 'SHORT_NOTICE', severity: 'warn', message: 'Altro' }] }],
  ])('a day whose %s differs is reported', (_field, change) => {
    expect(check({ ...approved, ...change }).map((p) => p.row)).toEqual([7]);
  });

  test('the calendar event id is not part of the fingerprint', () => {
    expect(check({ ...approved, calendarEventId: 'evt-123' })).toEqual([]);
  });

  test('surrounding spaces of text fields are ignored (a cell read back trimmed)', () => {
    const spaced = {
      ...approved,
      location: ' casa ',
      note: 'consegna relazione  ',
      decidedBy: ' mario.ferrari@example.it',
    };
    expect(check(spaced)).toEqual([]);
    expect(dayDigestOf(spaced, sha256)).toBe(dayDigestOf(approved, sha256));
  });

  test('a day no line fingerprints is not checked', () => {
    expect(check({ ...approved, id: 'r9#1', note: 'anything' })).toEqual([]);
    expect(dayDigestOf(undefined, sha256)).toBe('');
  });
});
