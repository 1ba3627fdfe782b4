// Every scenario of test/scenarios/ through the pure runner, in process, compared with its
// `.expected.json` exactly as /work/shared/tools/check-scenarios.mjs compares them; and the
// command line `node scripts/scenario.mjs FILE` on good, unreadable and malformed files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScenarioOnDomain } from '../dev/scenario/domain-runner';
import { parseScenario, type ScenarioDay, type ScenarioResult } from '../dev/scenario/format';

const ROOT = resolve(__dirname, '..');
const FOLDER = join(ROOT, 'test', 'scenarios');

interface Expected {
  days: ScenarioDay[];
  errors: { step: number; code: string }[];
}

/** The comparison key of check-scenarios.mjs: for refused days their block rules, for the others their warnings. */
function key(d: ScenarioDay): string {
  const severity = d.status === 'refused' ? 'block' : 'warn';
  const rules = (d.violations ?? [])
    .filter((v) => v.severity === severity)
    .map((v) => v.rule)
    .sort();
  return JSON.stringify([d.employee, d.date, d.location, d.status, rules]);
}

const files = readdirSync(FOLDER)
  .filter((n) => n.endsWith('.json') && !n.endsWith('.expected.json'))
  .sort();

describe('scenarios through the pure runner', () => {
  it('finds the scenarios, each with its expected result', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) expect(readdirSync(FOLDER)).toContain(f.replace(/\.json$/, '.expected.json'));
  });

  it.each(files)('%s', (f) => {
    const file = join(FOLDER, f);
    const expected = JSON.parse(readFileSync(file.replace(/\.json$/, '.expected.json'), 'utf8')) as Expected;
    const got: ScenarioResult = runScenarioOnDomain(parseScenario(readFileSync(file, 'utf8'), file));
    // Day by day, so that a difference names the day.
    expect(got.days.map(key)).toEqual(expected.days.map(key));
    expect(got.errors.map((e) => [e.step, e.code])).toEqual(expected.errors.map((e) => [e.step, e.code]));
  });

  it('gives every day of the result the contract shape', () => {
    for (const f of files) {
      const file = join(FOLDER, f);
      const got = runScenarioOnDomain(parseScenario(readFileSync(file, 'utf8'), file));
      for (const d of got.days) {
        expect(Object.keys(d).sort()).toEqual(['date', 'employee', 'location', 'status', 'violations']);
        expect(['refused', 'pending', 'approved', 'rejected', 'cancelled']).toContain(d.status);
        for (const v of d.violations) expect(['block', 'warn']).toContain(v.severity);
        // A refused day has a block rule; any other never does.
        expect(d.violations.some((v) => v.severity === 'block')).toBe(d.status === 'refused');
      }
    }
  });
});

// ---- The command line ------------------------------------------------------------------------

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(file: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts', 'scenario.mjs'), file],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Exit non-zero with exactly one line on stderr, naming the file and `where`, and nothing on stdout. */
function expectOneLineFailure(run: Run, file: string, where: string[]) {
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.slice(0, -1)).not.toMatch(/[\r\n]/);
  expect(run.stderr).toContain(file);
  for (const w of where) expect(run.stderr).toContain(w);
}

