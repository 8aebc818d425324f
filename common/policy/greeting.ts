// P-GREET: which phrase the operator answers with, decided before the operator speaks.
// Pure: the SIP layer extracts the candidate dialled numbers, this decides.
import type { DialledSource, Switchboard } from '../settings/schema';
import { normaliseNumber } from '../phone/normalise';
import { GREETING, type GreetingKind } from './phrases';

/** Dialled-number candidates of one call, by where they were read. Lists keep header order. */
export type DialledCandidates = Partial<Record<DialledSource, readonly string[]>>;

export interface GreetingRules {
  readonly switchboards: readonly Switchboard[];
  readonly internalCaller: RegExp;
}

export interface GreetingDecision {
  readonly kind: GreetingKind;
  /** The phrase, verbatim from the policy. */
  readonly text: string;
  /** The switchboard the call reached, when one matched. */
  readonly switchboardId?: string;
  /** The dialled number that decided it (as received), or the first candidate when none matched. */
  readonly dialledNumber?: string;
  /** Why: lets the UI and tests see the rule that fired. */
  readonly reason: 'internal-caller' | 'dialled-number' | 'no-match';
}

export class GreetingRulesError extends Error {
  constructor(readonly code: 'internal-pattern-invalid') {
    super(code);
    this.name = 'GreetingRulesError';
  }
}

/**
 * Builds the rules once per settings change, so a bad internalNumberPattern fails here, loudly,
 * and not silently on every call. Throws GreetingRulesError.
 */
export function compileGreetingRules(switchboards: readonly Switchboard[], internalNumberPattern: string): GreetingRules {
  let internalCaller: RegExp;
  try {
    internalCaller = new RegExp(internalNumberPattern);
  } catch {
    throw new GreetingRulesError('internal-pattern-invalid');
  }
  return { switchboards, internalCaller };
}

const MUNICIPALITY_KIND: Record<Switchboard['municipality'], GreetingKind> = {
  essunga: 'essunga',
  grastorp: 'grastorp',
  internal: 'internal',
};

/** The caller's number as the pattern sees it: SIP users and display forms carry spaces and dashes. */
function callerKey(callerNumber: string): string {
  return callerNumber.trim().replace(/[\s\-().]/g, '');
}

function firstCandidate(candidates: DialledCandidates, order: readonly DialledSource[]): string | undefined {
  for (const source of order) {
    const first = candidates[source]?.[0];
    if (first) return first;
  }
  return undefined;
}

const ALL_SOURCES: readonly DialledSource[] = ['to', 'request-uri', 'diversion', 'history-info'];

/**
 * Internal caller → "Växeln", whatever they dialled (P-GREET: internal calls are answered so).
 * Otherwise each switchboard looks through its own `dialledFrom` sources in order; the switchboard
 * matched from the most preferred source wins (earliest index in its list), ties go to the
 * switchboard listed first. No match → the neutral GREETING.unknown.
 */
export function decideGreeting(call: { callerNumber: string; dialled: DialledCandidates }, rules: GreetingRules): GreetingDecision {
  const dialledKeys = new Map<string, string>(); // candidate → key, each normalised once
  const keyOf = (n: string) => {
    let k = dialledKeys.get(n);
    if (k === undefined) dialledKeys.set(n, (k = normaliseNumber(n).key));
    return k;
  };

  let best: { board: Switchboard; rank: number; number: string } | undefined;
  for (const board of rules.switchboards) {
    const boardKeys = new Set(board.numbers.map((n) => normaliseNumber(n).key));
    board.dialledFrom.some((source, rank) => {
      const hit = (call.dialled[source] ?? []).find((n) => boardKeys.has(keyOf(n)));
      if (hit !== undefined && (!best || rank < best.rank)) best = { board, rank, number: hit };
      return hit !== undefined;
    });
  }

  const caller = callerKey(call.callerNumber);
  if (caller !== '' && rules.internalCaller.test(caller)) {
    const internalBoard = best?.board.municipality === 'internal' ? best.board : rules.switchboards.find((b) => b.municipality === 'internal');
    const dialledNumber = best?.number ?? firstCandidate(call.dialled, ALL_SOURCES);
    return {
      kind: 'internal',
      text: GREETING.internal,
      reason: 'internal-caller',
      ...(internalBoard ? { switchboardId: internalBoard.id } : {}),
      ...(dialledNumber !== undefined ? { dialledNumber } : {}),
    };
  }
  if (best) {
    const kind = MUNICIPALITY_KIND[best.board.municipality];
    return { kind, text: GREETING[kind], switchboardId: best.board.id, dialledNumber: best.number, reason: 'dialled-number' };
  }
  const dialledNumber = firstCandidate(call.dialled, ALL_SOURCES);
  return { kind: 'unknown', text: GREETING.unknown, reason: 'no-match', ...(dialledNumber !== undefined ? { dialledNumber } : {}) };
}
