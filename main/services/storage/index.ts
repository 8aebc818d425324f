export { headerProblem, moveAsideWithCompanions, openDatabase, type OpenDatabaseOptions, type OpenedDatabase, type SqliteDatabase } from './database';
export { runMigrations, userVersion, MigrationError } from './migrate';
export { migrations, type Migration } from './migrations';
