// CSV import of what an HR system exports (issue 11, P-SECRECY): every column is matched to a
// field by the synonym table (common/directory/importMapping.ts) or the saved mapping, or reported
// as unknown. A file with no protected-identity column is refused as a whole unless the mapping
// states it has none; a row whose protected value is not a clear yes or no is rejected with its
// line. Each good row becomes a Person; only the good rows reach the cache (one transaction).
import { z } from 'zod';
import { Person, type DirectorySnapshot } from '../../../common/directory/model';
import { toE164 } from '../../../common/directory/phone';
import { matchColumns, protectedColumnRefusal, type ColumnMatch, type ImportField, type ImportMapping } from '../../../common/directory/importMapping';
import { readProtected, splitForvaltningUnit, splitFullName, splitRoles } from '../../../common/directory/importValues';
import { parseCsv } from './csv';

export interface CsvRowProblem {
  line: number;
  reason: string;
}

/** What one column held: how many non-empty cells, and how many rows it made fail. */
export interface ColumnStats {
  samples: number;
  rejected: number;
}

export interface CsvConversion {
  snapshot: DirectorySnapshot;
  rejected: CsvRowProblem[];
  /**
   * Ids of rejected rows whose cached entries are kept, not removed. Only rows that read clearly
   * "not protected": a rejected row marked (or unreadably marked) protected must not leave an older,
   * unprotected copy of the person searchable.
   */
  rejectedIds: string[];
  /** Every header and the field it was matched to. */
  columns: ColumnMatch[];
  /** Headers no synonym and no saved choice names: reported, their cells not imported. */
  unknownColumns: string[];
  /** Per column (same order as columns). */
  stats: ColumnStats[];
  /** Data rows read (excluding the header). */
  rows: number;
  /** Set when the file as a whole cannot be imported; then nothing may be written. */
  fatal?: string;
}

type PersonField = keyof z.input<typeof Person>;
type Get = (f: ImportField) => string | undefined;
type RowResult = { person: Person } | { reason: string; field?: ImportField };

const MUNICIPALITY: Record<string, 'essunga' | 'grastorp'> = { essunga: 'essunga', essungakommun: 'essunga', grastorp: 'grastorp', grastorpskommun: 'grastorp' };
const municipalityKey = (v: string) =>
  v
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');

/** Turn one row's cells into a Person, or say why not (and which field made it fail). */
function toPerson(get: Get): RowResult {
  const raw: Record<string, unknown> = {};
  const text = (f: ImportField) => get(f)?.trim() || undefined;
  for (const f of ['id', 'givenName', 'surname', 'title', 'forvaltning', 'unit', 'email', 'sipUri', 'voicemailUri', 'notes'] as const) {
    const v = text(f);
    if (v) raw[f] = v;
  }
  if (!raw.givenName && !raw.surname && text('fullName')) Object.assign(raw, splitFullName(text('fullName')));
  if (text('forvaltningUnit')) {
    const both = splitForvaltningUnit(text('forvaltningUnit'));
    if (!raw.forvaltning && both.forvaltning) raw.forvaltning = both.forvaltning;
    if (!raw.unit && both.unit) raw.unit = both.unit;
  }
  if (!raw.id) return { reason: 'no id', field: 'id' };
  if (!raw.givenName && !raw.surname) return { reason: 'no name', field: 'givenName' };
  const muni = MUNICIPALITY[municipalityKey(get('municipality') ?? '')];
  if (!muni) return { reason: `unknown municipality "${(get('municipality') ?? '').slice(0, 40)}"`, field: 'municipality' };
  raw.municipality = muni;
  for (const f of ['directNumber', 'mobile'] as const) {
    const v = text(f);
    if (!v) continue;
    const e164 = toE164(v);
    if (!e164) return { reason: `${f} is not a phone number`, field: f };
    raw[f] = e164;
  }
  const ext = get('extension')?.replace(/[\s-]/g, '');
  if (ext) raw.extension = ext;
  const roles = splitRoles(get('roleWords'));
  if (roles.length) raw.roleWords = roles;
  const prot = readProtected(get('protectedIdentity'));
  if (!prot.ok) return { reason: `protectedIdentity: ${prot.reason}`, field: 'protectedIdentity' };
  raw.protectedIdentity = prot.protectedIdentity;
  const parsed = Person.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] as PersonField | undefined;
    return { reason: `${issue.path.join('.') || 'row'}: ${issue.message}`, ...(field && field !== 'unitId' ? { field: field as ImportField } : {}) };
  }
  return { person: parsed.data };
}

