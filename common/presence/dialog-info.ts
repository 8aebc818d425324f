// RFC 4235 dialog-info bodies (busy lamps) as Kamailio's presence_dialoginfo sends them. Pure
// string parsing (no DOM: the node tier and the renderer share it). pua_dialoginfo may capitalise
// states ("Trying", "Confirmed"), so everything is compared case-insensitively.

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

const attr = (tag: string, name: string): string => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : '';
};

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
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

/** Parses a dialog-info document; null when it is not one. */
export function parseDialogInfo(xml: string): DialogInfo | null {
  const root = /<(?:[\w-]+:)?dialog-info\b[^>]*>/i.exec(xml);
  if (!root) return null;
  const version = Number(attr(root[0], 'version'));
  const full = attr(root[0], 'state').toLowerCase() !== 'partial';
  const entity = attr(root[0], 'entity');
  let lamp: LampState = 'idle';
  let dialog: DialogRef | null = null;
  const dialogRe = /<(?:[\w-]+:)?dialog(?=[\s/>])([^>]*?)(\/>|>([\s\S]*?)<\/(?:[\w-]+:)?dialog\s*>)/gi;
  for (let m = dialogRe.exec(xml); m; m = dialogRe.exec(xml)) {
    const open = `<dialog ${m[1] ?? ''}>`;
    const inner = m[3] ?? '';
    const state = /<(?:[\w-]+:)?state\b[^>]*>([^<]*)</i.exec(inner)?.[1] ?? '';
    const direction = attr(open, 'direction').toLowerCase();
    const l = lampOfState(state, direction);
    const identity = (side: 'local' | 'remote') => {
      const block = new RegExp(`<(?:[\\w-]+:)?${side}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${side}\\s*>`, 'i').exec(inner)?.[1] ?? '';
      // the identity (AOR) routes through the registrar; the target may be a *.invalid Contact
      const identity = decodeXml(/<(?:[\w-]+:)?identity\b[^>]*>([^<]*)</i.exec(block)?.[1]?.trim() ?? '');
      const target = /<(?:[\w-]+:)?target\b([^>]*)>/i.exec(block);
      return identity || (target ? attr(target[0], 'uri') : '');
    };
    if (RANK[l] > RANK[lamp] || (l !== 'idle' && !dialog)) {
      lamp = l;
      dialog =
        l === 'idle' || l === 'unknown'
          ? null
          : {
              callId: attr(open, 'call-id'),
              localTag: attr(open, 'local-tag'),
              remoteTag: attr(open, 'remote-tag'),
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
