// Shares call log rows with the team store for statistics, one at a time in the order they changed:
// each row's transfer targets are looked up in the directory first (asynchronously), and a later
// change of a call must never be overtaken by an earlier one still resolving.
import type { Logger } from '../log/logger';
import type { CallRow } from '../callLog/merge';
import { sharedCallRecord, type TransferTargetResolver } from './callRecord';
import type { TeamShare } from './share';

export function createCallRecordSharer(options: { team: () => TeamShare | undefined; resolve: TransferTargetResolver; log: Logger }): (row: CallRow) => void {
  let chain: Promise<void> = Promise.resolve();
  return (row) => {
    if (!options.team()) return;
    chain = chain
      .then(async () => {
        const shared = await sharedCallRecord(row, options.resolve);
        if (shared) options.team()?.record('call-record', shared.key, shared.record);
      })
      .catch((error: unknown) => options.log.error('team.call-record-failed', { error: error instanceof Error ? error.name : 'unknown' }));
  };
}
