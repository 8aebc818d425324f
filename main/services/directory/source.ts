// What the sync needs from a source: a name (cache rows are owned per source) and a full fetch.
// A source made from the settings also carries its `spec`, plain data the sync worker rebuilds it
// from, so the reading and parsing happen off main's thread (sourceSpec.ts).
import type { DirectorySnapshot } from '../../../common/directory/model';
import type { Municipality } from '../../../common/directory/model';
import type { AttributeMapping } from './ldapMapping';

/** An LDAP / AD source as plain data (ldapSource.ts adds the logger). */
export interface LdapSpec {
  name?: string;
  url: string;
  bindDN: string;
  bindPassword: string;
  baseDN: string;
  /** Defaults to enabled AD user accounts. */
  filter?: string;
  pageSize?: number;
  mapping?: Partial<AttributeMapping>;
  /** For entries whose municipality attribute is empty. */
  defaultMunicipality?: Municipality;
  timeoutMs?: number;
}

export type SourceSpec = { kind: 'csv'; name: string; path: string } | { kind: 'ldap'; options: LdapSpec };

export interface DirectorySource {
  readonly name: string;
  fetch(): Promise<DirectorySnapshot>;
  readonly spec?: SourceSpec;
}

export type SyncErrorCode = 'unreachable' | 'auth' | 'empty-result' | 'invalid-data' | 'failed';

/** A sync failure with a short code the UI can translate and a reason for the operator. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}
