// The LDAP / Active Directory source: a paged search under a base DN, each entry mapped to a
// Person. Entries that cannot be used are counted (never logged by name) and left out.
import { Client, InvalidCredentialsError } from 'ldapts';
import type { DirectorySnapshot, Person } from '../../../common/directory/model';
import type { Logger } from '../log/logger';
import { AD_DEFAULT_MAPPING, entryToPerson, mappedAttributes } from './ldapMapping';
import { SyncError, type DirectorySource, type LdapSpec } from './source';

export interface LdapSourceOptions extends LdapSpec {
  log: Logger;
}

export const AD_USER_FILTER = '(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))';

export function createLdapSource(options: LdapSourceOptions): DirectorySource {
  const mapping = { ...AD_DEFAULT_MAPPING, ...options.mapping };
  const name = options.name ?? 'ldap';
  const { log: _log, ...plain } = options;
  return {
    name,
    spec: { kind: 'ldap', options: plain },
    async fetch(): Promise<DirectorySnapshot> {
      const timeout = options.timeoutMs ?? 10_000;
      const client = new Client({ url: options.url, timeout, connectTimeout: timeout });
      const persons: Person[] = [];
      let skipped = 0;
      try {
        await client.bind(options.bindDN, options.bindPassword);
        const pages = client.searchPaginated(options.baseDN, {
          scope: 'sub',
          filter: options.filter ?? AD_USER_FILTER,
          attributes: mappedAttributes(mapping),
          explicitBufferAttributes: mapping.id === 'objectGUID' ? ['objectGUID'] : [],
          paged: { pageSize: options.pageSize ?? 500 },
        });
        for await (const page of pages) {
          for (const entry of page.searchEntries) {
            const p = entryToPerson(entry, mapping, options.defaultMunicipality);
            if (p) persons.push(p);
            else skipped++;
          }
        }
      } catch (error) {
        throw classify(error);
      } finally {
        await client.unbind().catch(() => undefined);
      }
      if (skipped) options.log.warn('directory.ldap-entries-skipped', { source: name, skipped });
      return { persons, units: [], shared: [] };
    },
  };
}

function classify(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  if (error instanceof InvalidCredentialsError) return new SyncError('auth', 'the directory server refused the bind credentials');
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET' || /timeout|timed out/i.test(message)) {
    return new SyncError('unreachable', `the directory server could not be reached (${typeof code === 'string' ? code : message.slice(0, 120)})`);
  }
  return new SyncError('failed', `the directory search failed: ${message.slice(0, 200)}`);
}
