// The orders list as CSV for the telecom supplier, written by csv-stringify (the csv project's
// writer: RFC 4180 quoting of ; " and line breaks). Semicolons and a UTF-8 BOM, as Swedish Excel
// opens it; CRLF line ends. A cell that a spreadsheet would read as a formula (= @ tab CR at the
// start) gets a leading apostrophe; + and - stay, since numbers start with them.
import { stringify } from 'csv-stringify/sync';
import { translator } from '../../../common/i18n/translate';
import type { Order } from '../../../common/orders/model';
import { dateKey, dateTimeText } from '../../../common/time/stockholm';

const defuse = (cell: string) => (/^[=@\t\r]/.test(cell) ? `'${cell}` : cell);

export function ordersCsv(orders: readonly Order[], now: number): { fileName: string; text: string; rows: number } {
  const t = translator('sv');
  const columns = ['id', 'kind', 'status', 'person', 'unit', 'fromDate', 'number', 'manager', 'managerEmail', 'notes', 'created', 'updated'] as const;
  const rows = orders.map((o) =>
    [
      o.id,
      t(`orders.kinds.${o.kind}`),
      t(`orders.statuses.${o.status}`),
      o.personName,
      o.unitName,
      o.fromDate,
      o.number ?? '',
      o.managerName,
      o.managerEmail ?? '',
      o.notes,
      dateTimeText(o.createdAt),
      dateTimeText(o.updatedAt),
    ].map(defuse),
  );
  const text = stringify([columns.map((c) => t(`orders.csv.${c}`)), ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
  return { fileName: `bestallningar-${dateKey(now)}.csv`, text, rows: rows.length };
}
