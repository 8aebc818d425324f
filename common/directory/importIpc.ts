// The import preview and the saved mapping over IPC (issue 11): main reads the configured source
// (CSV file or LDAP) with a candidate mapping and says, per column, what it maps to and what went
// wrong, without writing anything; "Spara mappning" stores the mapping on the source in settings.
import { z } from 'zod';
import { ColumnChoice, ColumnHow, ImportMapping } from './importMapping';

export const PreviewColumn = z.object({
  header: z.string(),
  field: z.union([ColumnChoice, z.literal('unknown')]),
  how: ColumnHow,
  /** Rows (entries) with a non-empty value in this column. */
  samples: z.number().int(),
  /** Rows this column's value made fail. */
  rejected: z.number().int(),
});
export type PreviewColumnT = z.infer<typeof PreviewColumn>;

/** At most this many rejected rows are listed; `rejectedCount` has them all. */
export const PREVIEW_REJECTED_LIMIT = 50;

export const ImportPreview = z.object({
  source: z.enum(['csv', 'ldap']),
  /** True when a sync with this mapping would import (no fatal problem). */
  ok: z.boolean(),
  /** Why the source as a whole would be refused (nothing would be written). */
  fatal: z.string().optional(),
  /** True when no column holds the protected identity and the mapping does not state there is none (then refused). */
  missingProtectedColumn: z.boolean(),
  /** Rows (CSV) or entries (LDAP) read, and how many would be imported. */
  rows: z.number().int(),
  importable: z.number().int(),
  columns: z.array(PreviewColumn),
  /** Columns reported as unknown ("okänd kolumn"): their values are not imported. */
  unknownColumns: z.array(z.string()),
  /** The first rejected rows: CSV line, or for LDAP the entry's position (from 1) in the search result. */
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })).max(PREVIEW_REJECTED_LIMIT),
  rejectedCount: z.number().int(),
  /** The mapping the preview was made with. */
  mapping: ImportMapping,
});
export type ImportPreviewT = z.infer<typeof ImportPreview>;

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const importMethods = {
  /** Preview the configured source with this mapping (default: the saved one). Writes nothing. */
  directoryPreviewImport: method(z.object({ mapping: ImportMapping.optional() }).strict(), ImportPreview),
  /** Save the mapping on the configured source in settings; later syncs use it. Returns the new preview. */
  directorySaveMapping: method(z.object({ mapping: ImportMapping }).strict(), ImportPreview),
} as const;
