// The referral texts' settings form (P-EXT-INFO, P-STAFF-LOOKUP): two scripts and the optional
// transfer number, checked by the settings schema (ReferralSettings). A text equal to the
// catalogue's is not stored, so it keeps following the catalogue (and the language). Pure: no DOM.
import { ReferralSettings } from '../../../common/settings/schema';

export interface ReferralForm {
  externalText: string;
  internalText: string;
  transferNumber: string;
}

export type ReferralFormError = { field: keyof ReferralForm; key: 'empty' | 'tooLong' | 'badNumber' };

export function referralForm(settings: ReferralSettings | undefined, defaults: { externalText: string; internalText: string }): ReferralForm {
  return { externalText: settings?.externalText ?? defaults.externalText, internalText: settings?.internalText ?? defaults.internalText, transferNumber: settings?.externalTransferNumber ?? '' };
}

export function referralsFromForm(
  form: ReferralForm,
  defaults: { externalText: string; internalText: string },
): { ok: true; referrals: ReferralSettings } | { ok: false; errors: ReferralFormError[] } {
  const errors: ReferralFormError[] = [];
  const text = (field: 'externalText' | 'internalText') => {
    const v = form[field].trim();
    if (!v) errors.push({ field, key: 'empty' });
    else if (v.length > 1000) errors.push({ field, key: 'tooLong' });
    return v && v !== defaults[field].trim() ? v : undefined;
  };
  const externalText = text('externalText');
  const internalText = text('internalText');
  // spaces, dashes and brackets as people write numbers; the PBX gets digits only
  const number = form.transferNumber.replace(/[\s\-()/.]/g, '');
  const input = { ...(externalText ? { externalText } : {}), ...(internalText ? { internalText } : {}), ...(number ? { externalTransferNumber: number } : {}) };
  const parsed = ReferralSettings.safeParse(input);
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'externalTransferNumber')) errors.push({ field: 'transferNumber', key: 'badNumber' });
  if (errors.length || !parsed.success) return { ok: false, errors: errors.length ? errors : [{ field: 'externalText', key: 'tooLong' }] };
  return { ok: true, referrals: parsed.data };
}
