// `npm run deploy` (scripts/deploy.mjs) against a fake clasp (test/fixtures/fake-clasp.mjs) that
// answers in clasp 3's formats and keeps a small project (versions, deployments) of its own. Each
// test runs the script in a temporary copy of what the build needs, with HOME there too: the real
// deployments.json and dist/ are never touched, and no Google credentials can be found.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const FAKE_CLASP = join(root, 'test/fixtures/fake-clasp.mjs');
const WEB = 'AKfycbExistingWebApp0001';
const ADDON = 'AKfycbExistingAddOn0002';
const SCRIPT_ID = '1AgoraTestScriptId_abcdefghijklmnopqrstuvwxyz0123456789';

interface Call {
  argv: string[];
  stdout: string;
  pushedCode?: string;
}
interface FakeProject {
  versions: number;
  deployments: Record<string, number>;
  created: number;
}

let dir: string;

/** A temporary project: what the build reads, node_modules linked, the fake clasp behind a wrapper. */
function makeProject(deployments: unknown, project: FakeProject, claspJson?: unknown): void {
  dir = mkdtempSync(join(tmpdir(), 'agora-deploy-'));
  for (const path of ['esbuild.config.mjs', 'appsscript.json', 'tsconfig.json', 'src', 'scripts/deploy.mjs'])
    cpSync(join(root, path), join(dir, path), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'deployments.json'), `${JSON.stringify(deployments, null, 2)}\n`);
  writeFileSync(
    join(dir, '.clasp.json'),
    JSON.stringify(claspJson ?? { scriptId: SCRIPT_ID, rootDir: 'dist' }, null, 2),
  );
  writeFileSync(join(dir, 'fake-state.json'), JSON.stringify(project));
  mkdirSync(join(dir, 'bin'));
  // A wrapper, so the fixture runs with this very node whatever its file mode.
  writeFileSync(
    join(dir, 'bin/clasp'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(FAKE_CLASP)} "$@"\n`,
  );
  chmodSync(join(dir, 'bin/clasp'), 0o755);
}

function deploy(extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: dir,
    AGORA_CLASP: join(dir, 'bin/clasp'),
    FAKE_CLASP_STATE: join(dir, 'fake-state.json'),
    FAKE_CLASP_LOG: join(dir, 'clasp-calls.jsonl'),
    ...extraEnv,
  };
  for (const key of Object.keys(env)) if (/^clasp_config_/i.test(key)) delete env[key];
  const run = spawnSync(process.execPath, [join(dir, 'scripts/deploy.mjs')], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const calls = (): Call[] =>
  existsSync(join(dir, 'clasp-calls.jsonl'))
    ? readFileSync(join(dir, 'clasp-calls.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
const fakeProject = (): FakeProject => JSON.parse(readFileSync(join(dir, 'fake-state.json'), 'utf8'));
const deploymentsText = () => readFileSync(join(dir, 'deployments.json'), 'utf8');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const created = () =>
  calls()
    .filter((c) => c.argv.includes('create-deployment') && c.stdout)
    .map((c) => JSON.parse(c.stdout).deploymentId as string);

const recorded = {
  description: 'kept as it is',
  webApp: { deploymentId: WEB, executeAs: 'USER_DEPLOYING', access: 'DOMAIN' },
  addOn: { deploymentId: ADDON },
};
/** deployments.json as committed before the first deployment. */
const placeholders = {
  description: 'The two deployments of the Agorà project, updated by `npm run deploy`.',
  webApp: { deploymentId: 'AKfycb-agora-web-app-placeholder', executeAs: 'USER_DEPLOYING', access: 'DOMAIN' },
  addOn: { deploymentId: 'AKfycb-agora-add-on-placeholder' },
};

/** Success, showing what the script said when it is not. */
function expectSuccess(run: { status: number | null; stderr: string }): void {
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a later deployment: push, one version, both deployments updated to it; deployments.json untouched', () => {
  makeProject(recorded, { versions: 4, deployments: { [WEB]: 4, [ADDON]: 3 }, created: 0 });
  const before = deploymentsText();
  const run = deploy();
  expectSuccess(run);
  expect(calls().map((c) => c.argv)).toEqual([
    ['--json', 'push', '--force'],
    ['--json', 'create-version', expect.stringMatching(/^Agorà/)],
    ['--json', 'update-deployment', WEB, '-V', '5', '-d', expect.any(String)],
    ['--json', 'update-deployment', ADDON, '-V', '5', '-d', expect.any(String)],
  ]);
  expect(fakeProject().deployments).toEqual({ [WEB]: 5, [ADDON]: 5 });
  expect(deploymentsText()).toBe(before);
  // What was pushed is the bundle built now, calling the recorded web app.
  expect(calls()[0].pushedCode).toBe(sha256(join(dir, 'dist/Code.js')));
  expect(readFileSync(join(dir, 'dist/Code.js'), 'utf8')).toContain(JSON.stringify(WEB));
  expect(run.stdout).toContain(`https://script.google.com/macros/s/${WEB}/exec`);
  expect(run.stdout).toMatch(/version 5\b/);
  expect(run.stdout).not.toMatch(/deployments\.json CHANGED/);
});

