// Ready-to-merge IPC methods for the directory. To wire them, spread `directoryMethods` into
// `methods` in common/ipc/contract.ts; main validates inputs with these schemas on arrival.
import { z } from 'zod';
import { Municipality } from './model';

export const SearchFilters = z
  .object({
    municipality: Municipality.optional(),
    unitId: z.string().max(400).optional(),
    kind: z.enum(['person', 'shared']).optional(),
  })
  .strict();

export const DirectorySearchInput = z
  .object({
    query: z.string().max(200),
    filters: SearchFilters.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export const CardNumber = z.object({
  kind: z.enum(['direct', 'mobile', 'extension', 'shared']),
  value: z.string(),
  giveOut: z.boolean(),
});

export const EntryCard = z.object({
  id: z.string(),
  kind: z.enum(['person', 'shared']),
  name: z.string(),
  title: z.string(),
  municipality: Municipality,
  unitId: z.string().optional(),
  forvaltning: z.string(),
  unit: z.string(),
  roleWords: z.array(z.string()),
  notes: z.string(),
  email: z.string().optional(),
  numbers: z.array(CardNumber),
  sipUri: z.string().optional(),
  voicemailUri: z.string().optional(),
  warning: z.literal('protected-identity').optional(),
});

export const DirectoryHit = z.object({
  card: EntryCard,
  matched: z.enum(['name', 'role', 'title', 'unit', 'email', 'notes', 'number', 'extension', 'none']),
});

export const DirectoryStatus = z.object({
  entries: z.number().int(),
  /** ISO time of the last successful sync, absent before the first one. */
  lastGoodSyncAt: z.string().optional(),
  /** Age of the cached data in milliseconds at the time of the call. */
  ageMs: z.number().optional(),
  lastError: z.object({ at: z.string(), source: z.string(), code: z.string(), message: z.string() }).optional(),
  syncing: z.boolean(),
});

export const SyncReport = z.object({
  ok: z.boolean(),
  sources: z.array(
    z.object({
      source: z.string(),
      ok: z.boolean(),
      added: z.number().int(),
      changed: z.number().int(),
      removed: z.number().int(),
      error: z.string().optional(),
      /** Source columns (CSV headers, LDAP attributes) no field is mapped to: reported, not imported. */
      unknownColumns: z.array(z.string()).optional(),
      /** Rows or entries left out, each for a reason (the preview lists them). */
      rejected: z.number().int().optional(),
    }),
  ),
});

export const CsvImportReport = z.object({
  ok: z.boolean(),
  imported: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Headers no field is mapped to ("okänd kolumn"): reported, their cells not imported. */
  unknownColumns: z.array(z.string()),
  error: z.string().optional(),
});

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const directoryMethods = {
  directorySearch: method(DirectorySearchInput, z.array(DirectoryHit)),
  directoryLookupNumber: method(z.object({ raw: z.string().max(300) }).strict(), z.array(DirectoryHit)),
  directorySyncNow: method(z.undefined(), SyncReport),
  directoryStatus: method(z.undefined(), DirectoryStatus),
  directoryImportCsv: method(z.object({ text: z.string().max(50_000_000), source: z.string().max(100).optional() }).strict(), CsvImportReport),
} as const;

export type DirectoryStatusT = z.infer<typeof DirectoryStatus>;
export type SyncReportT = z.infer<typeof SyncReport>;
export type CsvImportReportT = z.infer<typeof CsvImportReport>;
