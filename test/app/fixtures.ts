// The small Unione the use-case tests run on, in memory (shared by test/app/*.test.ts).
import { ManualClock, memoryPorts } from '../../dev/memory-ports';
import type { RegisterSnapshot } from '../../src/app/ports';
import { submitRequest } from '../../src/app/requests';
import { parseIsoDate, parseLocalDateTime, type IsoDate, type LocalDateTime } from '../../src/domain/dates';
import type { Agreement, Employee } from '../../src/domain/model';
import { DEFAULT_POLICY } from '../../src/domain/policy';

// ---- A small Unione, in memory ---------------------------------------------------------------
// Mario manages Anna and Luca (Servizi al personale); Giulia manages Paolo (Tributi); HR is an
// admin. November 2026: Sunday 1; Mondays 2, 9, 16, 23, 30; 21 working days Mon–Fri. The clock
// starts on Monday 2 November 2026 at 09:00.
export const HR = 'hr@terredargine.example';
export const MARIO = 'mario.ferrari@terredargine.example';
export const GIULIA = 'giulia.neri@terredargine.example';
export const ANNA = 'anna.rossi@terredargine.example';
export const LUCA = 'luca.bianchi@terredargine.example';
export const PAOLO = 'paolo.verdi@terredargine.example';
export const SITE = 'soliera-municipio';

export const d = (text: string): IsoDate => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`test setup: ${text} is not a date`);
  return date;
};
export const at = (text: string): LocalDateTime => {
  const l = parseLocalDateTime(text);
  if (!l) throw new Error(`test setup: ${text} is not a local date-time`);
  return l;
};

export function employee(email: string, manager: string, over: Partial<Employee> = {}): Employee {
  return {
    email,
    name: email
      .split('@')[0]
      .split('.')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(' '),
    organisation: "Unione Terre d'Argine",
    sector: 'Servizi al personale',
    seat: 'Carpi',
    manager,
    eligibility: 'eligible',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    commuteKm: 12,
    priority: '',
    workingLocationOptIn: false,
    ...over,
  };
}

export function agreement(email: string): Agreement {
  return {
    employee: email,
    from: d('2026-01-01'),
    to: d('2026-12-31'),
    signedByEmployee: d('2025-12-15'),
    signedByManager: d('2025-12-16'),
    contactWindows: [{ from: '09:00', to: '13:00' }],
    equipment: 'employer',
    safetyNoticeDate: d('2025-12-15'),
  };
}

export function world(over: Partial<RegisterSnapshot> = {}, now = '2026-11-02T09:00') {
  const employees = over.employees ?? [
    employee(ANNA, MARIO),
    employee(LUCA, MARIO),
    employee(PAOLO, GIULIA, { organisation: 'Comune di Carpi', sector: 'Tributi' }),
  ];
  const snapshot: RegisterSnapshot = {
    policy: { ...DEFAULT_POLICY, disconnection: { ...DEFAULT_POLICY.disconnection } },
    admins: [HR],
    employees,
    agreements: employees.map((e) => agreement(e.email)),
    sites: [{ id: SITE, name: 'Municipio di Soliera', comune: 'Soliera', capacity: 2 }],
    holidays: [],
    delegations: [],
    days: [],
    problems: [],
    ...over,
  };
  const clock = new ManualClock(at(now));
  const ports = memoryPorts(snapshot, clock);
  return { snapshot, clock, ports, register: ports.register, notifier: { sent: ports.register.outbox } };
}

export type World = ReturnType<typeof world>;

let seq = 0;
/** A fresh request id. */
export const nextRequestId = () => `resp-${++seq}`;

/** Submits a request now and returns the statuses of its days. */
export function request(w: World, employee: string, dates: string[], location = 'home', note = ''): string[] {
  const result = submitRequest(w.ports, { requestId: nextRequestId(), employee, dates, location, note });
  if (!result.ok) throw new Error(`test setup: ${result.code} ${result.message}`);
  return result.days.map((x) => x.status);
}
