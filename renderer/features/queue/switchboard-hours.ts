// The switchboard's open/closed line per municipality in the queue (P-AFTERHOURS): "Öppet, Stänger
// 16.30" / "Stängt, Öppnar 08.00 mån", from main's switchboardStatus, in Stockholm time. Pure (no
// DOM), so the node tier checks the words; the panel re-reads at each next change and every 60 s.
import type { MunicipalitySwitchboardStatus } from '../../../common/switchboard/ipc';
import { clockText, wallClock } from '../../../common/time/stockholm';

export type HoursKey =
  | 'queue.hours.row'
  | 'queue.hours.rowNext'
  | 'queue.hours.open'
  | 'queue.hours.closed'
  | 'queue.hours.nightService'
  | 'queue.hours.closes'
  | 'queue.hours.opens'
  | 'queue.hours.opensDay'
  | 'queue.hours.weekdays'
  | 'queue.hours.essunga'
  | 'queue.hours.grastorp';
type Translate = (key: HoursKey, values?: Record<string, string>) => string;

/** Re-read at least this often, so a schedule edited elsewhere shows within a minute. */
export const HOURS_REFRESH_MS = 60_000;

/** One municipality's line, e.g. "Essunga: Öppet, Stänger 16.30". */
export function hoursLine(status: MunicipalitySwitchboardStatus, now: number, t: Translate): string {
  const municipality = t(`queue.hours.${status.municipality}`);
  const state = status.open ? t('queue.hours.open') : status.closedBy === 'night-service' ? t('queue.hours.nightService') : t('queue.hours.closed');
  if (status.nextChange === null) return t('queue.hours.row', { municipality, state });
  const time = clockText(status.nextChange);
  const a = wallClock(now);
  const b = wallClock(status.nextChange);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  const next = status.open
    ? t('queue.hours.closes', { time })
    : sameDay
      ? t('queue.hours.opens', { time })
      : t('queue.hours.opensDay', { time, day: t('queue.hours.weekdays').split(',')[b.weekday - 1] ?? '' });
  return t('queue.hours.rowNext', { municipality, state, next });
}

/** When to read the status again: just after the earliest next change, at most a minute away. */
export function nextRefreshIn(statuses: readonly MunicipalitySwitchboardStatus[], now: number): number {
  const changes = statuses.map((s) => s.nextChange).filter((c): c is number => c !== null && c > now);
  return Math.min(HOURS_REFRESH_MS, ...changes.map((c) => c - now + 500));
}
