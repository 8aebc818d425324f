// What the sync needs from a source: a name (cache rows are owned per source) and a full fetch.
// A source may also preview its import (what each column maps to) without anything being written.
import type { DirectorySnapshot } from '../../../common/directory/model';
import type { ImportMapping } from '../../../common/directory/importMapping';
import type { ImportPreviewT } from '../../../common/directory/importIpc';

/** What a fetch noticed beside the snapshot: reported columns, rejected rows, cached entries to keep. */
export interface SourceReport {
  unknownColumns: string[];
  rejected: number;
  /** Ids of rejected rows whose last good cached entry stays (rows that read clearly "not protected"). */
  keepIds?: string[];
}

export interface SourceFetch extends DirectorySnapshot {
  report?: SourceReport;
}

export interface DirectorySource {
  readonly name: string;
  fetch(): Promise<SourceFetch>;
  /** Read the source with this mapping (default: the source's own) and report per column; writes nothing. */
  preview?(mapping?: ImportMapping): Promise<ImportPreviewT>;
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
