// Demo-organisation people as LDIF in the shape Active Directory has them (AD attribute names on
// inetOrgPerson plus the lab's vaxelAdUser auxiliary class), for seeding and changing a slapd.

export interface LdifPerson {
  id: string;
  givenName: string;
  surname: string;
  title: string;
  municipality: 'essunga' | 'grastorp';
  forvaltning: string;
  unit: string;
  extension?: string | undefined;
  directNumber?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  sipUri?: string | undefined;
  voicemailUri?: string | undefined;
  roleWords: string[];
  notes: string;
  protectedIdentity: boolean;
}

export const BASE_DN = 'dc=vaxel,dc=lab';
export const PEOPLE_DN = `ou=people,${BASE_DN}`;
export const personDn = (id: string) => `uid=${id},${PEOPLE_DN}`;
const COMPANY = { essunga: 'Essunga kommun', grastorp: 'Grästorps kommun' } as const;

/** A value as LDIF wants it: base64 (name:: value) when it is not plain ASCII. */
function line(name: string, value: string): string {
  return /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value) && !/ $/.test(value) ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

export function personAttributes(p: LdifPerson): Array<[string, string]> {
  const attrs: Array<[string, string | undefined]> = [
    ['objectClass', 'inetOrgPerson'],
    ['objectClass', 'vaxelAdUser'],
    ['uid', p.id],
    ['cn', `${p.givenName} ${p.surname}`],
    ['displayName', `${p.givenName} ${p.surname}`],
    ['givenName', p.givenName],
    ['sn', p.surname],
    ['title', p.title || undefined],
    ['company', COMPANY[p.municipality]],
    ['division', p.forvaltning || undefined],
    ['department', p.unit || undefined],
    ['ipPhone', p.extension || undefined],
    ['telephoneNumber', p.directNumber || undefined],
    ['mobile', p.mobile || undefined],
    ['mail', p.email || undefined],
    ['msRTCSIP-PrimaryUserAddress', p.sipUri || undefined],
    ['extensionAttribute1', p.roleWords.join(', ') || undefined],
    ['extensionAttribute2', p.protectedIdentity ? 'TRUE' : undefined],
    ['extensionAttribute3', p.voicemailUri || undefined],
    ['info', p.notes || undefined],
  ];
  return attrs.filter((a): a is [string, string] => a[1] !== undefined);
}

export function baseLdif(readerDn: string, readerPassword: string): string {
  return [
    [`dn: ${BASE_DN}`, 'objectClass: dcObject', 'objectClass: organization', 'dc: vaxel', 'o: Vaxel lab'],
    [`dn: ${PEOPLE_DN}`, 'objectClass: organizationalUnit', 'ou: people'],
    [`dn: ${readerDn}`, 'objectClass: organizationalRole', 'objectClass: simpleSecurityObject', 'cn: reader', line('userPassword', readerPassword)],
  ]
    .map((e) => e.join('\n'))
    .join('\n\n');
}

export function personLdif(p: LdifPerson): string {
  return [`dn: ${personDn(p.id)}`, ...personAttributes(p).map(([k, v]) => line(k, v))].join('\n');
}
