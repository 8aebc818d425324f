// The card's clock for notices (P-CHANGES): "now" re-read at the next instant a shown notice starts
// or ends, so an expired notice leaves the card by itself at its minute, without a reload or a poll.
import { useEffect, useState } from 'react';
import type { Notice } from '../../../common/directory/model';
import { nextNoticeBoundary } from '../../../common/directory/noticeValidity';

/** A timer longer than this is re-armed (setTimeout overflows past 2^31 ms). */
const MAX_WAIT_MS = 24 * 3600_000;

export function useNoticeClock(notices: readonly Notice[]): number {
  const [now, setNow] = useState(() => Date.now());
  const key = notices.map((n) => `${n.id}|${n.validFrom ?? ''}|${n.validTo ?? ''}`).join(',');
  useEffect(() => {
    const current = Date.now();
    setNow(current);
    const next = nextNoticeBoundary(notices, current);
    if (next === undefined) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(next - current, MAX_WAIT_MS));
    return () => window.clearTimeout(timer);
    // the key stands for the notices' times; `now` re-arms the timer after it fired
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, now]);
  return now;
}
