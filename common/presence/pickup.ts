// P-PICKUP: how a call ringing at a watched extension is taken. A caller on the PBX (an internal
// extension of our SIP domain, by the internal-number pattern) is called with Replaces for the
// early dialog the busy lamp reported; any other caller (the PSTN trunk, another domain, or no
// dialog details at all) is taken with the PBX's directed pick-up prefix, when one is configured.
// Pure: string parsing only.
import type { DialogRef } from './dialog-info';

export type PickupRoute = { kind: 'replaces' } | { kind: 'prefix'; target: string } | { kind: 'none' };

export interface PickupConfig {
  /** The account's SIP domain. */
  readonly domain: string;
  /** Settings' internalNumberPattern: a caller whose user part matches is on the PBX. */
  readonly internalPattern: string;
  /** "*8" etc., '' when the PBX has none. */
  readonly prefix: string;
}

/** Whether the dialog's other party is a user registered on our PBX (Replaces can reach it). */
export function callerOnPbx(dialog: DialogRef | null, config: Pick<PickupConfig, 'domain' | 'internalPattern'>): boolean {
  if (!dialog?.callId || !dialog.remoteTag || !dialog.remoteUri) return false;
  const m = /^sips?:([^@;>]+)@([^;:>]+)/i.exec(dialog.remoteUri.trim());
  if (!m || m[2]!.toLowerCase() !== config.domain.toLowerCase()) return false;
  let pattern: RegExp;
  try {
    pattern = new RegExp(config.internalPattern);
  } catch {
    return false;
  }
  return pattern.test(decodeURIComponent(m[1]!));
}

export function pickupRoute(ext: string, dialog: DialogRef | null, config: PickupConfig): PickupRoute {
  if (callerOnPbx(dialog, config)) return { kind: 'replaces' };
  if (config.prefix) return { kind: 'prefix', target: `${config.prefix}${ext}` };
  // no prefix: Replaces is the only way, worth a try whenever the lamp reported the dialog
  return dialog?.callId && dialog.remoteTag && dialog.remoteUri ? { kind: 'replaces' } : { kind: 'none' };
}
