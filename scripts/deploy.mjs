// npm run deploy: builds dist/, pushes it with clasp, creates ONE version of the project and points
// BOTH deployments recorded in deployments.json (the web app and the Workspace add-on) at that
// version, so the add-on and the web app it calls never run different code.
//
// First deployment: an id that is empty or a placeholder (contains "placeholder") is created at the
// new version and written into deployments.json (atomically: a temporary file renamed over it, after
// each creation, so a deployment Google made is never forgotten). The web app's id is compiled into
// the bundle (esbuild `define`, src/gas/deployment.ts), so when the web app deployment is new the
// script builds, pushes and versions again, then points both deployments at that second version.
// deployments.json then has changed and must be committed.
//
// The clasp command is `npx clasp`, or the executable named by AGORA_CLASP (tests use a fake).
//
// What this relies on, read in @google/clasp 3.4.1 (node_modules/@google/clasp: README.md and
// build/src/commands/*.js; `npx clasp <command> --help`):
// - `--json` is a global option (commands/program.js); with it the commands print
//   `JSON.stringify(value, null, 2)`: create-version `{ "versionNumber": N }`; create-deployment
//   and update-deployment `{ "deploymentId", "versionNumber", "description" }`; push the list of
//   pushed files. Without it they print `Created version N`, `Deployed ID @N`, `Redeployed ID @N`;
//   both forms are parsed here.
// - `push --force`: without it, when the manifest (appsscript.json) changed and stdout is not a TTY,
//   clasp declines to overwrite it, skips the whole push and still exits 0 (commands/push.js).
// - `create-version [description]` (alias `version`); `create-deployment -V <version> -d <text>`
//   creates a deployment at that version (without -V it would make a version of its own);
//   `update-deployment <deploymentId> -V <version> -d <text>` (clasp 2's `deploy -i`). An update
//   without -d clears the description, so it is always passed.
// - A failed API call exits 1 with the message on stderr (src/index.js); a usage error is printed
//   by commander but exits 0, so an answer without the expected JSON is a failure too.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../esbuild.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEPLOYMENTS = join(root, 'deployments.json');
const CLASP_JSON = join(root, '.clasp.json');
const SCRIPT_ID_PLACEHOLDER = 'REPLACE_WITH_YOUR_SCRIPT_ID';

/** The two deployments, in the order they are created and updated. */
const ROLES = [
  {
    key: 'webApp',
    label: 'web app',
    description: 'Agorà — applicazione web (registro, esegue come titolare)',
  },
  { key: 'addOn', label: 'add-on', description: 'Agorà — componente aggiuntivo Google Workspace' },
];

/** A failure explained to the person deploying (no stack trace). */
class DeployError extends Error {}

let deploymentsChanged = false;

function fail(message) {
  throw new DeployError(message);
}

/** Refuses to push anywhere but the owner's project, from anywhere but dist/. */
function checkClaspProject() {
  if (!existsSync(CLASP_JSON))
    fail('.clasp.json is missing: it names the Apps Script project to deploy (README, "Deploying").');
  let project;
  try {
    project = JSON.parse(readFileSync(CLASP_JSON, 'utf8'));
  } catch (e) {
    fail(`.clasp.json is not valid JSON: ${e.message}`);
  }
  const scriptId = typeof project.scriptId === 'string' ? project.scriptId.trim() : '';
  if (!scriptId || scriptId.includes(SCRIPT_ID_PLACEHOLDER))
    fail(
      `.clasp.json still has the placeholder script id ${SCRIPT_ID_PLACEHOLDER}: put there the script id ` +
        'of the standalone project the owner account created (README, "Deploying", step 2).',
    );
  const rootDir = resolve(root, project.rootDir ?? '.');
  if (rootDir !== join(root, 'dist'))
    fail(`.clasp.json has rootDir "${project.rootDir ?? ''}": it must be "dist", where the build writes.`);
  return scriptId;
}

