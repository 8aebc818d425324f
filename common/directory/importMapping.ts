// Which directory field a source column (CSV header or LDAP attribute) holds (issue 11, P-SECRECY).
// Headers are matched by a folded key: case, diacritics, punctuation, spaces and underscores do not
// count ("Skyddad_identitet", "SKYDDAD IDENTITET" and "skyddadIdentitet" are one key). A column no
// synonym and no saved choice names is "unknown" and is reported, never dropped in silence.
//
// Synonym table (field ← headers, Swedish first; also in README "Directory import"):
//   id               ← id, anställnings-id, anställningsnummer, personnummer-fritt-id, employeeid, employee id
//   givenName        ← förnamn, tilltalsnamn, given name, firstname, first name, givenName
//   surname          ← efternamn, surname, lastname, last name, family name, sn
//   fullName         ← namn, fullständigt namn, visningsnamn, name, full name, displayName (split into given + surname)
//   title            ← titel, befattning, yrkestitel, title, job title
//   municipality     ← kommun, municipality, company, organisation
//   forvaltning      ← förvaltning, sektor, department, administration, division
//   unit             ← enhet, avdelning, arbetsplats, unit, section
//   forvaltningUnit  ← "förvaltning / enhet", "förvaltning/enhet", organisation path (split on / > » | \)
//   extension        ← anknytning, ankn, anknytningsnummer, extension, ext, ipPhone
//   directNumber     ← direktnummer, direkt, telefon, telefonnummer, arbetstelefon, direct, phone, telephoneNumber
//   mobile           ← mobil, mobilnummer, mobiltelefon, mobile, cell, cellphone
//   email            ← e-post, epost, e-postadress, email, e-mail, mail
//   sipUri           ← sip-adress, sip, sipUri, msRTCSIP-PrimaryUserAddress
//   voicemailUri     ← röstbrevlåda, röstbrevlåda-uri, voicemail, voicemailUri
//   roleWords        ← roller, roll, nyckelord, sökord, roles, keywords, tags (split on ; , |)
//   notes            ← anteckning, anteckningar, kommentar, notes, note, info
//   protectedIdentity← skyddad identitet, skyddad, sekretessmarkering, sekretess, sekretessmarkerad,
//                      skyddade personuppgifter, protected, confidential, protectedIdentity
// Note "department" means förvaltning in a CSV (HR systems name the upper level so) but the unit in
// Active Directory (AD "division" is the upper level); the LDAP mapping has its own defaults for that.
import { z } from 'zod';

