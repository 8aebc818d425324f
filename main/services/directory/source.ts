// What the sync needs from a source: a name (cache rows are owned per source) and a full fetch.
// A source may also preview its import (what each column maps to) without anything being written.
// A source made from the settings also carries its `spec`, plain data the sync worker rebuilds it
// from, so the reading and parsing happen off main's thread (sourceSpec.ts).
import type { DirectorySnapshot, Municipality } from '../../../common/directory/model';
import type { ImportMapping } from '../../../common/directory/importMapping';
import type { ImportPreviewT } from '../../../common/directory/importIpc';
import type { AttributeMapping } from './ldapMapping';

/** What a fetch noticed beside the snapshot: reported columns, rejected rows, cached entries to keep. */
export interface FetchReport {
  unknownColumns: string[];
  rejected: number;
  /** Ids of rejected rows whose last good cached entry stays (rows that read clearly "not protected"). */
  keepIds?: string[];
}

export interface SourceFetch extends DirectorySnapshot {
  report?: FetchReport;
}

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
  /** Field → attribute overrides of the AD defaults (code or lab configuration). */
  mapping?: Partial<AttributeMapping>;
  /** The source's saved import mapping (attribute → field, or "no protected attribute"). */
  importMapping?: ImportMapping;
  /** For entries whose municipality attribute is empty. */
  defaultMunicipality?: Municipality;
  timeoutMs?: number;
}

export type SourceSpec = { kind: 'csv'; name: string; path: string; mapping?: ImportMapping } | { kind: 'ldap'; options: LdapSpec };

export interface DirectorySource {
  readonly name: string;
  fetch(): Promise<SourceFetch>;
  /** Read the source with this mapping (default: the source's own) and report per column; writes nothing. */
  preview?(mapping?: ImportMapping): Promise<ImportPreviewT>;
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
