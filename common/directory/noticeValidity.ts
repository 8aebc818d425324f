// When a unit notice shows (P-CHANGES): from its start (validFrom) up to and including its end
// (validTo). Main sends current and upcoming notices; the card decides by its own clock and re-reads
// it at the next boundary, so a notice appears and leaves at its minute without a reload.
import type { Notice } from './model';

export function isNoticeActive(n: Notice, now: number): boolean {
  return (!n.validFrom || Date.parse(n.validFrom) <= now) && (!n.validTo || Date.parse(n.validTo) >= now);
}

export const activeNotices = (notices: readonly Notice[], now: number): Notice[] => notices.filter((n) => isNoticeActive(n, now));

/** The next instant after `now` at which one of the notices starts or ends (shows or leaves), or undefined. */
export function nextNoticeBoundary(notices: readonly Notice[], now: number): number | undefined {
  let next: number | undefined;
  for (const n of notices) {
    const edges = [n.validFrom ? Date.parse(n.validFrom) : NaN, n.validTo ? Date.parse(n.validTo) + 1 : NaN]; // shown through validTo itself
    for (const at of edges) if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}
