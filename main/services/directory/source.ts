// What the sync needs from a source: a name (cache rows are owned per source) and a full fetch.
import type { DirectorySnapshot } from '../../../common/directory/model';

export interface DirectorySource {
  readonly name: string;
  fetch(): Promise<DirectorySnapshot>;
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
