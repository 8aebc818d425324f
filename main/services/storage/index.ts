export { headerProblem, moveAsideWithCompanions, openDatabase, type OpenDatabaseOptions, type OpenedDatabase, type SqliteDatabase } from './database';
export { DatabaseKeyError, databaseKeyFile, loadOrCreateDatabaseKey, type DatabaseKey } from './databaseKey';
export { SealedDatabaseError, fileKind, openSealedConnection } from './sealed';
export { runMigrations, userVersion, MigrationError } from './migrate';
export { migrations, type Migration } from './migrations';
