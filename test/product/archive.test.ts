// The yearly archive through the bundle: the periodic job moves closed months to "Agorà —
// Archivio YYYY" in Agorà's Drive folder (the owner's, HR can view), the live register keeps the
// open months only, the change log stays one verified chain, and nothing is lost or doubled.
import { SHEETS } from '../../src/gas/schema';
import { ARCHIVE_FILES_PROPERTY, archiveName } from '../../src/gas/archive';
import { daysFromRows, auditFromRows } from '../../src/gas/rows';
import { PROPERTY } from '../../src/gas/properties';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

const DAYS = SHEETS.days.name;
const AUDIT = SHEETS.audit.name;

/** Moves the clock to `local` and runs the periodic job there once (as if it had been on time). */
function jobAt(p: Product, local: string): void {
  p.at(local);
  p.runTimers();
}

/** Requests and decisions of September and October 2026, mail delivered as it goes. */
function history(): Product {
  const p = Product.start({ at: '2026-09-01T09:00' });
  p.submit(ANNA, ['2026-09-14', '2026-09-15']);
  p.submit(LUCA, ['2026-09-16']);
  expect(p.approve(MANAGER, [{ employee: ANNA, date: '2026-09-14' }])[0].ok).toBe(true);
  p.decide(MANAGER, [{ employee: ANNA, date: '2026-09-15', decision: 'reject', reason: 'riunione' }]);
  p.decide(MANAGER, [{ employee: LUCA, date: '2026-09-16', decision: 'approve' }]);
  p.runTimersUntil('2026-09-01T10:00');
  jobAt(p, '2026-10-01T09:00');
  p.submit(ANNA, ['2026-10-12']);
  // Asked in October for December: its line goes to the archive, the day stays live.
  p.submit(LUCA, ['2026-12-02']);
  expect(p.approve(MANAGER, [{ employee: ANNA, date: '2026-10-12' }])[0].ok).toBe(true);
  p.runTimersUntil('2026-10-01T10:00');
  return p;
}

function archiveOf(p: Product, year: number) {
  const files = JSON.parse(p.property(ARCHIVE_FILES_PROPERTY) ?? '{}') as Record<string, string>;
  const id = files[String(year)];
  return { id, values: (sheet: string) => p.testing.sheets.sheetValues(id, sheet) };
}

describe('the yearly archive', () => {
  test('on 1 December the job moves September and October to «Agorà — Archivio 2026», verified, and the register check stays clean', () => {
    const p = history();
    // 2 November: asked before the job's first run of the day.
    p.at('2026-11-02T08:00');
    p.submit(ANNA, ['2026-11-16']);
    const before = { days: p.days(), audit: p.audit() };
    expect(p.problems()).toEqual([]);
    // The job's first run on 2 November archives September (the live register keeps October on).
    jobAt(p, '2026-11-02T08:05');
    expect(p.days().map((d) => d.date)).toEqual(['2026-10-12', '2026-12-02', '2026-11-16']);
    p.runTimersUntil('2026-11-02T09:00');
    // On 1 December, October goes too.
    jobAt(p, '2026-12-01T00:05');

    const archive = archiveOf(p, 2026);
    expect(archive.id).toBeTruthy();
    // In Agorà's Drive folder, the owner's, HR (the admins) can view it.
    expect(p.testing.files.owner(archive.id)).toBe(OWNER);
    expect(p.state.drive.items[archive.id]?.parents).toEqual([p.property(PROPERTY.driveRootId)]);
    expect(p.state.spreadsheet.files[archive.id]?.name).toBe(archiveName(2026));

    // The live register keeps November on (and the December day asked in October).
    expect(p.days().map((d) => d.date)).toEqual(['2026-12-02', '2026-11-16']);
    // The archive has every day of September and October, once, as they were.
    const archived = daysFromRows(archive.values(DAYS), []).days;
    expect(archived).toEqual(before.days.filter((d) => d.date < '2026-11-01'));
    // The change log: the lines written before November are in the archive, the later ones and
    // a carry line for the December day (its request line was archived) stay.
    const archivedLines = auditFromRows(archive.values(AUDIT));
    expect(archivedLines).toEqual(before.audit.filter((a) => a.at < '2026-11-01T00:00'));
    expect(p.audit().map((a) => [a.action, a.date])).toEqual([
      ['submit', '2026-11-16'],
      ['carry', '2026-12-02'],
    ]);
    // Nothing lost: archive + live = before (the carry line aside).
    expect([...archivedLines, ...p.audit().filter((a) => a.action !== 'carry')]).toEqual(before.audit);
    // The chain goes on from the archived part: the check finds nothing wrong.
    p.setup();
    expect(p.problems()).toEqual([]);
    // The register goes on working, and a second run archives nothing more.
    p.at('2026-12-01T09:00');
    p.submit(ANNA, ['2026-12-09']);
    expect(p.day(ANNA, '2026-12-09').status).toBe('pending');
    const again = p.bundle.run(OWNER, 'archiveClosedMonths') as { done: boolean; archivedDays: number };
    expect(again).toEqual({ done: true, archivedDays: 0 });
    expect(daysFromRows(archive.values(DAYS), []).days).toEqual(archived);
    p.setup();
    expect(p.problems()).toEqual([]);
  });

  test('a month with a day still waiting is not archived, and the check says why', () => {
    const p = Product.start({ at: '2026-09-01T09:00' });
    p.submit(ANNA, ['2026-09-14']);
    p.at('2026-11-02T09:00');
    const run = p.bundle.run(OWNER, 'archiveClosedMonths') as { done: boolean; blocked?: string };
    expect(run.done).toBe(true);
    expect(run.blocked).toMatch(/2026-09 non si può archiviare: 1 giornata è ancora in attesa/);
    expect(p.days().map((d) => d.date)).toEqual(['2026-09-14']);
    p.setup();
    expect(p.problems().map((x) => x.reason)).toEqual([
      expect.stringMatching(/2026-09 non si può archiviare/),
    ]);
  });
});
