// CSV import of what an HR system exports: each row becomes a Person or is rejected with its line
// and the reason. Only the good rows reach the cache (the caller applies them in one transaction).
// Headers may be the Swedish ones of an HR export ("Förnamn", "Anknytning") or the field names.
import { z } from 'zod';
import { Person, type DirectorySnapshot } from '../../../common/directory/model';
import { fold } from '../../../common/directory/normalize';
import { toE164 } from '../../../common/directory/phone';
import { parseCsv } from './csv';

export interface CsvRowProblem {
  line: number;
  reason: string;
}

export interface CsvConversion {
  snapshot: DirectorySnapshot;
  rejected: CsvRowProblem[];
  /** Ids of rejected rows that had one: their cached entries are kept, not removed. */
  rejectedIds: string[];
  /** Set when the file as a whole cannot be imported; then nothing may be written. */
  fatal?: string;
}

type Field = keyof z.input<typeof Person>;

const HEADERS: Record<string, Field> = {};
const alias = (field: Field, ...names: string[]) => [field, ...names].forEach((n) => (HEADERS[headerKey(n)] = field));
alias('id', 'anställnings-id', 'anstallningsnummer', 'employeeid', 'personnummer-fritt-id');
alias('givenName', 'förnamn');
alias('surname', 'efternamn');
alias('title', 'befattning', 'titel');
alias('municipality', 'kommun');
alias('forvaltning', 'förvaltning');
alias('unit', 'enhet', 'avdelning');
alias('extension', 'anknytning', 'ankn');
alias('directNumber', 'direktnummer', 'telefon');
alias('mobile', 'mobil', 'mobilnummer');
alias('email', 'e-post', 'epost', 'mail');
alias('sipUri', 'sip-adress');
alias('voicemailUri', 'röstbrevlåda');
alias('roleWords', 'sökord', 'roller');
alias('notes', 'anteckning', 'anteckningar');
alias('protectedIdentity', 'skyddad identitet', 'skyddad');

function headerKey(h: string): string {
  return fold(h).replace(/[^a-z0-9]/g, '');
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x', 'skyddad']);
const NO = new Set(['nej', 'n', 'no', 'false', '0', '']);
const MUNICIPALITY: Record<string, 'essunga' | 'grastorp'> = { essunga: 'essunga', essungakommun: 'essunga', grastorp: 'grastorp', grastorpskommun: 'grastorp' };

/** Turn one row's cells into a Person, or say why not. */
function toPerson(get: (f: Field) => string | undefined): { person: Person } | { reason: string } {
  const raw: Record<string, unknown> = {};
  for (const f of ['id', 'givenName', 'surname', 'title', 'forvaltning', 'unit', 'email', 'sipUri', 'voicemailUri', 'notes'] as const) {
    const v = get(f)?.trim();
    if (v) raw[f] = v;
  }
  if (!raw.id) return { reason: 'no id' };
  if (!raw.givenName && !raw.surname) return { reason: 'no name' };
  const muni = MUNICIPALITY[headerKey(get('municipality') ?? '')];
  if (!muni) return { reason: `unknown municipality "${(get('municipality') ?? '').slice(0, 40)}"` };
  raw.municipality = muni;
  for (const f of ['directNumber', 'mobile'] as const) {
    const v = get(f)?.trim();
    if (!v) continue;
    const e164 = toE164(v);
    if (!e164) return { reason: `${f} is not a phone number` };
    raw[f] = e164;
  }
  const ext = get('extension')?.replace(/[\s-]/g, '');
  if (ext) raw.extension = ext;
  const roles = get('roleWords');
  if (roles) raw.roleWords = roles.split(/[,|]/).map((w) => w.trim()).filter(Boolean);
  const prot = fold(get('protectedIdentity')?.trim() ?? '');
  if (YES.has(prot)) raw.protectedIdentity = true;
  else if (!NO.has(prot)) return { reason: `protectedIdentity must be Ja or Nej, not "${prot.slice(0, 20)}"` };
  const parsed = Person.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { reason: `${issue.path.join('.') || 'row'}: ${issue.message}` };
  }
  return { person: parsed.data };
}

export function convertCsv(text: string): CsvConversion {
  const empty: DirectorySnapshot = { persons: [], units: [], shared: [] };
  const { records, fatal } = parseCsv(text);
  if (fatal) return { snapshot: empty, rejected: [], rejectedIds: [], fatal: `line ${fatal.line}: ${fatal.reason}` };
  const [header, ...rows] = records;
  if (!header) return { snapshot: empty, rejected: [], rejectedIds: [], fatal: 'the file is empty' };
  const columns = header.cells.map((h) => HEADERS[headerKey(h)]);
  const missing = (['id', 'municipality'] as const).filter((f) => !columns.includes(f));
  if (missing.length || (!columns.includes('givenName') && !columns.includes('surname'))) {
    return { snapshot: empty, rejected: [], rejectedIds: [], fatal: `the header lacks required columns (${[...missing, 'givenName or surname'].join(', ')})` };
  }
  const rejected: CsvRowProblem[] = [];
  const rejectedIds: string[] = [];
  const persons: Person[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const get = (f: Field) => {
      const i = columns.indexOf(f);
      return i < 0 ? undefined : row.cells[i];
    };
    const id = get('id')?.trim();
    const reject = (reason: string) => {
      rejected.push({ line: row.line, reason });
      if (id && !firstLine.has(id)) rejectedIds.push(id);
    };
    if (row.error) {
      reject(row.error);
      continue;
    }
    if (row.cells.length !== header.cells.length) {
      reject(`${row.cells.length} fields, the header has ${header.cells.length}`);
      continue;
    }
    if (id && firstLine.has(id)) {
      reject(`duplicate id, first used on line ${firstLine.get(id)}`);
      continue;
    }
    const result = toPerson(get);
    if ('reason' in result) {
      reject(result.reason);
      continue;
    }
    firstLine.set(result.person.id, row.line);
    persons.push(result.person);
  }
  if (persons.length === 0) return { snapshot: empty, rejected, rejectedIds, fatal: 'no row could be imported' };
  return { snapshot: { persons, units: [], shared: [] }, rejected, rejectedIds };
}
