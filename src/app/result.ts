// Outcomes of use cases: success, or a failure with a stable code (the scenario contract's
// error codes) and a message in Italian for the user.
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_EMPLOYEE',
  'NOT_AUTHORIZED',
  'NOT_FOUND',
  'INVALID_STATE',
  'RULE_VIOLATION',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** For INVALID_STATE on a day: the state it is in (a double click finds it already decided). */
  current?: string;
}
export type Result<T> = ({ ok: true } & T) | Failure;

export function fail(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}
