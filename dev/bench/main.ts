// `npm run bench [-- --json] [-- --only SUITE] [-- --full]`: runs the benchmark suites in order
// and prints their rows, as readable tables or (--json) as one JSON object per line and nothing
// else. `--full` runs the sizes a suite keeps apart because they take long (years: 5,000 staff).
// Timings are printed, never asserted: a target missed shows as a check row with ok=false.
//
// To add a suite, append it to SUITES: a name and a function returning BenchRow[] (or a promise
// of them). Each row names its suite, its operation and the register size (`rows`); any other
// field is a metric and becomes a column of that suite+operation's table. A `note` field is
// printed under the table instead of in a column.
import { registerSuite } from './register';
import { rulesSuite } from './rules';
import { yearsSuite } from './years';

export type BenchValue = number | string | boolean;

export interface BenchRow {
  suite: string;
  operation: string;
  /** Size of the register the row was measured against. */
  rows: number;
  [metric: string]: BenchValue;
}

export interface BenchOptions {
  json: boolean;
  /** --full: also the sizes a suite runs only when asked (they take long). */
  full?: boolean;
  /** Progress for humans (stderr); silent with --json. */
  log: (line: string) => void;
}

export interface Suite {
  name: string;
  run: (opts: BenchOptions) => BenchRow[] | Promise<BenchRow[]>;
}

export const SUITES: readonly Suite[] = [
  { name: 'rules', run: rulesSuite },
  { name: 'register', run: registerSuite },
  { name: 'years', run: yearsSuite },
];

/** Column titles for the human tables; any other field shows under its own name. */
const LABELS: Readonly<Record<string, string>> = {
  rows: 'rows',
  dates: 'dates',
  ms: 'ms',
  usPerDate: 'µs/date',
  baselineMs: 'naive ms',
  baselineUsPerDate: 'naive µs/date',
  speedup: 'speedup ×',
  baselineDates: 'naive dates',
  baselineExtrapolated: 'naive extrap.',
  indexMs: 'index build ms',
  speedupWithIndex: 'speedup × incl. build',
  breakEvenDates: 'break-even dates',
  identical: 'identical',
  // register suite
  calls: 'round trips',
  allCalls: 'all calls',
  nativeMs: 'ms in Node',
  baselineCalls: 'naive round trips',
  baselineAllCalls: 'naive all calls',
  calendarCalls: 'calendar calls',
  executions: 'executions',
  timerCalls: 'onTimer round trips',
  timerMs: 'onTimer ms',
  timerCalendarCalls: 'onTimer calendar calls',
  baselineTimerCalls: 'naive onTimer round trips',
  // years suite
  staff: 'staff',
  years: 'years',
  rowsRead: 'rows read',
  auditRows: 'change-log lines',
  events: 'calendar events',
  cells: 'cells',
  overCellLimit: 'over 10M cells',
  buildMs: 'build ms',
  archiveRuns: 'archive runs',
  rowsReadRatio: 'rows read ×',
  msRatio: 'ms ×',
};

const USAGE = 'usage: npm run bench [-- --json] [-- --only SUITE] [-- --full]';

export async function main(argv: readonly string[]): Promise<number> {
  let json = false;
  let full = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--full') full = true;
    else if (a === '--only' && i + 1 < argv.length) only.push(argv[++i]);
    else if (a.startsWith('--only=')) only.push(a.slice('--only='.length));
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\nsuites: ${SUITES.map((s) => s.name).join(', ')}\n`);
      return 0;
    } else {
      process.stderr.write(`unknown argument: ${a}\n${USAGE}\n`);
      return 2;
    }
  }
  const unknown = only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length) {
    process.stderr.write(
      `unknown suite: ${unknown.join(', ')} (suites: ${SUITES.map((s) => s.name).join(', ')})\n`,
    );
    return 2;
  }

  const opts: BenchOptions = {
    json,
    full,
    log: json ? () => undefined : (line) => process.stderr.write(`${line}\n`),
  };
  const started = Date.now();
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.name)) continue;
    let rows: BenchRow[];
    try {
      rows = await suite.run(opts);
    } catch (e) {
      // E.g. the rules suite's indexed and naive results differ: no timing is worth printing.
      process.stderr.write(`bench ${suite.name}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    process.stdout.write(json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : formatTables(rows));
  }
  if (!json) process.stdout.write(`total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

/** One table per suite+operation, columns in the order the fields first appear. */
export function formatTables(rows: readonly BenchRow[]): string {
  const groups = new Map<string, BenchRow[]>();
  for (const row of rows) {
    const key = `${row.suite} · ${row.operation}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  let out = '';
  for (const [title, group] of groups) {
    const columns: string[] = [];
    for (const row of group)
      for (const key of Object.keys(row))
        if (key !== 'suite' && key !== 'operation' && key !== 'note' && !columns.includes(key))
          columns.push(key);
    const header = columns.map((c) => LABELS[c] ?? c);
    const cells = group.map((row) => columns.map((c) => (c in row ? formatValue(row[c]) : '')));
    const numeric = columns.map((c) => group.every((row) => !(c in row) || typeof row[c] === 'number'));
    const widths = columns.map((_, i) => Math.max(header[i].length, ...cells.map((line) => line[i].length)));
    const line = (values: string[]) =>
      values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ');
    out += `\n${title}\n${line(header).trimEnd()}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`;
    for (const c of cells) out += `${line(c).trimEnd()}\n`;
    for (const row of group) if (typeof row.note === 'string') out += `  * rows=${row.rows}: ${row.note}\n`;
  }
  return `${out}\n`;
}

function formatValue(v: BenchValue): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', {
    minimumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2,
    maximumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2,
  });
}
