// What a referral script says and offers (P-EXT-INFO, P-STAFF-LOOKUP): the operator's own text from
// settings.referrals when set, else the catalogue's. Pure (no DOM), so the node tier checks it.
import type { CallReferral } from '../../../common/ipc/contract';
import type { ReferralSettings } from '../../../common/settings/schema';

export interface ReferralScript {
  readonly title: string;
  readonly text: string;
  /** The blind-transfer target Enter offers (external information only), or null. */
  readonly transferTo: string | null;
}

type ScriptKey = 'referral.externalTitle' | 'referral.externalText' | 'referral.internalTitle' | 'referral.internalText';
type Translate = (key: ScriptKey) => string;

export function referralScript(reason: CallReferral, settings: ReferralSettings | undefined, t: Translate): ReferralScript {
  if (reason === 'external-info') return { title: t('referral.externalTitle'), text: settings?.externalText ?? t('referral.externalText'), transferTo: settings?.externalTransferNumber ?? null };
  return { title: t('referral.internalTitle'), text: settings?.internalText ?? t('referral.internalText'), transferTo: null };
}
