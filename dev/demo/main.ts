// `npm run --silent demo -- --export DIR`: builds the demo organisation of the playground on the
// in-memory Workspace, through the product (dist/Code.js: setup, HR's sheets, the autumn's
// requests and decisions, as `npm start` does), runs the product's exports as the owner and
// writes the files they leave in Agorà's Drive folder into DIR:
// - comunicazioni-ministero.csv: the notices to the Ministry of Labour (docs/ministry-notice.md);
// - giornate.csv, giornate.ics and report-YYYY-MM.csv: the days, the approved days as iCalendar
//   and the monthly report of the last full month before the demo's today (src/gas/reports.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MinistryExport } from '../../src/gas/ministry-export';
import type { ReportExport } from '../../src/gas/reports';
import { buildDemoOrganisation, DEMO_TODAY, DEMO_TODAY_MINUTES, HR_ACCOUNT } from '../playground/demo-org';
import { romeMs, seedWorkspace } from '../playground/seed';
import { WorkspaceHandle } from '../playground/workspace-handle';

export interface DemoExport {
  dir: string;
  files: { name: string; bytes: number }[];
  ministry: { notices: number; incomplete: number };
  /** The month of giornate.csv, giornate.ics and the report. */
  month: string;
}

/** The last full month before `date` (YYYY-MM). */
export function monthBefore(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The demo organisation through the product, and its exports written into `dir`. */
export function exportDemo(
  dir: string,
  codePath: string,
  log: (line: string) => void = () => undefined,
): DemoExport {
  const handle = new WorkspaceHandle({
    codePath,
    owner: HR_ACCOUNT,
    nowMs: romeMs(DEMO_TODAY, DEMO_TODAY_MINUTES),
  });
  log('demo: the organisation of the Unione, through the product…');
  seedWorkspace(handle, buildDemoOrganisation());
  mkdirSync(dir, { recursive: true });
  const files: DemoExport['files'] = [];
  const save = (name: string, fileId: string) => {
    // What HR downloads: the file the product left in Drive.
    const content = handle.state.drive.items[fileId]?.content;
    if (typeof content !== 'string') throw new Error(`demo: the product left no file ${name}`);
    writeFileSync(join(dir, name), content);
    files.push({ name, bytes: Buffer.byteLength(content) });
  };
  const ministry = handle.run(HR_ACCOUNT, 'exportMinistryNotices') as MinistryExport;
  save('comunicazioni-ministero.csv', ministry.csvFileId);
  const month = monthBefore(DEMO_TODAY);
  log(`demo: the exports of ${month}…`);
  const reports = handle.run(HR_ACCOUNT, 'exportReports', month) as ReportExport;
  for (const f of reports.files) save(f.name, f.fileId);
  return {
    dir,
    files,
    ministry: { notices: ministry.rows.length - 1, incomplete: ministry.incomplete.length },
    month,
  };
}

export function main(argv: readonly string[]): number {
  const at = argv.indexOf('--export');
  const dir = at >= 0 ? argv[at + 1] : undefined;
  if (!dir || argv.includes('--help')) {
    process.stdout.write(
      'npm run --silent demo -- --export DIR: the demo organisation\u2019s exports, written into DIR\n',
    );
    return dir ? 0 : 2;
  }
  execFileSync('node', ['esbuild.config.mjs'], { stdio: 'ignore' });
  const result = exportDemo(resolve(dir), join(process.cwd(), 'dist/Code.js'), (l) =>
    process.stderr.write(`${l}\n`),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
