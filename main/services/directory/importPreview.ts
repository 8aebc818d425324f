// The import preview (issue 11): a CSV conversion or an LDAP read, turned into what the operator
// sees per column. Pure over its inputs; the sources call it after reading, and nothing is written.
import { ImportMapping, type ColumnMatch } from '../../../common/directory/importMapping';
import { PREVIEW_REJECTED_LIMIT, type ImportPreviewT } from '../../../common/directory/importIpc';
import { convertCsv } from './csvImport';

export interface PreviewParts {
  source: 'csv' | 'ldap';
  fatal?: string | undefined;
  rows: number;
  importable: number;
  columns: readonly ColumnMatch[];
  stats: ReadonlyArray<{ samples: number; rejected: number }>;
  rejected: ReadonlyArray<{ line: number; reason: string }>;
  mapping: ImportMapping | undefined;
}

export function toPreview(p: PreviewParts): ImportPreviewT {
  return {
    source: p.source,
    ok: !p.fatal,
    ...(p.fatal ? { fatal: p.fatal } : {}),
    missingProtectedColumn: !p.columns.some((c) => c.field === 'protectedIdentity') && !p.mapping?.noProtectedColumn,
    rows: p.rows,
    importable: p.fatal ? 0 : p.importable,
    columns: p.columns.map((c, i) => ({ header: c.header, field: c.field, how: c.how, samples: p.stats[i]?.samples ?? 0, rejected: p.stats[i]?.rejected ?? 0 })),
    unknownColumns: p.columns.filter((c) => c.field === 'unknown').map((c) => c.header),
    rejected: p.rejected.slice(0, PREVIEW_REJECTED_LIMIT).map((r) => ({ line: r.line, reason: r.reason })),
    rejectedCount: p.rejected.length,
    mapping: p.mapping ?? ImportMapping.parse({}),
  };
}

export function previewCsv(text: string, mapping?: ImportMapping): ImportPreviewT {
  const c = convertCsv(text, mapping);
  return toPreview({ source: 'csv', fatal: c.fatal, rows: c.rows, importable: c.snapshot.persons.length, columns: c.columns, stats: c.stats, rejected: c.rejected, mapping });
}
