// Why the PBX cancelled an offer, from the CANCEL's Reason header (RFC 3326): "SIP;cause=200" means
// the call was completed elsewhere (another console answered the fork); a SIP timeout or
// unavailable cause (408, 480) means the PBX gave up with nobody answering; anything else, or no
// Reason at all, is the caller hanging up.
import type { EndReason } from '../stores';

export function cancelEndReason(reasonHeaders: readonly string[]): EndReason {
  for (const header of reasonHeaders) {
    for (const value of header.split(',')) {
      const m = /^\s*SIP\s*;(?:.*;)?\s*cause\s*=\s*"?(\d{3})/i.exec(value);
      if (!m) continue;
      const cause = Number(m[1]);
      if (cause === 200) return 'answered-elsewhere';
      if (cause === 408 || cause === 480) return 'pbx-cancel';
    }
  }
  return 'remote-cancel';
}
