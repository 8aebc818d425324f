export { headerProblem, moveAsideWithCompanions, openDatabase, type OpenDatabaseOptions, type OpenedDatabase, type SqliteDatabase } from './database';
export { DatabaseKeyError, databaseKeyFile, loadOrCreateDatabaseKey, type DatabaseKey } from './databaseKey';
export { SealedDatabaseError, openSealedConnection } from './sealed';
export { fileKind } from './sqliteFileKind';
export { runMigrations, userVersion, MigrationError } from './migrate';
export { migrations, type Migration } from './migrations';
