// The opening hours editor's rows: one per weekday (1 = Monday … 7 = Sunday), and back to the
// directory's form, where days with the same times are one entry (shown as "mån–fre 08:00–16:30").
import type { OpeningHours } from '../../../common/directory/model';

export type Row = { open: string; close: string };
export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function rowsOf(hours: OpeningHours[]): Row[] {
  const rows: Row[] = DAYS.map(() => ({ open: '', close: '' }));
  for (const h of hours) for (const d of h.days) rows[d - 1] = { open: h.open, close: h.close };
  return rows;
}

/** The weekly hours of the rows, or null when a row is half filled or closes before it opens. */
export function hoursOf(rows: Row[]): OpeningHours[] | null {
  const out: OpeningHours[] = [];
  for (const d of DAYS) {
    const r = rows[d - 1]!;
    if (!r.open && !r.close) continue;
    if (!r.open || !r.close || r.close <= r.open) return null;
    const same = out.find((h) => h.open === r.open && h.close === r.close);
    if (same) same.days.push(d);
    else out.push({ days: [d], open: r.open, close: r.close });
  }
  return out;
}