function readDeployments() {
  let data;
  try {
    data = JSON.parse(readFileSync(DEPLOYMENTS, 'utf8'));
  } catch (e) {
    fail(`deployments.json cannot be read: ${e.message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    fail('deployments.json is not a JSON object.');
  for (const { key } of ROLES) {
    if (data[key] !== undefined && (typeof data[key] !== 'object' || data[key] === null))
      fail(`deployments.json: "${key}" must be an object with a "deploymentId".`);
  }
  return data;
}

const idOf = (data, key) =>
  typeof data[key]?.deploymentId === 'string' ? data[key].deploymentId.trim() : '';
const isPlaceholder = (id) => !id || /placeholder/i.test(id);

/** Writes deployments.json whole or not at all: a temporary file in the same folder, renamed over it. */
function writeDeployments(data) {
  const temporary = `${DEPLOYMENTS}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(temporary, DEPLOYMENTS);
  } finally {
    rmSync(temporary, { force: true });
  }
  deploymentsChanged = true;
}

/** Runs clasp in the project folder; returns its stdout; stops on a non-zero exit. */
function clasp(args) {
  const custom = process.env.AGORA_CLASP;
  const [file, prefix] = custom ? [custom, []] : ['npx', ['clasp']];
  const shown = `clasp ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`;
  console.log(`> ${shown}`);
  const run = spawnSync(file, [...prefix, ...args], {
    cwd: root,
    encoding: 'utf8',
    // stdin closed: clasp never waits for an answer; its stderr goes straight to the user.
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error) fail(`${shown}: cannot run ${file} (${run.error.message}).`);
  if (run.status !== 0)
    fail(
      `${shown} failed (${run.status === null ? `signal ${run.signal}` : `exit ${run.status}`}); clasp's message is above.`,
    );
  return run.stdout;
}

/** The object clasp printed with --json (its last `{ … }` block), or null. */
function jsonObject(stdout) {
  const text = stdout.trim();
  const candidates = [text];
  const lines = text.split(/\r?\n/);
  const start = lines.map((l) => l.trim()).lastIndexOf('{');
  if (start > 0) candidates.push(lines.slice(start).join('\n'));
  for (const candidate of candidates) {
    try {
      const value = JSON.parse(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // not JSON: try the next candidate, then the text form
    }
  }
  return null;
}

function parseVersion(stdout) {
  const json = jsonObject(stdout);
  const n = json ? Number(json.versionNumber) : Number(/Created version (\d+)/.exec(stdout)?.[1]);
  return Number.isInteger(n) && n > 0 ? n : null;
}

const DEPLOYMENT_ID = /^[A-Za-z0-9_-]{10,}$/;

function parseDeployment(stdout) {
  const json = jsonObject(stdout);
  if (json && typeof json.deploymentId === 'string') {
    const version = Number(json.versionNumber);
    return { deploymentId: json.deploymentId, versionNumber: Number.isInteger(version) ? version : null };
  }
  const text = /\b(?:Re)?[Dd]eployed (\S+) @(\d+|HEAD)\b/.exec(stdout);
  return text ? { deploymentId: text[1], versionNumber: text[2] === 'HEAD' ? null : Number(text[2]) } : null;
}

/** "Agorà, <when>, commit <sha>[ with local changes]": shown beside the version in the editor. */
function versionDescription() {
  let commit = '';
  try {
    const git = (...args) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    commit = `, commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' with local changes' : ''}`;
  } catch {
    commit = ''; // not a git checkout
  }
  return `Agorà, npm run deploy ${new Date().toISOString()}${commit}`;
}

/** Build, push, one new version. Checks that the bundle carries the web app id it will call. */
async function release(webAppId) {
  const { codePath } = await build();
  if (webAppId && !readFileSync(codePath, 'utf8').includes(JSON.stringify(webAppId)))
    fail(
      `${relative(root, codePath)} does not contain the web app id ${webAppId}: the build did not read deployments.json.`,
    );
  clasp(['--json', 'push', '--force']);
  const out = clasp(['--json', 'create-version', versionDescription()]);
  const version = parseVersion(out);
  if (version === null) fail(`clasp create-version printed no version number:\n${out.trim() || '(nothing)'}`);
  console.log(`version ${version} created`);
  return version;
}

function createDeployment(role, version) {
  const out = clasp(['--json', 'create-deployment', '-V', String(version), '-d', role.description]);
  const deployment = parseDeployment(out);
  if (!deployment || !DEPLOYMENT_ID.test(deployment.deploymentId))
    fail(
      `clasp create-deployment printed no deployment id for the ${role.label}:\n${out.trim() || '(nothing)'}`,
    );
  if (deployment.versionNumber !== null && deployment.versionNumber !== version)
    fail(
      `clasp created the ${role.label} deployment at version ${deployment.versionNumber}, not ${version}.`,
    );
  return deployment.deploymentId;
}

function updateDeployment(role, deploymentId, version) {
  const out = clasp([
    '--json',
    'update-deployment',
    deploymentId,
    '-V',
    String(version),
    '-d',
    role.description,
  ]);
  const deployment = parseDeployment(out);
  if (!deployment)
    fail(
      `clasp update-deployment printed no deployment for the ${role.label}:\n${out.trim() || '(nothing)'}`,
    );
  if (deployment.deploymentId !== deploymentId || deployment.versionNumber !== version)
    fail(
      `clasp reports the ${role.label} deployment ${deployment.deploymentId} at version ` +
        `${deployment.versionNumber ?? 'HEAD'}, not ${deploymentId} at ${version}.`,
    );
  console.log(`${role.label} ${deploymentId} now at version ${version}`);
}

async function main() {
  const scriptId = checkClaspProject();
  let deployments = readDeployments();
  const ids = ROLES.map(({ key }) => idOf(deployments, key)).filter((id) => !isPlaceholder(id));
  if (new Set(ids).size !== ids.length)
    fail(
      'deployments.json gives the web app and the add-on the same deployment id: they must be two deployments.',
    );
  console.log(`Deploying Agorà to the Apps Script project ${scriptId}`);

  let version = await release(isPlaceholder(idOf(deployments, 'webApp')) ? '' : idOf(deployments, 'webApp'));

  const missing = ROLES.filter(({ key }) => isPlaceholder(idOf(deployments, key)));
  for (const role of missing) {
    const id = createDeployment(role, version);
    deployments = { ...deployments, [role.key]: { ...(deployments[role.key] ?? {}), deploymentId: id } };
    writeDeployments(deployments);
    console.log(`${role.label} deployment created: ${id} (recorded in deployments.json)`);
  }
  if (missing.some(({ key }) => key === 'webApp')) {
    console.log('The web app id is compiled into the bundle: building, pushing and versioning again.');
    version = await release(idOf(deployments, 'webApp'));
  }
  for (const role of ROLES) updateDeployment(role, idOf(deployments, role.key), version);

  const webApp = idOf(deployments, 'webApp');
  console.log(
    [
      '',
      `Agorà version ${version} is live in both deployments:`,
      `  web app  ${webApp}  https://script.google.com/macros/s/${webApp}/exec`,
      `  add-on   ${idOf(deployments, 'addOn')}`,
    ].join('\n'),
  );
  if (deploymentsChanged) console.log(commitReminder());
}

function commitReminder() {
  return [
    '',
    '*** deployments.json CHANGED: it now records the new deployment ids. Commit it, or the next build',
    '*** will not call this web app:',
    '***   git add deployments.json && git commit -m "Record the Agorà deployments"',
  ].join('\n');
}

main().catch((e) => {
  console.error(`\nnpm run deploy stopped: ${e instanceof DeployError ? e.message : (e?.stack ?? e)}`);
  if (deploymentsChanged)
    console.error(
      `${commitReminder()}\n*** Run npm run deploy again to finish: the recorded deployments are reused.`,
    );
  process.exitCode = 1;
});
