// What the console pushes to the PBX so the PBX can decide per call, with no console running,
// whether a switchboard number gets the operators or the closed message (P-AFTERHOURS): the
// schedule's closed intervals for the coming weeks and the operator's night-service flag.
// Beyond validUntil the PBX knows nothing and forks to the operators as if open (a stale schedule
// must never silence the switchboard for good); the console re-pushes long before that.
import { z } from 'zod';
import { normaliseNumber } from '../phone';
import { closedIntervals, type Interval } from './schedule';
import { HoursMunicipality, type SwitchboardHours } from './schema';

export const DEFAULT_HORIZON_DAYS = 42;

export const NightService = z
  .object({
    closed: z.boolean(),
    /** The operator's account; who, not what about a call. */
    by: z.string().min(1).max(128),
    at: z.number().int(),
  })
  .strict();
export type NightService = z.infer<typeof NightService>;

/** ms since the epoch, [from, to). */
export const ClosedInterval = z.object({ from: z.number().int(), to: z.number().int() }).strict();

export const PbxMunicipalityState = z
  .object({
    municipality: HoursMunicipality,
    /** The switchboard numbers as the PBX sees them in the Request-URI (E.164). */
    numbers: z
      .array(z.string().regex(/^\+?[0-9]{1,20}$/, 'an E.164 number'))
      .min(1)
      .max(8),
    nightService: NightService.nullable(),
    closed: z.array(ClosedInterval).max(1000),
  })
  .strict();
export type PbxMunicipalityState = z.infer<typeof PbxMunicipalityState>;

export const PbxSwitchboardState = z
  .object({
    generatedAt: z.number().int(),
    validUntil: z.number().int(),
    municipalities: z.array(PbxMunicipalityState).max(2),
  })
  .strict();
export type PbxSwitchboardState = z.infer<typeof PbxSwitchboardState>;

export interface BuildPbxStateInput {
  hours: SwitchboardHours;
  now: number;
  /** Switchboard numbers per municipality, any format (normalised to E.164 here). */
  numbers: Partial<Record<HoursMunicipality, readonly string[]>>;
  nightService: Partial<Record<HoursMunicipality, NightService | null>>;
  horizonDays?: number;
}

/** The state for every municipality that has a switchboard number. */
export function buildPbxState(input: BuildPbxStateInput): PbxSwitchboardState {
  // whole seconds: the PBX compares Unix seconds, and a read-back then equals what was pushed
  const now = Math.floor(input.now / 1000) * 1000;
  const validUntil = now + (input.horizonDays ?? DEFAULT_HORIZON_DAYS) * 86_400_000;
  const municipalities: PbxMunicipalityState[] = [];
  for (const municipality of HoursMunicipality.options) {
    const numbers = [...new Set((input.numbers[municipality] ?? []).map((n) => normaliseNumber(n).e164).filter((n): n is string => !!n))];
    if (numbers.length === 0) continue;
    municipalities.push({
      municipality,
      numbers,
      nightService: input.nightService[municipality] ?? null,
      closed: closedIntervals(input.hours[municipality], now, validUntil),
    });
  }
  return { generatedAt: now, validUntil, municipalities };
}

/** Closed at `at` by this state: the PBX's own rule, for display-only PBXs and for checks. */
export function closedByState(state: PbxSwitchboardState, municipality: HoursMunicipality, at: number): { closed: boolean; reason: 'night-service' | 'schedule' | null } {
  const m = state.municipalities.find((x) => x.municipality === municipality);
  if (!m) return { closed: false, reason: null };
  if (m.nightService?.closed) return { closed: true, reason: 'night-service' };
  if (at >= state.validUntil) return { closed: false, reason: null };
  const hit = m.closed.some((i: Interval) => at >= i.from && at < i.to);
  return hit ? { closed: true, reason: 'schedule' } : { closed: false, reason: null };
}
