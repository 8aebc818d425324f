// What the "Koppla ut" dialog says about the typed number (P-DIALOUT), as catalogue keys with their
// values: pure (no DOM, no React), so the node tier checks every line the operator reads.
import { callable, countryName, dialString, parseDialOut, type DialOutNumber } from '../../../common/dialout';
import type { DialoutInForce } from '../../../common/dialout/schema';
import type { DialOutPlan } from '../call/actions';

export interface DialOutLine {
  readonly key: string;
  readonly values?: Readonly<Record<string, string>>;
}

export interface DialOutView {
  readonly number: DialOutNumber;
  /** The normalised number, its country and its line type; empty until it is a number. */
  readonly facts: readonly DialOutLine[];
  /** A warning or block (shown as role=alert), or why the text is not a number. */
  readonly problem: (DialOutLine & { readonly alert: boolean }) | null;
  /** What Enter places, or null when nothing may be called. */
  readonly plan: DialOutPlan | null;
}

export function dialOutView(text: string, settings: DialoutInForce, locale: string): DialOutView {
  const number = parseDialOut(text, settings.barred);
  if (number.kind === 'empty') return { number, facts: [], problem: null, plan: null };
  if (number.kind === 'invalid') return { number, facts: [], problem: { key: `dialout.invalid.${number.reason}`, alert: false }, plan: null };
  const country = countryName(number.region, locale);
  const facts: DialOutLine[] = [
    { key: 'dialout.normalised', values: { number: number.display } },
    country ? { key: 'dialout.country', values: { country } } : { key: 'dialout.nonGeographic', values: { code: number.callingCode } },
    { key: 'dialout.lineType', values: { type: `dialout.lineTypes.${number.lineType}` } },
  ];
  const barred = number.barred;
  const problem = barred
    ? { key: barred.action === 'block' ? 'dialout.blocked' : 'dialout.warned', values: { category: `dialout.categories.${barred.category}`, prefix: barred.prefix }, alert: true }
    : number.inPlan
      ? null
      : { key: 'dialout.notInPlan', alert: false };
  const plan = callable(number) ? { dial: dialString(number.e164, settings), label: number.display, country: number.region, callingCode: number.callingCode } : null;
  return { number, facts, problem, plan };
}
