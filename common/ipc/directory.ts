// The directory's part of the IPC contract as the console wires it: the methods the directory
// engineer defined in common/directory/ipc.ts, plus what the console's search panel needs beside
// them (the unit list for the "Enhet" filter and the card's notices and opening hours) and the
// `directoryChanged` event main sends after every sync.
import { z } from 'zod';
import { Unit } from '../directory/model';
import { DirectoryStatus, directoryMethods } from '../directory/ipc';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const directoryContractMethods = {
  ...directoryMethods,
  /** Every unit and förvaltning in the cache: few (tens), with opening hours and notices (P-CHANGES). */
  directoryUnits: method(z.undefined(), z.array(Unit)),
} as const;

/** Sent after every sync attempt: `cacheChanged` says whether entries were added, changed or removed. */
export const DirectoryChanged = z.object({
  cacheChanged: z.boolean(),
  status: DirectoryStatus,
});
export type DirectoryChangedT = z.infer<typeof DirectoryChanged>;

export const directoryContractEvents = {
  directoryChanged: DirectoryChanged,
} as const;
