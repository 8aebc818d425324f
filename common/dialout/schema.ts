// Settings of the guided dial-out "Koppla ut" (P-DIALOUT): how the PBX's trunk is reached and which
// number ranges warn or are refused. Pure zod, read by common/settings/schema.ts as `dialout`.
import { z } from 'zod';

/** A range by its start, as an operator writes it: "0900" (Swedish, national), "+870", "00881". */
export const BarredPrefix = z.string().regex(/^(\+|00|0)?[0-9]{1,15}$/, 'a number prefix such as 0900, +870 or 00881');

export const BarredCategory = z.enum(['premium-rate', 'satellite', 'other']);
export type BarredCategory = z.infer<typeof BarredCategory>;

export const BarredRange = z
  .object({
    prefix: BarredPrefix,
    /** warn: shown as an alert, the call may still be placed; block: it cannot be placed. */
    action: z.enum(['warn', 'block']),
    category: BarredCategory.default('other'),
  })
  .strict();
export type BarredRange = z.infer<typeof BarredRange>;

/**
 * Premium-rate numbers cost the municipality per minute and are refused; satellite networks are
 * legitimate (ships, expeditions) but very expensive, so the operator is warned and may go on.
 */
export const DEFAULT_BARRED_RANGES: readonly BarredRange[] = [
  { prefix: '0900', action: 'block', category: 'premium-rate' },
  { prefix: '0939', action: 'block', category: 'premium-rate' },
  { prefix: '0944', action: 'block', category: 'premium-rate' },
  { prefix: '+870', action: 'warn', category: 'satellite' },
  { prefix: '+881', action: 'warn', category: 'satellite' },
  { prefix: '+882', action: 'warn', category: 'satellite' },
];

export const DialoutSettings = z
  .object({
    /** Digits the PBX wants before an outside number ("0" on many PBXs); "" for none. */
    outsidePrefix: z
      .string()
      .regex(/^[0-9*#]{0,4}$/, 'up to four digits, * or #')
      .default(''),
    /**
     * How the number follows the prefix: 'e164' "+442079460958"; 'from-sweden' as dialled in
     * Sweden: "0701234567" for Swedish numbers, "00442079460958" for the rest.
     */
    numberFormat: z.enum(['e164', 'from-sweden']).default('e164'),
    /** The ranges that warn or block; absent: DEFAULT_BARRED_RANGES. An empty list bars nothing. */
    barred: z.array(BarredRange).max(200).optional(),
  })
  .strict();
export type DialoutSettings = z.infer<typeof DialoutSettings>;
export type DialoutSettingsInput = z.input<typeof DialoutSettings>;

export interface DialoutInForce {
  readonly outsidePrefix: string;
  readonly numberFormat: DialoutSettings['numberFormat'];
  readonly barred: readonly BarredRange[];
}

/** The settings in force, defaults filled in. */
export function dialoutSettings(input: DialoutSettingsInput | undefined): DialoutInForce {
  const parsed = DialoutSettings.parse(input ?? {});
  return { outsidePrefix: parsed.outsidePrefix, numberFormat: parsed.numberFormat, barred: parsed.barred ?? DEFAULT_BARRED_RANGES };
}
