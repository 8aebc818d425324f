// The directory's part of the IPC contract as the console wires it: the methods the directory
// engineer defined in common/directory/ipc.ts, plus what the console's search panel needs beside
// them (the unit list for the "Enhet" filter and the card's notices and opening hours) and the
// `directoryChanged` event main sends after every sync.
import { z } from 'zod';
import { Unit } from '../directory/model';
import { DirectoryStatus, EntryCard, directoryMethods } from '../directory/ipc';
import { unitNoticeMethods } from '../directory/notices';
import { importMethods } from '../directory/importIpc';

export const DirectorySnapshotPart = z.object({
  generation: z.number().int(),
  part: z.number().int(),
  parts: z.number().int(),
  bytes: z.number().int(),
  data: z.string(),
});
export type DirectorySnapshotPartT = z.infer<typeof DirectorySnapshotPart>;

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const directoryContractMethods = {
  ...directoryMethods,
  /** Notices and opening hours the operator records for a unit (P-CHANGES); `directoryChanged` follows. */
  ...unitNoticeMethods,
  /** The import preview and the saved per-source mapping (issue 11, P-SECRECY). */
  ...importMethods,
  /** Every unit and förvaltning in the cache: few (tens), with opening hours and notices (P-CHANGES). */
  directoryUnits: method(z.undefined(), z.array(Unit)),
  /**
   * One part of the renderer's copy of the directory (common/directory/snapshot.ts): index bytes and
   * display rows without a protected identity's numbers, e-mail or notes, in base64 (JSON-safe for
   * both hosts). Null past the last part. Parts of different generations do not fit together.
   */
  directorySnapshot: method(z.object({ part: z.number().int().min(0).max(1_000_000) }).strict(), DirectorySnapshotPart.nullable()),
  /** The full card of a hit the renderer found in its snapshot (protected rule of card.ts applied). */
  directoryCard: method(z.object({ kind: z.enum(['person', 'shared']), id: z.string().min(1).max(400) }).strict(), EntryCard.nullable()),
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
