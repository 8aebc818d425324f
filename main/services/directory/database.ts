// Opens the directory cache file with the shared storage opener (WAL, corrupt-file recovery) and
// the directory's own migrations. A separate file keeps its user_version independent of the
// console's main database, and lets the cache be thrown away and rebuilt by a sync.
import { openDatabase, type OpenedDatabase } from '../storage';
import type { Logger } from '../log/logger';
import { directoryMigrations } from './migrations';

export function openDirectoryDatabase(file: string, log: Logger): OpenedDatabase {
  return openDatabase({ file, log, migrations: directoryMigrations });
}
