// A CSV export on disk (settings.directory = { kind: 'csv', path }) as a sync source. The file is
// read asynchronously; the parse is the directory's own CSV import (Swedish HR headers). A file
// that is gone or cannot be imported fails the sync with a reason, and the cache stays as it was.
import fs from 'node:fs';
import path from 'node:path';
import type { DirectorySnapshot } from '../../../common/directory/model';
import { convertCsv } from './csvImport';
import { SyncError, type DirectorySource } from './source';

export function createCsvFileSource(file: string, name = 'csv'): DirectorySource {
  return {
    name,
    spec: { kind: 'csv', name, path: file },
    async fetch(): Promise<DirectorySnapshot> {
      let text: string;
      try {
        text = await fs.promises.readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new SyncError('unreachable', `the CSV file ${path.basename(file)} could not be read (${code})`);
      }
      const conversion = convertCsv(text);
      if (conversion.fatal) throw new SyncError('invalid-data', `the CSV file ${path.basename(file)} could not be imported: ${conversion.fatal}`);
      return conversion.snapshot;
    },
  };
}
