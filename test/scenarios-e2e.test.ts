// Every scenario of test/scenarios through the product (dist/Code.js on the in-memory
// Workspace): it gives its expected result, and exactly the same days and errors as the pure
// path (use cases on in-memory ports).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenarioThroughBundle } from '../dev/scenario/bundle-runner';
import { runScenarioOnDomain } from '../dev/scenario/domain-runner';
import { parseScenario, type ScenarioResult } from '../dev/scenario/format';
import { bundlePath } from './helpers/bundle';

const folder = join(__dirname, 'scenarios');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .sort();

/** What check-scenarios.mjs compares: for refused days their blocks, for the others their warnings. */
function comparable(result: Pick<ScenarioResult, 'days' | 'errors'>) {
  return {
    days: result.days.map((d) => {
      const severity = d.status === 'refused' ? 'block' : 'warn';
      const rules = d.violations
        .filter((v) => v.severity === severity)
        .map((v) => v.rule)
        .sort();
      return [d.employee, d.date, d.location, d.status, rules];
    }),
    errors: result.errors.map((e) => [e.step, e.code]),
  };
}

test.each(files)('%s: through the bundle as expected, and identical to the pure path', (file) => {
  const text = readFileSync(join(folder, file), 'utf8');
  const expected = JSON.parse(readFileSync(join(folder, file.replace(/\.json$/, '.expected.json')), 'utf8'));
  const e2e = runScenarioThroughBundle(parseScenario(text, file), bundlePath());
  const pure = runScenarioOnDomain(parseScenario(text, file));
  expect(comparable(e2e)).toEqual(comparable(expected));
  expect({ days: e2e.days, errors: e2e.errors }).toEqual({ days: pure.days, errors: pure.errors });
});

test('the product path reports calendar entries and notifications', () => {
  const file = '01-request-decide-cancel.json';
  const result = runScenarioThroughBundle(
    parseScenario(readFileSync(join(folder, file), 'utf8'), file),
    bundlePath(),
  );
  // Luca's approved day is the only approved one left; Anna's was cancelled, her other rejected.
  expect(result.calendar).toEqual([
    { employee: 'luca.bianchi@terredargine.example', date: '2026-11-03', location: 'home' },
  ]);
  const kinds = (result.notifications as { to: string; kind: string }[]).map((n) => `${n.kind}:${n.to}`);
  expect(kinds).toEqual(
    expect.arrayContaining([
      'receipt:anna.rossi@terredargine.example',
      'digest:mario.ferrari@terredargine.example',
      'decision:anna.rossi@terredargine.example',
      'cancellation:mario.ferrari@terredargine.example',
      'receipt:luca.bianchi@terredargine.example',
    ]),
  );
});
