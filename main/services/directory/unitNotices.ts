// The operator's record of what managers tell the switchboard about their units (P-CHANGES):
// notices and opening hours, in their own tables of the directory cache (migration 0003) so syncs
// never touch them. Units as the console shows them are the synced units with these laid over:
// current and upcoming notices added to the source's, recorded weekly hours in place of the source's, and a
// current temporary override. Expired and removed rows are hidden; old ones are purged.
// Logs carry codes and counts only, never a notice's text.
import { randomUUID } from 'node:crypto';
import type { Notice, OpeningHours, OpeningHoursOverride, Unit } from '../../../common/directory/model';
import type { AddNoticeInputT, NoticeHistoryEntry, SetOpeningHoursInputT } from '../../../common/directory/notices';
import { dateKey } from '../../../common/time/stockholm';
import type { Logger } from '../log/logger';
import type { SqliteDatabase } from '../storage';

/** Removed and expired rows are kept this long (a manager may ask what was said), then purged. */
export const NOTICE_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

export class UnitNoticeError extends Error {
  constructor(
    readonly code: 'no-operator' | 'unknown-unit' | 'unknown-reporter',
    message: string,
  ) {
    super(message);
    this.name = 'UnitNoticeError';
  }
}

export interface UnitNoticeStore {
  /** `reporter`: the reporting manager's name, resolved by the caller from reportedById. */
  add(input: AddNoticeInputT, operator: string, reporter?: { id: string; name: string }): Notice;
  /** False when there is no such notice or it was already removed. */
  remove(id: string, operator: string): boolean;
  setHours(input: SetOpeningHoursInputT, operator: string): void;
  /** The units with what the operator recorded laid over, as of now. */
  overlay(units: readonly Unit[]): Unit[];
  /** Deletes removed and expired rows older than the retention; returns how many. */
  purge(): number;
  /** Every kept notice of the unit, newest first (expired and removed ones too, until purged). */
  history(unitId: string): NoticeHistoryEntry[];
  /** The whole row of a notice (removed ones too), as the team store shares it; undefined: none. */
  noticeRecord(id: string): SharedNotice | undefined;
  /** A unit's recorded hours as the team store shares them; null: none recorded. */
  hoursRecord(unitId: string): SharedHours | null;
  /** Writes a notice another console recorded (null: deleted there). */
  applyNotice(id: string, record: SharedNotice | null): void;
  /** Writes hours another console recorded (null: none). */
  applyHours(unitId: string, record: SharedHours | null): void;
}

/** A notice as the team store carries it (kind unit-notice, key = notice id). */
export interface SharedNotice {
  unitId: string;
  text: string;
  validFrom: string | null;
  validTo: string | null;
  /** The reporting manager's directory id and name as recorded (P-CHANGES). */
  reportedById: string | null;
  reportedBy: string | null;
  enteredBy: string;
  enteredAt: string;
  removedBy: string | null;
  removedAt: string | null;
}
/** A unit's hours as the team store carries them (kind unit-hours, key = unit id). */
export interface SharedHours {
  weekly: OpeningHours[];
  override: OpeningHoursOverride | null;
  enteredBy: string;
  enteredAt: string;
}

interface NoticeRow {
  id: string;
  unit_id: string;
  text: string;
  valid_from: string | null;
  valid_to: string | null;
  entered_by: string;
  entered_at: string;
  reported_by_name: string | null;
}
interface HistoryRow extends NoticeRow {
  removed_by: string | null;
  removed_at: string | null;
}
interface HoursRow {
  unit_id: string;
  weekly: string;
  override: string | null;
  entered_by: string;
}

/** The switchboard's (Stockholm) calendar date of a time, YYYY-MM-DD, whatever the machine's zone. */
export const localDate = dateKey;

