// `npm run --silent faults` at the size it always runs (a small organisation): every service call
// of a submission, a decision, a cancellation, the archive and the mail job fails in turn, the
// product recovers as in production, and nothing is lost, doubled or changed, with a clean
// register check. And the injector can see a loss: without recovery, the same faults lose work.
import { compare, main, OPERATIONS, runFaults } from '../dev/faults/main';
import { bundlePath } from './helpers/bundle';

jest.setTimeout(600_000);

const options = () => ({ codePath: bundlePath(), build: false });

describe('faults', () => {
  test('a failure at every call position of every operation: nothing lost, nothing twice, the check clean', () => {
    const rows = runFaults(options());
    expect(rows.map((r) => r.operation)).toEqual([...OPERATIONS]);
    for (const r of rows) {
      expect(r).toEqual({
        operation: r.operation,
        positions: expect.any(Number),
        lost: 0,
        duplicated: 0,
        unexpected: 0,
        problems: 0,
        failedRuns: expect.any(Number),
      });
      // Every operation makes service calls, and most failures reach its user or job.
      expect(r.positions).toBeGreaterThan(20);
      expect(r.failedRuns).toBeGreaterThan(r.positions / 2);
    }
  });

  test('without the recovery (no retry, no periodic job) the same faults lose Form responses', () => {
    const [row] = runFaults({ ...options(), operations: ['submission'], recover: false });
    expect(row.operation).toBe('submission');
    expect(row.lost).toBeGreaterThan(0);
  });

  test('compares multisets: what is missing is lost, what is there more often is doubled', () => {
    const facts = (entries: [string, number][]) => new Map(entries);
    expect(
      compare(
        facts([
          ['a', 1],
          ['b', 2],
          ['c', 1],
        ]),
        facts([
          ['a', 2],
          ['b', 1],
          ['d', 1],
        ]),
      ),
    ).toEqual({ lost: ['b', 'c'], duplicated: ['a'], unexpected: ['d'] });
  });

  test('the command: --help, and an unknown operation refused', () => {
    const out: string[] = [];
    const spy = (stream: NodeJS.WriteStream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out.push(String(chunk));
        return true;
      });
    const stdout = spy(process.stdout);
    const stderr = spy(process.stderr);
    try {
      expect(main(['--help'])).toBe(0);
      expect(main(['--only', 'nothing'])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(out.join('')).toMatch(/--json/);
    expect(out.join('')).toMatch(/unknown operation nothing/);
  });
});
