// Which LDAP attribute holds which directory field (issue 11, P-SECRECY). Defaults are Active
// Directory's; an OpenLDAP or a differently configured AD overrides single entries (e.g. id:
// 'entryUUID'), and the saved import mapping (attribute → field) wins over both. Every attribute
// the server returns is mapped, a known system attribute, or reported as unknown.
//
// The protected identity has NO default: AD has no standard attribute for it, and guessing one of
// the free extensionAttributes is exactly how a flag silently vanishes. It must be configured, be
// recognised by name (e.g. an attribute "protectedIdentity" or "sekretessmarkering"), or the mapping
// must state the directory has none; otherwise the sync is refused. An absent attribute on an entry
// means "not protected" (LDAP stores no empty values); a value that is not a clear yes or no
// rejects the entry.
import type { Entry } from 'ldapts';
import { Person, type Municipality } from '../../../common/directory/model';
import { fold } from '../../../common/directory/normalize';
import { toE164 } from '../../../common/directory/phone';
import { fieldBySynonym, headerKey, protectedColumnRefusal, type ColumnMatch, type ImportField, type ImportMapping } from '../../../common/directory/importMapping';
import { readProtected, splitForvaltningUnit, splitRoles } from '../../../common/directory/importValues';

export interface AttributeMapping {
  /** A stable, never reused id: objectGUID in AD, entryUUID in OpenLDAP. */
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  title: string;
  /** The unit (AD "department") and the förvaltning above it (AD "division"). */
  unit: string;
  forvaltning: string;
  /** Which municipality; its value must name Essunga or Grästorp (AD "company"). */
  municipality: string;
  directNumber: string;
  mobile: string;
  email: string;
  /** The internal extension (AD "ipPhone"). */
  extension: string;
  sipUri: string;
  voicemailUri: string;
  /** Role words separated by ',', ';' or '|' (AD has no such attribute; an extensionAttribute is customary). */
  roleWords: string;
  notes: string;
  /** Which attribute marks a protected identity; no default (see the top of this file). */
  protectedIdentity?: string;
}

export const AD_DEFAULT_MAPPING: AttributeMapping = {
  id: 'objectGUID',
  displayName: 'displayName',
  givenName: 'givenName',
  surname: 'sn',
  title: 'title',
  unit: 'department',
  forvaltning: 'division',
  municipality: 'company',
  directNumber: 'telephoneNumber',
  mobile: 'mobile',
  email: 'mail',
  extension: 'ipPhone',
  sipUri: 'msRTCSIP-PrimaryUserAddress',
  voicemailUri: 'extensionAttribute3',
  roleWords: 'extensionAttribute1',
  notes: 'info',
};

/** The import field each attribute-mapping key stands for. */
const FIELD_OF: Record<keyof AttributeMapping, ImportField> = {
  id: 'id',
  displayName: 'fullName',
  givenName: 'givenName',
  surname: 'surname',
  title: 'title',
  unit: 'unit',
  forvaltning: 'forvaltning',
  municipality: 'municipality',
  directNumber: 'directNumber',
  mobile: 'mobile',
  email: 'email',
  extension: 'extension',
  sipUri: 'sipUri',
  voicemailUri: 'voicemailUri',
  roleWords: 'roleWords',
  notes: 'notes',
  protectedIdentity: 'protectedIdentity',
};

/** Attributes every directory has that carry no directory field: listed as system, not unknown. */
const SYSTEM = new Set(
  [
    'dn',
    'objectClass',
    'cn',
    'uid',
    'name',
    'distinguishedName',
    'sAMAccountName',
    'sAMAccountType',
    'userPrincipalName',
    'objectSid',
    'objectGUID',
    'objectCategory',
    'entryUUID',
    'entryDN',
    'userPassword',
    'whenCreated',
    'whenChanged',
    'createTimestamp',
    'modifyTimestamp',
    'creatorsName',
    'modifiersName',
    'uSNCreated',
    'uSNChanged',
    'memberOf',
    'member',
    'userAccountControl',
    'accountExpires',
    'badPasswordTime',
    'badPwdCount',
    'codePage',
    'countryCode',
    'instanceType',
    'lastLogon',
    'lastLogoff',
    'lastLogonTimestamp',
    'logonCount',
    'primaryGroupID',
    'pwdLastSet',
    'dSCorePropagationData',
    'mailNickname',
    'proxyAddresses',
    'legacyExchangeDN',
    'showInAddressBook',
    'msDS-SupportedEncryptionTypes',
    'isCriticalSystemObject',
    'structuralObjectClass',
    'entryCSN',
    'hasSubordinates',
    'subschemaSubentry',
  ].map(headerKey),
);

/** The mapping resolved against the attributes a server returned. */
export interface ResolvedLdapMapping {
  /** Field → attribute name. */
  attributes: Partial<Record<ImportField, string>>;
  /** Every attribute seen, with its field ('ignore' with how 'system' for system attributes). */
  columns: ColumnMatch[];
  unknown: string[];
  /** Set when the mapping names no protected identity and does not state there is none. */
  refusal?: string;
}

/** The attributes to ask the server for: all user attributes, and the configured ones (entryUUID is operational). */
export function requestedAttributes(code: Partial<AttributeMapping>, saved?: ImportMapping): string[] {
  const named = [...Object.values({ ...AD_DEFAULT_MAPPING, ...code }), ...Object.keys(saved?.columns ?? {})].filter((a): a is string => !!a);
  return ['*', ...new Set(named)];
}

/**
 * Which attribute holds each field: the saved choices first, then the code's mapping, then the AD
 * defaults, then the synonym table for attributes still unclaimed.
 */