test('the first deployment creates both, records them, rebuilds with the web app id, and updates both to the new version', () => {
  makeProject(placeholders, { versions: 0, deployments: {}, created: 0 });
  const run = deploy();
  expectSuccess(run);
  const argv = calls().map((c) => c.argv);
  expect(argv).toEqual([
    ['--json', 'push', '--force'],
    ['--json', 'create-version', expect.any(String)],
    ['--json', 'create-deployment', '-V', '1', '-d', expect.any(String)],
    ['--json', 'create-deployment', '-V', '1', '-d', expect.any(String)],
    ['--json', 'push', '--force'],
    ['--json', 'create-version', expect.any(String)],
    ['--json', 'update-deployment', expect.any(String), '-V', '2', '-d', expect.any(String)],
    ['--json', 'update-deployment', expect.any(String), '-V', '2', '-d', expect.any(String)],
  ]);
  const ids = created();
  expect(new Set(ids).size).toBe(2);
  const written = JSON.parse(deploymentsText());
  expect([written.webApp.deploymentId, written.addOn.deploymentId].sort()).toEqual([...ids].sort());
  // Only the ids changed: the rest of each entry and the file's description stay.
  expect(written).toEqual({
    ...placeholders,
    webApp: { ...placeholders.webApp, deploymentId: written.webApp.deploymentId },
    addOn: { ...placeholders.addOn, deploymentId: written.addOn.deploymentId },
  });
  // Both updated, to the second version, which is the rebuilt bundle with the new web app id.
  expect([argv[6][2], argv[7][2]].sort()).toEqual([...ids].sort());
  expect(fakeProject().deployments).toEqual({ [ids[0]]: 2, [ids[1]]: 2 });
  const code = readFileSync(join(dir, 'dist/Code.js'), 'utf8');
  expect(code).toContain(JSON.stringify(written.webApp.deploymentId));
  expect(code).not.toContain('placeholder');
  const pushes = calls().filter((c) => c.argv.includes('push'));
  expect(pushes[1].pushedCode).toBe(sha256(join(dir, 'dist/Code.js')));
  expect(pushes[0].pushedCode).not.toBe(pushes[1].pushedCode);
  expect(run.stdout).toMatch(/deployments\.json CHANGED/);
  expect(run.stdout).toMatch(/git add deployments\.json/);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('a clasp failure stops the deployment with a non-zero exit and leaves deployments.json as it was', () => {
  makeProject(recorded, { versions: 4, deployments: { [WEB]: 4, [ADDON]: 4 }, created: 0 });
  const before = deploymentsText();
  const run = deploy({ FAKE_CLASP_FAIL: 'update-deployment:1' });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/fake failure of update-deployment/); // clasp's own message
  expect(run.stderr).toMatch(/npm run deploy stopped: clasp --json update-deployment .* failed \(exit 1\)/);
  expect(calls().map((c) => c.argv[1])).toEqual(['push', 'create-version', 'update-deployment']);
  expect(deploymentsText()).toBe(before);
});

test('a failed push on the first deployment creates nothing and leaves deployments.json as it was', () => {
  makeProject(placeholders, { versions: 0, deployments: {}, created: 0 });
  const before = deploymentsText();
  const run = deploy({ FAKE_CLASP_FAIL: 'push:1' });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/clasp --json push --force failed/);
  expect(calls().map((c) => c.argv[1])).toEqual(['push']);
  expect(fakeProject().versions).toBe(0);
  expect(deploymentsText()).toBe(before);
});