const GOOD = {
  employees: [
    {
      email: 'anna.rossi@terredargine.example',
      name: 'Anna Rossi',
      organisation: "Unione Terre d'Argine",
      sector: 'Servizi al personale',
      seat: 'Carpi',
      manager: 'mario.ferrari@terredargine.example',
    },
    {
      // A colleague, so that Anna alone is half of her team (no TEAM_COVERAGE warning).
      email: 'luca.bianchi@terredargine.example',
      name: 'Luca Bianchi',
      organisation: "Unione Terre d'Argine",
      sector: 'Servizi al personale',
      seat: 'Carpi',
      manager: 'mario.ferrari@terredargine.example',
    },
  ],
  agreements: [
    {
      employee: 'anna.rossi@terredargine.example',
      from: '2026-01-01',
      signedByEmployee: '2025-12-15',
      signedByManager: '2025-12-15',
      contactWindows: [{ from: '09:00', to: '13:00' }],
      safetyNoticeDate: '2025-12-15',
    },
  ],
  steps: [
    {
      at: '2026-11-02T09:00',
      submit: { employee: 'anna.rossi@terredargine.example', dates: ['2026-11-09'], location: 'home' },
    },
    {
      at: '2026-11-02T10:00',
      decide: {
        by: 'anna.rossi@terredargine.example',
        employee: 'anna.rossi@terredargine.example',
        date: '2026-11-09',
        decision: 'approve',
      },
    },
  ],
};

describe('the command line: node scripts/scenario.mjs FILE', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agora-scenario-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('a good file: exit 0, the result JSON on stdout, failed steps in errors', async () => {
    const file = write('good.json', JSON.stringify(GOOD));
    const run = await cli(file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The product path adds `calendar` and `notifications`; days and errors keep the contract's shape.
    expect(JSON.parse(run.stdout)).toMatchObject({
      days: [
        {
          employee: 'anna.rossi@terredargine.example',
          date: '2026-11-09',
          location: 'home',
          status: 'pending',
          violations: [],
        },
      ],
      errors: [{ step: 1, code: 'NOT_AUTHORIZED' }],
    });
  }, 60_000);

  it('a file that does not exist', async () => {
    const file = join(dir, 'missing.json');
    expectOneLineFailure(await cli(file), file, []);
  }, 60_000);

  it('a path that is a folder', async () => {
    expectOneLineFailure(await cli(dir), dir, []);
  }, 60_000);

  it('a file that is not JSON (one line)', async () => {
    const file = write('not-json.json', 'this is not a scenario');
    expectOneLineFailure(await cli(file), file, ['JSON']);
  }, 60_000);

  it('a pretty-printed file broken in the middle: still one line', async () => {
    const text = JSON.stringify(GOOD, null, 2).replace('"steps": [', '"steps": [\n    oops,');
    const file = write('broken-middle.json', text);
    expectOneLineFailure(await cli(file), file, ['JSON']);
  }, 60_000);

  it('an empty file', async () => {
    const file = write('empty.json', '');
    expectOneLineFailure(await cli(file), file, ['JSON']);
  }, 60_000);

  it('JSON that is not an object', async () => {
    const file = write('array.json', '[1, 2, 3]');
    expectOneLineFailure(await cli(file), file, []);
  }, 60_000);

  it('steps missing', async () => {
    const { steps: _steps, ...rest } = GOOD;
    const file = write('no-steps.json', JSON.stringify(rest));
    expectOneLineFailure(await cli(file), file, ['steps']);
  }, 60_000);

  it('an employee with a bad email', async () => {
    const bad = { ...GOOD, employees: [{ ...GOOD.employees[0], email: 'anna.rossi.terredargine.example' }] };
    const file = write('bad-email.json', JSON.stringify(bad));
    expectOneLineFailure(await cli(file), file, ['employees[0]', 'email', 'anna.rossi.terredargine.example']);
  }, 60_000);

  it('an employee whose bad email holds a line break: still one line', async () => {
    const bad = { ...GOOD, employees: [{ ...GOOD.employees[0], email: 'anna\nrossi@terredargine.example' }] };
    const file = write('bad-email-newline.json', JSON.stringify(bad));
    expectOneLineFailure(await cli(file), file, ['employees[0]', 'email']);
  }, 60_000);

  it('a policy with a bad value', async () => {
    const file = write('bad-policy.json', JSON.stringify({ ...GOOD, policy: { maxTeamShare: 1.5 } }));
    expectOneLineFailure(await cli(file), file, ['policy', 'maxTeamShare']);
  }, 60_000);
});