export function resolveLdapMapping(seen: readonly string[], code: Partial<AttributeMapping>, saved?: ImportMapping): ResolvedLdapMapping {
  const attributes: Partial<Record<ImportField, string>> = {};
  const byKey = new Map<string, ImportField | 'ignore'>();
  const claim = (field: ImportField | 'ignore', attr: string | undefined) => {
    if (!attr || byKey.has(headerKey(attr))) return;
    if (field !== 'ignore') {
      if (attributes[field]) return;
      attributes[field] = seen.find((s) => headerKey(s) === headerKey(attr)) ?? attr;
    }
    byKey.set(headerKey(attr), field);
  };
  const how = new Map<string, ColumnMatch['how']>();
  for (const [attr, field] of Object.entries(saved?.columns ?? {})) {
    claim(field, attr);
    how.set(headerKey(attr), 'saved');
  }
  for (const [k, attr] of Object.entries(code)) if (attr) claim(FIELD_OF[k as keyof AttributeMapping], attr);
  for (const [k, attr] of Object.entries(AD_DEFAULT_MAPPING)) claim(FIELD_OF[k as keyof AttributeMapping], attr);
  for (const attr of seen) {
    const field = fieldBySynonym(attr);
    if (field && !byKey.has(headerKey(attr)) && !SYSTEM.has(headerKey(attr))) {
      claim(field, attr);
      how.set(headerKey(attr), 'synonym');
    }
  }
  // Attributes the configuration names but no entry has are listed too (with no values), so the
  // preview shows where a configured protected flag was looked for.
  const named = [...Object.keys(saved?.columns ?? {}), ...Object.values(code)].filter((a): a is string => !!a);
  const listed = [...seen, ...named.filter((a, i) => named.indexOf(a) === i && !seen.some((s) => headerKey(s) === headerKey(a)))];
  const columns: ColumnMatch[] = listed.map((header) => {
    const key = headerKey(header);
    const field = byKey.get(key);
    if (field) return { header, field, how: how.get(key) ?? (seen.includes(header) ? 'default' : 'saved') };
    if (SYSTEM.has(key)) return { header, field: 'ignore', how: 'system' };
    return { header, field: 'unknown', how: 'none' };
  });
  const unknown = columns.filter((c) => c.field === 'unknown').map((c) => c.header);
  const refusal = protectedColumnRefusal(attributes.protectedIdentity ? [{ header: attributes.protectedIdentity, field: 'protectedIdentity', how: 'saved' }] : [], saved, 'attribute');
  return { attributes, columns, unknown, ...(refusal ? { refusal } : {}) };
}

function first(entry: Entry, attr: string | undefined): string | undefined {
  if (!attr) return undefined;
  const v = entry[attr] ?? entry[Object.keys(entry).find((k) => k.toLowerCase() === attr.toLowerCase()) ?? ''];
  const one = Array.isArray(v) ? v[0] : v;
  if (one === undefined) return undefined;
  // Binary ids (objectGUID) arrive as buffers; hex keeps them stable and printable.
  return Buffer.isBuffer(one) ? one.toString('hex') : String(one).trim() || undefined;
}

function municipalityOf(value: string | undefined, fallback?: Municipality): Municipality | undefined {
  const f = fold(value ?? '');
  if (f.includes('essunga')) return 'essunga';
  if (f.includes('grastorp')) return 'grastorp';
  return fallback;
}

export type EntryResult = { person: Person } | { reason: string; field?: ImportField };

/** One LDAP entry as a Person, or why not. */
export function entryToPerson(entry: Entry, m: ResolvedLdapMapping['attributes'], defaultMunicipality?: Municipality): EntryResult {
  const get = (field: ImportField) => first(entry, m[field]);
  const prot = readProtected(get('protectedIdentity'));
  if (!prot.ok) return { reason: `protectedIdentity: ${prot.reason}`, field: 'protectedIdentity' };
  let givenName = get('givenName') ?? '';
  let surname = get('surname') ?? '';
  const display = get('fullName');
  if (!givenName && !surname && display) {
    const parts = display.split(/\s+/);
    surname = parts.pop() ?? '';
    givenName = parts.join(' ');
  }
  const municipality = municipalityOf(get('municipality'), defaultMunicipality);
  const both = splitForvaltningUnit(get('forvaltningUnit'));
  const number = (field: ImportField) => {
    const v = get(field);
    return v ? toE164(v) : undefined;
  };
  const ext = get('extension')?.replace(/[\s-]/g, '');
  const sip = get('sipUri');
  const raw = {
    id: get('id'),
    givenName,
    surname,
    title: get('title') ?? '',
    municipality,
    forvaltning: get('forvaltning') ?? both.forvaltning,
    unit: get('unit') ?? both.unit,
    extension: ext && /^\d{2,8}$/.test(ext) ? ext : undefined,
    directNumber: number('directNumber'),
    mobile: number('mobile'),
    email: get('email'),
    sipUri: sip ? (/^sips?:/i.test(sip) ? sip : `sip:${sip}`) : undefined,
    voicemailUri: get('voicemailUri'),
    roleWords: splitRoles(get('roleWords')),
    notes: get('notes') ?? '',
    protectedIdentity: prot.protectedIdentity,
  };
  if (!raw.id) return { reason: 'no id', field: 'id' };
  if (!raw.municipality) return { reason: 'no municipality', field: 'municipality' };
  const parsed = Person.safeParse(raw);
  if (parsed.success) return { person: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { reason: `${issue.path.join('.') || 'entry'}: ${issue.message}`, ...(typeof issue.path[0] === 'string' ? { field: issue.path[0] as ImportField } : {}) };
}