const EMPTY: DirectorySnapshot = { persons: [], units: [], shared: [] };

export function convertCsv(text: string, mapping?: ImportMapping): CsvConversion {
  const { records, fatal } = parseCsv(text);
  const none = { snapshot: EMPTY, rejected: [], rejectedIds: [], columns: [], unknownColumns: [], stats: [], rows: 0 };
  if (fatal) return { ...none, fatal: `line ${fatal.line}: ${fatal.reason}` };
  const [header, ...rows] = records;
  if (!header) return { ...none, fatal: 'the file is empty' };
  const columns = matchColumns(header.cells, mapping);
  const fields = columns.map((c) => c.field);
  const unknownColumns = columns.filter((c) => c.field === 'unknown').map((c) => c.header);
  const stats: ColumnStats[] = columns.map(() => ({ samples: 0, rejected: 0 }));
  for (const row of rows) row.cells.forEach((cell, i) => i < stats.length && cell.trim() && stats[i]!.samples++);
  const base = { columns, unknownColumns, stats, rows: rows.length };
  const problems: string[] = [];
  const missing = (['id', 'municipality'] as const).filter((f) => !fields.includes(f));
  if (!fields.some((f) => f === 'givenName' || f === 'surname' || f === 'fullName')) missing.push('givenName or surname' as never);
  if (missing.length) problems.push(`the header lacks required columns (${missing.join(', ')})`);
  const refusal = protectedColumnRefusal(columns, mapping);
  if (refusal) problems.push(refusal);
  if (problems.length) return { ...base, snapshot: EMPTY, rejected: [], rejectedIds: [], fatal: problems.join('; ') };

  const rejected: CsvRowProblem[] = [];
  const rejectedIds: string[] = [];
  const persons: Person[] = [];
  const firstLine = new Map<string, number>();
  const protectedAt = fields.indexOf('protectedIdentity');
  for (const row of rows) {
    const get = (f: ImportField) => {
      const i = fields.indexOf(f);
      return i < 0 ? undefined : row.cells[i];
    };
    const id = get('id')?.trim();
    const reject = (reason: string, field?: ImportField, malformed = false) => {
      rejected.push({ line: row.line, reason });
      if (field) {
        const i = fields.indexOf(field);
        if (i >= 0) stats[i]!.rejected++;
      }
      // Keep the cached entry only for a well-formed row that says, readably, "not protected".
      const prot = protectedAt < 0 ? { ok: true, protectedIdentity: false } : readProtected(row.cells[protectedAt]);
      if (id && !malformed && !firstLine.has(id) && prot.ok && !prot.protectedIdentity) rejectedIds.push(id);
    };
    if (row.error) {
      reject(row.error, undefined, true);
      continue;
    }
    if (row.cells.length !== header.cells.length) {
      reject(`${row.cells.length} fields, the header has ${header.cells.length}`, undefined, true);
      continue;
    }
    if (id && firstLine.has(id)) {
      reject(`duplicate id, first used on line ${firstLine.get(id)}`, 'id');
      continue;
    }
    const result = toPerson(get);
    if ('reason' in result) {
      reject(result.reason, result.field);
      continue;
    }
    firstLine.set(result.person.id, row.line);
    persons.push(result.person);
  }
  if (persons.length === 0) return { ...base, snapshot: EMPTY, rejected, rejectedIds, fatal: 'no row could be imported' };
  return { ...base, snapshot: { persons, units: [], shared: [] }, rejected, rejectedIds };
}
