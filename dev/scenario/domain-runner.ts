// The pure path of the scenario runner: src/app use cases on in-memory ports, no bundle.
import { cancelDay, decideDay } from '../../src/app/decisions';
import { submitRequest } from '../../src/app/requests';
import { fail, type Failure } from '../../src/app/result';
import { memoryPorts, ManualClock } from '../memory-ports';
import { scenarioDay, stepShapeProblem, type Scenario, type ScenarioResult } from './format';

export function runScenarioOnDomain(scenario: Scenario): ScenarioResult {
  const clock = new ManualClock({ date: '1970-01-01' as never, minutes: 0 });
  const ports = memoryPorts(
    {
      policy: scenario.policy,
      admins: scenario.admins,
      employees: scenario.employees,
      agreements: scenario.agreements,
      sites: scenario.sites,
      holidays: [],
      delegations: scenario.delegations,
      days: [],
      problems: [],
    },
    clock,
  );
  const errors: ScenarioResult['errors'] = [];
  scenario.steps.forEach((step, index) => {
    let outcome: { ok: true } | Failure;
    const problem = stepShapeProblem(step);
    if (problem || !step.at || step.kind === 'unknown') {
      outcome = fail('INVALID_INPUT', problem ?? 'invalid step');
    } else {
      clock.current = step.at;
      const b = step.body;
      if (step.kind === 'submit') {
        outcome = submitRequest(ports, {
          requestId: `step-${index}`,
          employee: String(b.employee ?? ''),
          dates: b.dates,
          location: b.location,
          note: b.note,
        });
      } else if (step.kind === 'decide') {
        outcome = decideDay(ports, String(b.by ?? ''), {
          employee: b.employee,
          date: b.date,
          decision: b.decision,
          reason: b.reason,
        });
      } else {
        outcome = cancelDay(ports, String(b.by ?? ''), {
          employee: b.employee,
          date: b.date,
          reason: b.reason,
        });
      }
    }
    if (!outcome.ok) errors.push({ step: index, code: outcome.code });
  });
  return { days: ports.register.days.map(scenarioDay), errors };
}
