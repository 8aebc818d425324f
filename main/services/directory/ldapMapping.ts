// Which LDAP attribute holds which directory field. Defaults are Active Directory's; an OpenLDAP
// or a differently configured AD overrides single entries (e.g. id: 'entryUUID').
import type { Entry } from 'ldapts';
import { Person, type Municipality } from '../../../common/directory/model';
import { fold } from '../../../common/directory/normalize';
import { toE164 } from '../../../common/directory/phone';

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
  /** Comma-separated role words (AD has no such attribute; an extensionAttribute is customary). */
  roleWords: string;
  notes: string;
  /** Any of TRUE, Ja, 1, skyddad marks a protected identity. */
  protectedIdentity: string;
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
  protectedIdentity: 'extensionAttribute2',
};

export function mappedAttributes(m: AttributeMapping): string[] {
  return [...new Set(Object.values(m))];
}

function first(entry: Entry, attr: string): string | undefined {
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

/** One LDAP entry as a Person, or undefined when it lacks what a directory entry needs. */
export function entryToPerson(entry: Entry, m: AttributeMapping, defaultMunicipality?: Municipality): Person | undefined {
  const get = (attr: string) => first(entry, attr);
  let givenName = get(m.givenName) ?? '';
  let surname = get(m.surname) ?? '';
  const display = get(m.displayName);
  if (!givenName && !surname && display) {
    const parts = display.split(/\s+/);
    surname = parts.pop() ?? '';
    givenName = parts.join(' ');
  }
  const municipality = municipalityOf(get(m.municipality), defaultMunicipality);
  const number = (attr: string) => {
    const v = get(attr);
    return v ? toE164(v) : undefined;
  };
  const ext = get(m.extension)?.replace(/[\s-]/g, '');
  const sip = get(m.sipUri);
  const raw = {
    id: get(m.id),
    givenName,
    surname,
    title: get(m.title) ?? '',
    municipality,
    forvaltning: get(m.forvaltning) ?? '',
    unit: get(m.unit) ?? '',
    extension: ext && /^\d{2,8}$/.test(ext) ? ext : undefined,
    directNumber: number(m.directNumber),
    mobile: number(m.mobile),
    email: get(m.email),
    sipUri: sip ? (/^sips?:/i.test(sip) ? sip : `sip:${sip}`) : undefined,
    voicemailUri: get(m.voicemailUri),
    roleWords: (get(m.roleWords) ?? '').split(/[,|;]/).map((w) => w.trim()).filter(Boolean),
    notes: get(m.notes) ?? '',
    protectedIdentity: ['true', 'ja', '1', 'yes', 'skyddad'].includes(fold(get(m.protectedIdentity) ?? '')),
  };
  const parsed = Person.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
