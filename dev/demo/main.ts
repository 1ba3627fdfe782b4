// `npm run --silent demo -- --export DIR`: builds the demo organisation of the playground on the
// in-memory Workspace, through the product (dist/Code.js: setup, HR's sheets, the autumn's
// requests and decisions, as `npm start` does), runs the product's exports as the owner and
// writes the files they leave in Agorà's Drive folder into DIR:
// - comunicazioni-ministero.csv: the notices to the Ministry of Labour (docs/ministry-notice.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MinistryExport } from '../../src/gas/ministry-export';
import { buildDemoOrganisation, DEMO_TODAY, DEMO_TODAY_MINUTES, HR_ACCOUNT } from '../playground/demo-org';
import { romeMs, seedWorkspace } from '../playground/seed';
import { WorkspaceHandle } from '../playground/workspace-handle';

export interface DemoExport {
  dir: string;
  files: { name: string; bytes: number }[];
  ministry: { notices: number; incomplete: number };
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
  return {
    dir,
    files,
    ministry: { notices: ministry.rows.length - 1, incomplete: ministry.incomplete.length },
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
