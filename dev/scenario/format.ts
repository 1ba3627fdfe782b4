// The scenario format (a stable contract, documented here and in the README): parsing and validation of the file, and
// the shape of its result. Shared by the pure runner and the runner through the bundle.
import { parseLocalDateTime, type LocalDateTime } from '../../src/domain/dates';
import {
  normaliseEmail,
  validateAgreement,
  validateDelegation,
  validateEmployee,
  validateSite,
  type Agreement,
  type Delegation,
  type Employee,
  type Site,
} from '../../src/domain/model';
import { validatePolicy, type Policy } from '../../src/domain/policy';
import type { DayRecord } from '../../src/app/ports';

export type ScenarioStep =
  | { at: LocalDateTime | null; kind: 'submit'; body: Record<string, unknown> }
  | { at: LocalDateTime | null; kind: 'decide'; body: Record<string, unknown> }
  | { at: LocalDateTime | null; kind: 'cancel'; body: Record<string, unknown> }
  | { at: LocalDateTime | null; kind: 'unknown'; body: Record<string, unknown> };

export interface Scenario {
  policy: Policy;
  admins: string[];
  sites: Site[];
  employees: Employee[];
  agreements: Agreement[];
  delegations: Delegation[];
  steps: ScenarioStep[];
}

/** The file is not a scenario: the runner exits non-zero with this one-line message. */
export class ScenarioFormatError extends Error {}

export function parseScenario(text: string, file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ScenarioFormatError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ScenarioFormatError(`${file}: a scenario must be a JSON object`);
  const r = raw as Record<string, unknown>;
  const where = (path: string, message: string) => new ScenarioFormatError(`${file}: ${path}: ${message}`);
  const list = (key: string, required: boolean): unknown[] => {
    const v = r[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v)) throw where(key, 'must be an array');
    return v;
  };
  const records = <T>(
    key: string,
    validate: (
      x: Record<string, unknown>,
    ) => { ok: true; value: T } | { ok: false; errors: { field: string; message: string }[] },
  ): T[] =>
    list(key, false).map((item, i) => {
      if (!item || typeof item !== 'object') throw where(`${key}[${i}]`, 'must be an object');
      const v = validate(item as Record<string, unknown>);
      if (!v.ok) throw where(`${key}[${i}].${v.errors[0].field}`, v.errors[0].message);
      return v.value;
    });

  const { policy, errors } = validatePolicy(r.policy);
  if (errors.length) throw where(`policy.${errors[0].field}`, errors[0].message);
  const admins = list('admins', false).map((a, i) => {
    const e = normaliseEmail(a);
    if (!e) throw where(`admins[${i}]`, `not an email: ${JSON.stringify(a)}`);
    return e;
  });
  const steps = list('steps', true).map((s, i): ScenarioStep => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) throw where(`steps[${i}]`, 'must be an object');
    const step = s as Record<string, unknown>;
    const at = parseLocalDateTime(step.at);
    for (const kind of ['submit', 'decide', 'cancel'] as const) {
      const body = step[kind];
      if (body !== undefined) {
        return {
          at,
          kind,
          body:
            body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {},
        };
      }
    }
    return { at, kind: 'unknown', body: {} };
  });
  return {
    policy,
    admins,
    sites: records('sites', validateSite),
    employees: records('employees', validateEmployee),
    agreements: records('agreements', validateAgreement),
    delegations: records('delegations', validateDelegation),
    steps,
  };
}

export interface ScenarioDay {
  employee: string;
  date: string;
  location: string;
  status: string;
  violations: { rule: string; severity: string }[];
}
export interface ScenarioResult {
  days: ScenarioDay[];
  errors: { step: number; code: string }[];
  [extra: string]: unknown;
}

export function scenarioDay(d: DayRecord): ScenarioDay {
  return {
    employee: d.employee,
    date: d.date,
    location: d.location,
    status: d.status,
    violations: d.violations.map((v) => ({ rule: v.rule, severity: v.severity })),
  };
}

/** A step missing what its kind requires is INVALID_INPUT, whichever runner runs it. */
export function stepShapeProblem(step: ScenarioStep): string | null {
  if (!step.at) return 'step without a valid `at` (YYYY-MM-DDTHH:mm)';
  const required: Record<ScenarioStep['kind'], string[]> = {
    submit: ['employee'],
    decide: ['by', 'employee', 'date', 'decision'],
    cancel: ['by', 'employee', 'date'],
    unknown: [],
  };
  if (step.kind === 'unknown') return 'step without submit, decide or cancel';
  const missing = required[step.kind].filter((k) => typeof step.body[k] !== 'string' || step.body[k] === '');
  return missing.length ? `missing ${missing.join(', ')}` : null;
}
