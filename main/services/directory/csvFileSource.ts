// A CSV export on disk (settings.directory = { kind: 'csv', path, mapping }) as a sync source. The
// file is read asynchronously; the parse is the directory's own CSV import with the source's saved
// mapping. A file that is gone or cannot be imported (no protected-identity column among them)
// fails the sync with a reason, and the cache stays as it was.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportMapping } from '../../../common/directory/importMapping';
import { convertCsv } from './csvImport';
import { previewCsv } from './importPreview';
import { SyncError, type DirectorySource, type SourceFetch } from './source';

export function createCsvFileSource(file: string, name = 'csv', mapping?: ImportMapping): DirectorySource {
  const read = async () => {
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new SyncError('unreachable', `the CSV file ${path.basename(file)} could not be read (${code})`);
    }
  };
  return {
    name,
    spec: { kind: 'csv', name, path: file, ...(mapping ? { mapping } : {}) },
    async fetch(): Promise<SourceFetch> {
      const conversion = convertCsv(await read(), mapping);
      if (conversion.fatal) throw new SyncError('invalid-data', `the CSV file ${path.basename(file)} could not be imported: ${conversion.fatal}`);
      return {
        ...conversion.snapshot,
        report: { unknownColumns: conversion.unknownColumns, rejected: conversion.rejected.length, keepIds: conversion.rejectedIds },
      };
    },
    async preview(candidate = mapping) {
      return previewCsv(await read(), candidate);
    },
  };
}