export function createUnitNoticeStore(db: SqliteDatabase, log: Logger, now: () => number = Date.now): UnitNoticeStore {
  const insert = db.prepare('INSERT INTO unit_notices (id, unit_id, text, valid_from, valid_to, entered_by, entered_at, reported_by_id, reported_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const upsertNotice = db.prepare(
    'INSERT INTO unit_notices (id, unit_id, text, valid_from, valid_to, reported_by_id, reported_by_name, entered_by, entered_at, removed_by, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, text = excluded.text, valid_from = excluded.valid_from, valid_to = excluded.valid_to, ' +
      'reported_by_id = excluded.reported_by_id, reported_by_name = excluded.reported_by_name, entered_by = excluded.entered_by, entered_at = excluded.entered_at, removed_by = excluded.removed_by, removed_at = excluded.removed_at',
  );
  const oneNotice = db.prepare('SELECT unit_id, text, valid_from, valid_to, reported_by_id, reported_by_name, entered_by, entered_at, removed_by, removed_at FROM unit_notices WHERE id = ?');
  const oneHours = db.prepare('SELECT weekly, override, entered_by, entered_at FROM unit_hours WHERE unit_id = ?');
  const markRemoved = db.prepare('UPDATE unit_notices SET removed_by = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL');
  // valid_to is compared as an instant, so it is parsed in JS rather than compared as text in SQL.
  const visible = db.prepare('SELECT id, unit_id, text, valid_from, valid_to, entered_by, entered_at, reported_by_name FROM unit_notices WHERE removed_at IS NULL ORDER BY entered_at, rowid');
  const ofUnit = db.prepare<[string], HistoryRow>(
    'SELECT id, unit_id, text, valid_from, valid_to, entered_by, entered_at, reported_by_name, removed_by, removed_at FROM unit_notices WHERE unit_id = ? ORDER BY entered_at DESC, rowid DESC',
  );
  const allHours = db.prepare('SELECT unit_id, weekly, override, entered_by FROM unit_hours');
  const upsertHours = db.prepare(
    'INSERT INTO unit_hours (unit_id, weekly, override, entered_by, entered_at) VALUES (?, ?, ?, ?, ?) ' +
      'ON CONFLICT (unit_id) DO UPDATE SET weekly = excluded.weekly, override = excluded.override, entered_by = excluded.entered_by, entered_at = excluded.entered_at',
  );
  const deleteHours = db.prepare('DELETE FROM unit_hours WHERE unit_id = ?');
  const purgeRemoved = db.prepare('DELETE FROM unit_notices WHERE removed_at IS NOT NULL AND removed_at < ?');
  const expiredCandidates = db.prepare('SELECT id, valid_to FROM unit_notices WHERE valid_to IS NOT NULL').raw();
  const deleteOne = db.prepare('DELETE FROM unit_notices WHERE id = ?');

  const iso = () => new Date(now()).toISOString();
  const toNotice = (r: NoticeRow): Notice => ({
    id: r.id,
    text: r.text,
    ...(r.valid_from ? { validFrom: r.valid_from } : {}),
    ...(r.valid_to ? { validTo: r.valid_to } : {}),
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
    ...(r.reported_by_name ? { reportedBy: r.reported_by_name } : {}),
  });

  const purge = db.transaction(() => {
    const cutoff = now() - NOTICE_RETENTION_MS;
    let n = purgeRemoved.run(new Date(cutoff).toISOString()).changes;
    for (const [id, validTo] of expiredCandidates.all() as Array<[string, string]>) {
      if (Date.parse(validTo) < cutoff) n += deleteOne.run(id).changes;
    }
    return n;
  });

  const store: UnitNoticeStore = {
    add(input, operator, reporter) {
      const notice: Notice = {
        id: `n-${randomUUID()}`,
        text: input.text,
        ...(input.validFrom ? { validFrom: input.validFrom } : {}),
        ...(input.validTo ? { validTo: input.validTo } : {}),
        enteredBy: operator,
        enteredAt: iso(),
        ...(reporter ? { reportedBy: reporter.name } : {}),
      };
      insert.run(notice.id, input.unitId, notice.text, notice.validFrom ?? null, notice.validTo ?? null, operator, notice.enteredAt, reporter?.id ?? null, reporter?.name ?? null);
      log.info('directory.notice-added', { validFrom: !!notice.validFrom, validTo: !!notice.validTo, reported: !!reporter });
      return notice;
    },
    remove(id, operator) {
      const removed = markRemoved.run(operator, iso(), id).changes > 0;
      log.info('directory.notice-removed', { removed });
      return removed;
    },
    setHours({ unitId, weekly, override }, operator) {
      if (!weekly.length && !override) deleteHours.run(unitId);
      else upsertHours.run(unitId, JSON.stringify(weekly), override ? JSON.stringify(override) : null, operator, iso());
      log.info('directory.hours-set', { weekly: weekly.length, override: !!override });
    },
    overlay(units) {
      const t = now();
      const today = localDate(t);
      const notices = new Map<string, Notice[]>();
      for (const r of visible.all() as NoticeRow[]) {
        if (r.valid_to && Date.parse(r.valid_to) < t) continue; // expired: hidden
        // an upcoming one is sent too: the card shows it from its start by its own clock (noticeValidity.ts)
        const list = notices.get(r.unit_id) ?? [];
        list.push(toNotice(r));
        notices.set(r.unit_id, list);
      }
      const hours = new Map<string, HoursRow>();
      for (const r of allHours.all() as HoursRow[]) hours.set(r.unit_id, r);
      if (!notices.size && !hours.size) return [...units];
      return units.map((u) => {
        const own = notices.get(u.id);
        const h = hours.get(u.id);
        if (!own && !h) return u;
        const out: Unit = { ...u, notices: [...u.notices, ...(own ?? [])] };
        if (h) {
          const weekly = JSON.parse(h.weekly) as OpeningHours[];
          const override = h.override ? (JSON.parse(h.override) as OpeningHoursOverride) : undefined;
          if (weekly.length) out.openingHours = weekly;
          // A past override is hidden; one still to come is shown so the operator can tell callers.
          if (override && override.to >= today) out.hoursOverride = override;
          out.hoursEnteredBy = h.entered_by;
        }
        return out;
      });
    },
    purge: () => purge.immediate(),
    history: (unitId) =>
      ofUnit.all(unitId).map((r) => ({
        ...toNotice(r),
        unitId: r.unit_id,
        ...(r.removed_at ? { removedAt: r.removed_at } : {}),
        ...(r.removed_by ? { removedBy: r.removed_by } : {}),
      })),
    noticeRecord(id) {
      const r = oneNotice.get(id) as (Omit<NoticeRow, 'id'> & { reported_by_id: string | null; removed_by: string | null; removed_at: string | null }) | undefined;
      if (!r) return undefined;
      return {
        unitId: r.unit_id,
        text: r.text,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        reportedById: r.reported_by_id,
        reportedBy: r.reported_by_name,
        enteredBy: r.entered_by,
        enteredAt: r.entered_at,
        removedBy: r.removed_by,
        removedAt: r.removed_at,
      };
    },
    hoursRecord(unitId) {
      const r = oneHours.get(unitId) as { weekly: string; override: string | null; entered_by: string; entered_at: string } | undefined;
      if (!r) return null;
      return { weekly: JSON.parse(r.weekly) as OpeningHours[], override: r.override ? (JSON.parse(r.override) as OpeningHoursOverride) : null, enteredBy: r.entered_by, enteredAt: r.entered_at };
    },
    applyNotice(id, r) {
      if (!r) deleteOne.run(id);
      else upsertNotice.run(id, r.unitId, r.text, r.validFrom, r.validTo, r.reportedById, r.reportedBy, r.enteredBy, r.enteredAt, r.removedBy, r.removedAt);
    },
    applyHours(unitId, r) {
      if (!r) deleteHours.run(unitId);
      else upsertHours.run(unitId, JSON.stringify(r.weekly), r.override ? JSON.stringify(r.override) : null, r.enteredBy, r.enteredAt);
    },
  };
  return store;
}
