// What main and the directory sync worker say to each other. Main hands the job over in
// workerData; the worker answers with messages that main checks with these schemas before using
// them: anything else is a bad message, the job fails with a logged reason and main keeps the
// index it has (D-OFFLINE).
import { z } from 'zod';
import type { SourceFetch, SourceSpec } from './source';
import type { DatabaseKey } from '../storage/databaseKey';

/** One source of a sync: rebuilt in the worker from its spec, or fetched by main and passed on. */
export type JobSource = { name: string; spec: SourceSpec } | { name: string; snapshot: SourceFetch } | { name: string; error: { code: string; message: string } };

export type DirectoryJob =
  /** Build the index over the cache as it is, store it, and hand it over. */
  | { kind: 'build'; file: string; key?: DatabaseKey }
  /** Sync the sources into the cache one by one, then build, store and hand over the index if rows moved. */
  | { kind: 'sync'; file: string; key?: DatabaseKey; now: number; sources: JobSource[] };

const Bytes = z.custom<Uint8Array>((x) => x instanceof Uint8Array, 'bytes');
const Fields = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const SourceReportMessage = z.object({
  source: z.string(),
  ok: z.boolean(),
  added: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  error: z.string().optional(),
  /** Source columns no field names, by header (reported, never dropped in silence). */
  unknownColumns: z.array(z.string().max(200)).max(1000).optional(),
  rejected: z.number().int().nonnegative().optional(),
});

export const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']), code: z.string().max(100), fields: Fields }),
  /** A source is done (applied or failed); its rows are committed when ok. */
  z.object({ type: z.literal('source'), report: SourceReportMessage }),
  /** The index head (index + row table) at a generation; the snapshot follows. */
  z.object({ type: z.literal('index'), generation: z.number().int().nonnegative(), head: Bytes }),
  z.object({ type: z.literal('snapshot'), generation: z.number().int().nonnegative(), snapshot: Bytes }),
  z.object({ type: z.literal('done') }),
  /** The job could not go on; nothing after the last `source` message was committed. */
  z.object({ type: z.literal('failed'), code: z.string().max(60), message: z.string().max(500) }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;
