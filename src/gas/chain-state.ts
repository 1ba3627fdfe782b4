// Where the change log's chain head is kept out of HR's reach: the script properties, which only
// the owner's code reads and writes (HR cannot open the project). One property, written whole
// (a property write is atomic), with a journal entry around each write of the register:
//
//   before the batch:  { head: H0, pending: { head: H1 } }
//   after the batch:   { head: H1 }
//
// A failure between the two leaves `pending`: the next writer (or the register check) looks at
// the last line of the change log; if it ends on H1 the batch landed and H1 becomes the head, if
// it ends on H0 it did not and the entry is dropped. Anything else is a change made by hand, which
// the check lists; the chain goes on from the head the owner's code knows.
import { formatLocalDateTime } from '../domain/dates';
import { toRomeLocal } from '../domain/rome-time';
import { GENESIS, type Digest } from './chain';

export const CHAIN_PROPERTY = 'agora.chain';

export interface ChainState {
  /** The fingerprint of the last line the owner's code wrote (GENESIS before the first). */
  head: string;
  /** Lines written since the register began (archived ones included). */
  lines: number;
  /** The fingerprint the live change log starts from: the last archived line's, or GENESIS. */
  start: string;
  /** When the head last changed (Europe/Rome local time). */
  at: string;
  /**
   * A write under way: its head and how many lines it adds; for an archive step, also the
   * chain's new start and the fingerprint its first live line will have.
   */
  pending?: { head: string; lines: number; start?: string; first?: string };
}

/** SHA-256 through Utilities.computeDigest, as lowercase hex (Apps Script bytes are signed). */
export const sha256Hex: Digest = (text) =>
  Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)
    .map((b) => ((b + 256) % 256).toString(16).padStart(2, '0'))
    .join('');

export function readChainState(): ChainState {
  const raw = PropertiesService.getScriptProperties().getProperty(CHAIN_PROPERTY);
  if (!raw) return { head: GENESIS, lines: 0, start: GENESIS, at: '' };
  const parsed = JSON.parse(raw) as Partial<ChainState>;
  return {
    head: String(parsed.head ?? GENESIS),
    lines: Number(parsed.lines ?? 0),
    start: String(parsed.start ?? GENESIS),
    at: String(parsed.at ?? ''),
    ...(parsed.pending ? { pending: parsed.pending } : {}),
  };
}

export function writeChainState(state: ChainState): void {
  PropertiesService.getScriptProperties().setProperty(CHAIN_PROPERTY, JSON.stringify(state));
}

/** The fingerprints the change log starts and ends with now. */
export interface LogEnds {
  first(): string;
  last(): string;
}

/**
 * Settles a write left pending against the change log as it is now. Returns the state to go on
 * from (saved when it changed).
 */
export function settlePending(state: ChainState, log: LogEnds): ChainState {
  if (!state.pending) return state;
  const { pending, ...rest } = state;
  const landed =
    log.last() === pending.head && (pending.first === undefined || log.first() === pending.first);
  const settled: ChainState = landed
    ? {
        ...rest,
        head: pending.head,
        lines: rest.lines + pending.lines,
        start: pending.start ?? rest.start,
        at: nowLocal(),
      }
    : rest;
  writeChainState(settled);
  return settled;
}

export function nowLocal(): string {
  return formatLocalDateTime(toRomeLocal(Date.now()));
}
