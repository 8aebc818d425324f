// The bare PostgreSQL starter for tests that migrate by themselves (e.g. through the admin CLI).
export { postgresAvailable, startPostgres, type Postgres } from '../../lab/postgres/startPostgres';
