// An employee's own preferences, kept in the register: whether their approved days appear as
// working location on their own calendar (the add-on then keeps it in sync, as them).
import { formatLocalDateTime } from '../domain/dates';
import type { Ports } from './ports';
import { fail, type Result } from './result';

export function setWorkingLocationOptIn(
  ports: Ports,
  caller: string,
  on: unknown,
): Result<{ optIn: boolean }> {
  if (typeof on !== 'boolean') return fail('INVALID_INPUT', 'Scegli sì o no.');
  return ports.lock.withLock(() => {
    const snapshot = ports.register.load();
    const me = snapshot.employees.find((e) => e.email === caller);
    if (!me) return fail('UNKNOWN_EMPLOYEE', `${caller} non è nell'elenco dei dipendenti.`);
    if (me.workingLocationOptIn !== on) {
      ports.register.commit({
        optIn: { email: caller, on },
        audit: [
          {
            at: formatLocalDateTime(ports.clock.now()),
            by: caller,
            action: 'preference',
            dayId: '',
            employee: caller,
            date: '',
            from: '',
            to: '',
            detail: on
              ? 'mostra le giornate nel proprio calendario'
              : 'non mostra le giornate nel proprio calendario',
          },
        ],
      });
    }
    return { ok: true, optIn: on };
  });
}