test('clasp answering without a version number (a usage error exits 0 in clasp 3) is a failure too', () => {
  makeProject(recorded, { versions: 4, deployments: { [WEB]: 4, [ADDON]: 4 }, created: 0 });
  const before = deploymentsText();
  const run = deploy({ FAKE_CLASP_SILENT: 'create-version:1' });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/create-version printed no version number/);
  expect(calls().map((c) => c.argv[1])).toEqual(['push', 'create-version']);
  expect(fakeProject().deployments).toEqual({ [WEB]: 4, [ADDON]: 4 });
  expect(deploymentsText()).toBe(before);
});

test('a deployment created before a failure stays recorded, and the next run finishes the job', () => {
  makeProject(placeholders, { versions: 0, deployments: {}, created: 0 });
  const first = deploy({ FAKE_CLASP_FAIL: 'create-deployment:2' });
  expect(first.status).not.toBe(0);
  expect(first.stderr).toMatch(/deployments\.json CHANGED/);
  expect(first.stderr).toMatch(/Run npm run deploy again/);
  const [webApp] = created();
  const partial = JSON.parse(deploymentsText()); // whole, valid JSON
  expect(partial.webApp.deploymentId).toBe(webApp);
  expect(partial.addOn.deploymentId).toBe(placeholders.addOn.deploymentId);

  rmSync(join(dir, 'clasp-calls.jsonl'));
  const second = deploy();
  expectSuccess(second);
  // The web app id was already compiled into this build: no second build.
  expect(calls().map((c) => c.argv.slice(1, 4))).toEqual([
    ['push', '--force'],
    ['create-version', expect.any(String)],
    ['create-deployment', '-V', '2'],
    ['update-deployment', webApp, '-V'],
    ['update-deployment', expect.any(String), '-V'],
  ]);
  const [addOn] = created();
  expect(JSON.parse(deploymentsText())).toMatchObject({
    webApp: { deploymentId: webApp },
    addOn: { deploymentId: addOn },
  });
  expect(fakeProject().deployments).toEqual({ [webApp]: 2, [addOn]: 2 });
  expect(readFileSync(join(dir, 'dist/Code.js'), 'utf8')).toContain(JSON.stringify(webApp));
});

test('after a handover, an emptied web app id gets a new web app deployment; the add-on deployment stays', () => {
  makeProject(
    { ...recorded, webApp: { ...recorded.webApp, deploymentId: '' } },
    { versions: 9, deployments: { [WEB]: 9, [ADDON]: 9 }, created: 0 },
  );
  const run = deploy();
  expectSuccess(run);
  const [webApp] = created();
  expect(calls().map((c) => c.argv.slice(1, 3))).toEqual([
    ['push', '--force'],
    ['create-version', expect.any(String)],
    ['create-deployment', '-V'],
    ['push', '--force'],
    ['create-version', expect.any(String)],
    ['update-deployment', webApp],
    ['update-deployment', ADDON],
  ]);
  expect(JSON.parse(deploymentsText())).toEqual({
    ...recorded,
    webApp: { ...recorded.webApp, deploymentId: webApp },
  });
  // The old web app deployment is left at its version (the owner archives it by hand).
  expect(fakeProject().deployments).toEqual({ [WEB]: 9, [ADDON]: 11, [webApp]: 11 });
  expect(readFileSync(join(dir, 'dist/Code.js'), 'utf8')).toContain(JSON.stringify(webApp));
});

test("clasp's text output (without --json) is understood as well", () => {
  makeProject(recorded, { versions: 7, deployments: { [WEB]: 7, [ADDON]: 7 }, created: 0 });
  const run = deploy({ FAKE_CLASP_TEXT: '1' });
  expectSuccess(run);
  expect(calls()[1].stdout).toBe('Created version 8\n');
  expect(fakeProject().deployments).toEqual({ [WEB]: 8, [ADDON]: 8 });
});

test('refuses to run while .clasp.json has the placeholder script id, before building or calling clasp', () => {
  // As committed before the owner creates the project.
  makeProject(
    recorded,
    { versions: 1, deployments: {}, created: 0 },
    {
      scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID',
      rootDir: 'dist',
    },
  );
  const before = deploymentsText();
  const run = deploy();
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/\.clasp\.json still has the placeholder script id REPLACE_WITH_YOUR_SCRIPT_ID/);
  expect(calls()).toEqual([]);
  expect(existsSync(join(dir, 'dist'))).toBe(false);
  expect(deploymentsText()).toBe(before);
});