export const IMPORT_FIELDS = [
  'id',
  'givenName',
  'surname',
  'fullName',
  'title',
  'municipality',
  'forvaltning',
  'unit',
  'forvaltningUnit',
  'extension',
  'directNumber',
  'mobile',
  'email',
  'sipUri',
  'voicemailUri',
  'roleWords',
  'notes',
  'protectedIdentity',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

/** A column's field, or 'ignore': the operator has seen the column and states it is not used. */
export const ColumnChoice = z.union([ImportField, z.literal('ignore')]);
export type ColumnChoice = z.infer<typeof ColumnChoice>;

/**
 * The mapping saved per source (settings.directory.mapping). `columns` overrides the synonyms by
 * header (matched folded). Without a recognised protected-identity column the source is refused
 * unless `noProtectedColumn` says, explicitly, that it has none.
 */
export const ImportMapping = z
  .object({
    columns: z.record(z.string().min(1).max(200), ColumnChoice).default({}),
    noProtectedColumn: z.boolean().default(false),
  })
  .refine((m) => !(m.noProtectedColumn && Object.values(m.columns).includes('protectedIdentity')), {
    message: 'a column is chosen as protected identity and the mapping also says there is none',
    path: ['noProtectedColumn'],
  })
  .refine((m) => Object.values(m.columns).filter((c) => c === 'protectedIdentity').length <= 1, {
    message: 'only one column can hold the protected identity',
    path: ['columns'],
  });
export type ImportMapping = z.infer<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;

const SYNONYMS: Record<ImportField, readonly string[]> = {
  id: ['id', 'anställnings-id', 'anställningsnummer', 'anstallningsnummer', 'personnummer-fritt-id', 'employeeid', 'employee id', 'anställnings id'],
  givenName: ['förnamn', 'tilltalsnamn', 'given name', 'givenname', 'firstname', 'first name'],
  surname: ['efternamn', 'surname', 'lastname', 'last name', 'family name', 'sn'],
  fullName: ['namn', 'fullständigt namn', 'visningsnamn', 'name', 'full name', 'displayname'],
  title: ['titel', 'befattning', 'yrkestitel', 'title', 'job title'],
  municipality: ['kommun', 'municipality', 'company', 'organisation'],
  forvaltning: ['förvaltning', 'sektor', 'department', 'administration', 'division'],
  unit: ['enhet', 'avdelning', 'arbetsplats', 'unit', 'section'],
  forvaltningUnit: ['förvaltning / enhet', 'förvaltning och enhet', 'förvaltning-enhet', 'organisationstillhörighet', 'department / unit', 'administration / unit'],
  extension: ['anknytning', 'ankn', 'anknytningsnummer', 'extension', 'ext', 'ipphone'],
  directNumber: ['direktnummer', 'direkt', 'telefon', 'telefonnummer', 'arbetstelefon', 'direct', 'phone', 'telephonenumber', 'telephone'],
  mobile: ['mobil', 'mobilnummer', 'mobiltelefon', 'mobile', 'cell', 'cellphone', 'mobile phone'],
  email: ['e-post', 'epost', 'e-postadress', 'email', 'e-mail', 'mail'],
  sipUri: ['sip-adress', 'sip', 'sipuri', 'msrtcsip-primaryuseraddress'],
  voicemailUri: ['röstbrevlåda', 'röstbrevlåda-uri', 'voicemail', 'voicemailuri'],
  roleWords: ['roller', 'roll', 'nyckelord', 'sökord', 'roles', 'role words', 'keywords', 'tags'],
  notes: ['anteckning', 'anteckningar', 'kommentar', 'notes', 'note', 'info'],
  protectedIdentity: [
    'skyddad identitet',
    'skyddad',
    'sekretessmarkering',
    'sekretess',
    'sekretessmarkerad',
    'skyddade personuppgifter',
    'protected',
    'confidential',
    'protectedidentity',
    'protected identity',
  ],
};

/** The folded key a header is matched by: "Förvaltning / Enhet" → "forvaltningenhet". */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

const BY_KEY = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const name of [field, ...SYNONYMS[field]]) BY_KEY.set(headerKey(name), field);

/** The synonyms of a field, for documentation and the preview's hints. */
export const synonymsOf = (field: ImportField): readonly string[] => SYNONYMS[field];

/** The field a header names by the synonym table, if any. */
export function fieldBySynonym(header: string): ImportField | undefined {
  return BY_KEY.get(headerKey(header));
}

export const ColumnHow = z.enum(['saved', 'synonym', 'default', 'system', 'none', 'duplicate']);
export type ColumnHow = z.infer<typeof ColumnHow>;

export interface ColumnMatch {
  header: string;
  /** The field, 'ignore' (the saved mapping says so), or 'unknown' (reported). */
  field: ColumnChoice | 'unknown';
  /**
   * 'saved': the mapping chose it; 'synonym': the table did; 'default': the source's defaults (LDAP);
   * 'system': an LDAP attribute with no directory field; 'duplicate': an earlier column has the field.
   */
  how: ColumnHow;
}

/**
 * Match every header to a field. A saved choice wins over the table; a field two columns claim goes
 * to the first one, and the second is reported ('duplicate', counted as unknown) rather than merged.
 */
export function matchColumns(headers: readonly string[], mapping?: ImportMapping): ColumnMatch[] {
  const saved = new Map<string, ColumnChoice>();
  for (const [header, choice] of Object.entries(mapping?.columns ?? {})) saved.set(headerKey(header), choice);
  const taken = new Set<ColumnChoice>();
  return headers.map((header) => {
    const key = headerKey(header);
    const chosen = saved.get(key);
    const field = chosen ?? BY_KEY.get(key);
    const how = chosen ? 'saved' : field ? 'synonym' : 'none';
    if (!field) return { header, field: 'unknown', how };
    if (field !== 'ignore' && taken.has(field)) return { header, field: 'unknown', how: 'duplicate' };
    taken.add(field);
    return { header, field, how };
  });
}

export const hasProtectedColumn = (columns: readonly ColumnMatch[]) => columns.some((c) => c.field === 'protectedIdentity');

/** Why a source is refused for lack of a protected-identity column, or undefined when it is not. */
export function protectedColumnRefusal(columns: readonly ColumnMatch[], mapping: ImportMapping | undefined, word = 'column'): string | undefined {
  if (hasProtectedColumn(columns) || mapping?.noProtectedColumn) return undefined;
  return `no protected-identity ${word} was recognised (e.g. "Skyddad identitet", "Sekretessmarkering", "protected"); choose it in the import mapping, or state there is none`;
}
