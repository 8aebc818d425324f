// The directory cache lives in its own database file, so its user_version counts only these.
import type { Migration } from '../../storage/migrations/types';
import { migration0001DirectoryCache } from './0001-directory-cache';
import { migration0002DirectoryIndex } from './0002-directory-index';
import { migration0003UnitNotices } from './0003-unit-notices';
import { migration0004NoticeReporter } from './0004-notice-reporter';

export const directoryMigrations: readonly Migration[] = [migration0001DirectoryCache, migration0002DirectoryIndex, migration0003UnitNotices, migration0004NoticeReporter];
