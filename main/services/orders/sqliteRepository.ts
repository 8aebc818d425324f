// The orders repository on the console's SQLite database (migration 0005). Status changes are a
// compare-and-set on the current status inside one immediate transaction with their history row
// and mail, so two changes racing for the same order cannot both win.
import type { Order, OrderHistoryEntry, OrderKind, OrderMailStatus, OrderStatus } from '../../../common/orders/model';
import type { SqliteDatabase } from '../storage';
import type { SharedOrder } from '../../../common/orders/shared';
import type { DueOrderMail, OrderMailRecord, OrderRecord, OrderRepository } from './repository';

interface OrderRow {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  manager_id: string;
  manager_name: string;
  manager_email: string | null;
  person_id: string | null;
  person_name: string;
  unit_id: string | null;
  unit_name: string;
  from_date: string;
  number: string | null;
  notes: string;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
}
interface HistoryRow {
  id: string;
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  updated_at: number;
  updated_by: string;
  mail_status?: OrderMailStatus | null;
  shared_mail?: OrderMailStatus | null;
}

const COLUMNS = 'id, kind, status, manager_id, manager_name, manager_email, person_id, person_name, unit_id, unit_name, from_date, number, notes, created_at, created_by, updated_at, updated_by';

export function createSqliteOrderRepository(db: SqliteDatabase): OrderRepository {
  const insertOrder = db.prepare(
    `INSERT INTO orders (${COLUMNS}) VALUES (${COLUMNS.split(', ')
      .map((c) => `@${c}`)
      .join(', ')})`,
  );
  const insertHistory = db.prepare('INSERT INTO order_history (id, order_id, from_status, to_status, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMail = db.prepare("INSERT INTO order_mail (id, history_id, address, status, next_at, updated_at, updated_by) VALUES (?, ?, ?, 'queued', ?, ?, ?)");
  const moveStatus = db.prepare('UPDATE orders SET status = ?, updated_at = ?, updated_by = ? WHERE id = ? AND status = ?');
  const getOne = db.prepare<[string], OrderRow>(`SELECT ${COLUMNS} FROM orders WHERE id = ?`);
  const historyOf = db.prepare<[string], HistoryRow>(
    'SELECT h.*, m.status AS mail_status FROM order_history h LEFT JOIN order_mail m ON m.history_id = h.id WHERE h.order_id = ? ORDER BY h.updated_at, h.rowid',
  );
  const historyOne = db.prepare<[string], HistoryRow>('SELECT * FROM order_history WHERE id = ?');
  const forPerson = db.prepare<[string, string], OrderRow>(
    `SELECT ${COLUMNS} FROM orders WHERE status IN ('mottagen', 'bestalld') AND (person_id = ? OR (person_id IS NULL AND lower(person_name) = lower(?))) ORDER BY updated_at DESC`,
  );
  const due = db.prepare<[number, number], { id: string; history_id: string; address: string; attempts: number }>(
    "SELECT id, history_id, address, attempts FROM order_mail WHERE status = 'queued' AND next_at <= ? ORDER BY next_at, rowid LIMIT ?",
  );
  const mark = db.prepare('UPDATE order_mail SET status = ?, attempts = attempts + ?, next_at = ?, code = ?, updated_at = ?, updated_by = ? WHERE id = ?');

  // An own change's mail is in order_mail; another console's change carries that console's word.
  const mailOf = (h: HistoryRow): OrderMailStatus => h.mail_status ?? h.shared_mail ?? 'none';
  const upsertOrder = db.prepare(
    `INSERT INTO orders (${COLUMNS}) VALUES (${COLUMNS.split(', ')
      .map((c) => `@${c}`)
      .join(', ')}) ON CONFLICT (id) DO UPDATE SET ${COLUMNS.split(', ')
      .filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
  );
  const upsertHistory = db.prepare(
    `INSERT INTO order_history (id, order_id, from_status, to_status, updated_at, updated_by, shared_mail) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET shared_mail = CASE WHEN order_history.shared_mail IS NULL AND EXISTS (SELECT 1 FROM order_mail m WHERE m.history_id = order_history.id) THEN NULL ELSE excluded.shared_mail END`,
  );

  const withHistory = (r: OrderRow): Order => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    managerId: r.manager_id,
    managerName: r.manager_name,
    managerEmail: r.manager_email,
    personId: r.person_id,
    personName: r.person_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    fromDate: r.from_date,
    number: r.number,
    notes: r.notes,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    history: historyOf.all(r.id).map((h): OrderHistoryEntry => ({ from: h.from_status, to: h.to_status, at: h.updated_at, by: h.updated_by, mail: mailOf(h) })),
  });

  const rowOf = (o: OrderRecord) => ({
    id: o.id,
    kind: o.kind,
    status: o.status,
    manager_id: o.managerId,
    manager_name: o.managerName,
    manager_email: o.managerEmail,
    person_id: o.personId,
    person_name: o.personName,
    unit_id: o.unitId,
    unit_name: o.unitName,
    from_date: o.fromDate,
    number: o.number,
    notes: o.notes,
    created_at: o.createdAt,
    created_by: o.createdBy,
    updated_at: o.updatedAt,
    updated_by: o.updatedBy,
  });

  /** Another console's order: the row as shared, its history rows once each, never a mail (that console sends it). */
  const applyShared = db.transaction((o: SharedOrder) => {
    upsertOrder.run(rowOf(o));
    for (const h of o.history) upsertHistory.run(h.id, o.id, h.from, h.to, h.at, h.by, h.mail);
  });

  const queueMail = (mail: OrderMailRecord | null, at: number, by: string) => {
    if (mail) insertMail.run(mail.id, mail.historyId, mail.address, mail.nextAt, at, by);
  };

  const insert = db.transaction((o: OrderRecord, historyId: string, mail: OrderMailRecord | null) => {
    insertOrder.run(rowOf(o));
    insertHistory.run(historyId, o.id, null, o.status, o.createdAt, o.createdBy);
    queueMail(mail, o.createdAt, o.createdBy);
  });

  const change = db.transaction((id: string, c: Parameters<OrderRepository['changeStatus']>[1], mail: OrderMailRecord | null) => {
    if (moveStatus.run(c.to, c.at, c.by, id, c.from).changes === 0) return false;
    insertHistory.run(c.historyId, id, c.from, c.to, c.at, c.by);
    queueMail(mail, c.at, c.by);
    return true;
  });

  return {
    insert: (order, historyId, mail) => insert.immediate(order, historyId, mail),
    changeStatus: (id, c, mail) => change.immediate(id, c, mail),
    applyShared: (order) => applyShared.immediate(order),
    shared(id) {
      const r = getOne.get(id);
      if (!r) return undefined;
      const { history: _, ...order } = withHistory(r);
      return { ...order, history: historyOf.all(id).map((h) => ({ id: h.id, from: h.from_status, to: h.to_status, at: h.updated_at, by: h.updated_by, mail: mailOf(h) })) };
    },
    get(id) {
      const r = getOne.get(id);
      return r ? withHistory(r) : undefined;
    },
    list({ status, openOnly, unitId, limit }) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (status) {
        where.push('status = ?');
        args.push(status);
      }
      if (openOnly) where.push("status IN ('mottagen', 'bestalld')");
      if (unitId) {
        where.push('unit_id = ?');
        args.push(unitId);
      }
      const sql = `SELECT ${COLUMNS} FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, rowid DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, limit) as OrderRow[]).map(withHistory);
    },
    openForPerson: (personId, name) => forPerson.all(personId, name?.trim() || '\u0000').map(withHistory),
    dueMail(now, limit) {
      const out: DueOrderMail[] = [];
      for (const m of due.all(now, limit)) {
        const h = historyOne.get(m.history_id);
        const o = h && getOne.get(h.order_id);
        if (!h || !o) continue;
        out.push({ id: m.id, address: m.address, attempts: m.attempts, order: withHistory(o), change: { from: h.from_status, to: h.to_status, at: h.updated_at, by: h.updated_by } });
      }
      return out;
    },
    markMail(id, { status, nextAt, code, attempted }, at, by) {
      mark.run(status, attempted ? 1 : 0, nextAt, code, at, by, id);
    },
  };
}
