// RFC 4235 dialog-info bodies (busy lamps) as Kamailio's presence_dialoginfo sends them, read
// with the hardened XML reader (./xml: no DOM, so the node tier and the renderer share it).
// pua_dialoginfo may capitalise states ("Trying", "Confirmed"), so everything is compared
// case-insensitively.
import { find, findAll, parseXml, textOf, type XmlElement, type XmlRejection } from './xml';

/** What a busy lamp shows. unknown: no current information (not subscribed, connection lost). */
export type LampState = 'idle' | 'ringing' | 'busy' | 'unknown';

/** The dialog a ringing extension is in, enough to pick it up with INVITE/Replaces (RFC 3891). */
export interface DialogRef {
  readonly callId: string;
  /** The monitored extension's tag in the dialog. */
  readonly localTag: string;
  /** The other party's tag. */
  readonly remoteTag: string;
  /** 'recipient': the extension is being called; 'initiator': it is calling. */
  readonly direction: 'initiator' | 'recipient' | '';
  /** The other party's URI (the caller, for a ringing recipient); '' when not sent. */
  readonly remoteUri: string;
  readonly localUri: string;
}

export interface DialogInfo {
  /** The document's version: NOTIFYs of one subscription must be applied in increasing order. */
  readonly version: number;
  readonly full: boolean;
  readonly entity: string;
  readonly lamp: LampState;
  /** The dialog the lamp is about (the ringing or talking one), null when idle. */
  readonly dialog: DialogRef | null;
}

export function encodeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The lamp for one dialog state (RFC 4235 §3.7.1), direction-aware: an early outgoing call is busy. */
export function lampOfState(state: string, direction: string): LampState {
  switch (state.trim().toLowerCase()) {
    case 'trying':
    case 'proceeding':
    case 'early':
      return direction.toLowerCase() === 'initiator' ? 'busy' : 'ringing';
    case 'confirmed':
      return 'busy';
    case 'terminated':
      return 'idle';
    default:
      return 'unknown';
  }
}

const RANK: Record<LampState, number> = { unknown: 0, idle: 1, ringing: 2, busy: 3 };

/** Parses a dialog-info document; null when it is not one (or is rejected: `onReject` hears why). */
export function parseDialogInfo(xml: string, onReject?: (rejection: XmlRejection) => void): DialogInfo | null {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    onReject?.(parsed);
    return null;
  }
  const root = parsed.root;
  if (root.name !== 'dialog-info') return null;
  const attr = (el: XmlElement, name: string) => el.attributes[name] ?? '';
  const version = Number(attr(root, 'version'));
  const full = attr(root, 'state').toLowerCase() !== 'partial';
  const entity = attr(root, 'entity');
  let lamp: LampState = 'idle';
  let dialog: DialogRef | null = null;
  for (const d of findAll(root, 'dialog')) {
    const direction = attr(d, 'direction').toLowerCase();
    const l = lampOfState(textOf(find(d, 'state')), direction);
    const identity = (side: 'local' | 'remote') => {
      const block = find(d, side);
      if (!block) return '';
      // the identity (AOR) routes through the registrar; the target may be a *.invalid Contact
      const target = find(block, 'target');
      return textOf(find(block, 'identity')) || (target ? attr(target, 'uri') : '');
    };
    if (RANK[l] > RANK[lamp] || (l !== 'idle' && !dialog)) {
      lamp = l;
      dialog =
        l === 'idle' || l === 'unknown'
          ? null
          : {
              callId: attr(d, 'call-id'),
              localTag: attr(d, 'local-tag'),
              remoteTag: attr(d, 'remote-tag'),
              direction: direction === 'initiator' || direction === 'recipient' ? direction : '',
              remoteUri: identity('remote'),
              localUri: identity('local'),
            };
    }
  }
  return { version: Number.isFinite(version) ? version : -1, full, entity, lamp, dialog };
}

/**
 * Orders the NOTIFYs of ONE subscription by dialog-info version (RFC 4235 §4.1): a document whose
 * version is not newer than the last applied one is dropped. A new subscription starts a new gate.
 */
export class VersionGate {
  private last = -1;
  accept(version: number): boolean {
    if (version < 0) return true; // no version: nothing to order by
    if (version <= this.last) return false;
    this.last = version;
    return true;
  }
  reset(): void {
    this.last = -1;
  }
}
