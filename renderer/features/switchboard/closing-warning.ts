// Five minutes before a municipality's switchboard closes, with callers waiting in its queue, the
// operator is warned once per closing (P-AFTERHOURS). Pure: the clock and the queue come in, so
// the node tier checks the decision at any instant.
import type { MunicipalitySwitchboardStatus } from '../../../common/switchboard/ipc';
import type { HoursMunicipality } from '../../../common/switchboard/schema';

export const WARN_BEFORE_CLOSE_MS = 5 * 60_000;

export interface ClosingWarning {
  readonly municipality: HoursMunicipality;
  /** When it closes (ms). */
  readonly closesAt: number;
  /** Callers waiting in that municipality's queue. */
  readonly waiting: number;
  /** Identifies the closing: a warning is shown once per key. */
  readonly key: string;
}

/**
 * The closings to warn about now: open, closing within five minutes (not yet closed), callers of
 * that municipality waiting, and not warned before (`warned` holds the keys already shown).
 */
export function closingWarnings(
  statuses: readonly MunicipalitySwitchboardStatus[],
  waitingBy: Readonly<Partial<Record<HoursMunicipality, number>>>,
  now: number,
  warned: ReadonlySet<string>,
): ClosingWarning[] {
  const out: ClosingWarning[] = [];
  for (const s of statuses) {
    if (!s.open || s.nextChange === null) continue;
    const left = s.nextChange - now;
    if (left <= 0 || left > WARN_BEFORE_CLOSE_MS) continue;
    const waiting = waitingBy[s.municipality] ?? 0;
    const key = `${s.municipality}@${s.nextChange}`;
    if (waiting > 0 && !warned.has(key)) out.push({ municipality: s.municipality, closesAt: s.nextChange, waiting, key });
  }
  return out;
}

/** Waiting callers per municipality, from the queue's greeting kinds. */
export function waitingByMunicipality(queue: readonly { greetingKind: string }[]): Partial<Record<HoursMunicipality, number>> {
  const out: Partial<Record<HoursMunicipality, number>> = {};
  for (const c of queue) if (c.greetingKind === 'essunga' || c.greetingKind === 'grastorp') out[c.greetingKind] = (out[c.greetingKind] ?? 0) + 1;
  return out;
}

/**
 * Which municipality "Stäng/Öppna växeln" starts with: the switchboard of the call being talked to,
 * else the one last switched at this console, else Essunga.
 */
export function preselectedMunicipality(activeCallKind: string | null | undefined, lastUsed: HoursMunicipality | null): HoursMunicipality {
  if (activeCallKind === 'essunga' || activeCallKind === 'grastorp') return activeCallKind;
  return lastUsed ?? 'essunga';
}
