// The LDAP / Active Directory source: a paged search under a base DN for all user attributes, the
// mapping resolved against the attributes the server returned (ldapMapping.ts), each entry mapped
// to a Person. A mapping with no protected-identity attribute is refused (unless it states there is
// none); entries that cannot be used are counted (never logged by name) and left out; attributes
// with no field are reported by name.
import { Client, InvalidCredentialsError, type Entry } from 'ldapts';
import type { Person } from '../../../common/directory/model';
import type { ImportMapping } from '../../../common/directory/importMapping';
import type { Logger } from '../log/logger';
import { entryToPerson, requestedAttributes, resolveLdapMapping, type ResolvedLdapMapping } from './ldapMapping';
import { toPreview } from './importPreview';
import { SyncError, type DirectorySource, type LdapSpec, type SourceFetch } from './source';

export interface LdapSourceOptions extends LdapSpec {
  log: Logger;
}

export const AD_USER_FILTER = '(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))';

interface Read {
  resolved: ResolvedLdapMapping;
  entries: number;
  persons: Person[];
  rejected: Array<{ line: number; reason: string }>;
  stats: Array<{ samples: number; rejected: number }>;
}

export function createLdapSource(options: LdapSourceOptions): DirectorySource {
  const name = options.name ?? 'ldap';
  const code = options.mapping ?? {};

  const search = async (mapping: ImportMapping | undefined): Promise<Entry[]> => {
    const timeout = options.timeoutMs ?? 10_000;
    const client = new Client({ url: options.url, timeout, connectTimeout: timeout });
    const entries: Entry[] = [];
    try {
      await client.bind(options.bindDN, options.bindPassword);
      const pages = client.searchPaginated(options.baseDN, {
        scope: 'sub',
        filter: options.filter ?? AD_USER_FILTER,
        attributes: requestedAttributes(code, mapping),
        explicitBufferAttributes: ['objectGUID'],
        paged: { pageSize: options.pageSize ?? 500 },
      });
      for await (const page of pages) entries.push(...page.searchEntries);
    } catch (error) {
      throw classify(error);
    } finally {
      await client.unbind().catch(() => undefined);
    }
    return entries;
  };

  /** Resolve the mapping against every attribute seen, then convert; entries are numbered from 1. */
  const read = async (mapping: ImportMapping | undefined): Promise<Read> => {
    const entries = await search(mapping);
    // ldapts lists every requested attribute on every entry, empty when absent: only values count.
    const present = (e: Entry) => Object.keys(e).filter((k) => k !== 'dn' && k !== '*' && hasValue(e[k]));
    const seen = new Map<string, string>();
    for (const e of entries) for (const k of present(e)) if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), k);
    const resolved = resolveLdapMapping([...seen.values()], code, mapping);
    const index = new Map(resolved.columns.map((c, i) => [c.header.toLowerCase(), i]));
    const stats = resolved.columns.map(() => ({ samples: 0, rejected: 0 }));
    const persons: Person[] = [];
    const rejected: Read['rejected'] = [];
    for (const entry of entries) {
      for (const k of present(entry)) {
        const i = index.get(k.toLowerCase());
        if (i !== undefined) stats[i]!.samples++;
      }
    }
    if (resolved.refusal) return { resolved, entries: entries.length, persons, rejected, stats };
    entries.forEach((entry, n) => {
      const result = entryToPerson(entry, resolved.attributes, options.defaultMunicipality);
      if ('person' in result) {
        persons.push(result.person);
        return;
      }
      rejected.push({ line: n + 1, reason: result.reason });
      const attr = result.field ? resolved.attributes[result.field] : undefined;
      const i = attr ? index.get(attr.toLowerCase()) : undefined;
      if (i !== undefined) stats[i]!.rejected++;
    });
    return { resolved, entries: entries.length, persons, rejected, stats };
  };

  const { log: _log, ...plain } = options;
  return {
    name,
    spec: { kind: 'ldap', options: plain },
    async fetch(): Promise<SourceFetch> {
      const r = await read(options.importMapping);
      if (r.resolved.refusal) throw new SyncError('invalid-data', `the directory could not be imported: ${r.resolved.refusal}`);
      if (r.rejected.length) options.log.warn('directory.ldap-entries-skipped', { source: name, skipped: r.rejected.length });
      if (r.resolved.unknown.length) options.log.warn('directory.ldap-unknown-attributes', { source: name, unknown: r.resolved.unknown.length });
      return { persons: r.persons, units: [], shared: [], report: { unknownColumns: r.resolved.unknown, rejected: r.rejected.length } };
    },
    async preview(candidate = options.importMapping) {
      const r = await read(candidate);
      return toPreview({
        source: 'ldap',
        fatal: r.resolved.refusal ?? (r.entries && !r.persons.length ? 'no entry could be imported' : undefined),
        rows: r.entries,
        importable: r.persons.length,
        columns: r.resolved.columns,
        stats: r.stats,
        rejected: r.rejected,
        mapping: candidate,
      });
    },
  };
}

const hasValue = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '');

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
