// Every team store migration, in order. Add a file NNNN-name.ts with its own test
// (test/node/team-migration-NNNN-*.test.ts), then list it here.
import { teamMigration0001ChangeLog } from './0001-change-log';
import { teamMigration0002OperatorRole } from './0002-operator-role';
import { teamMigration0003SharedKinds } from './0003-shared-kinds';
import { teamMigration0004OrdersKind } from './0004-orders-kind';
import type { TeamMigration } from './types';

export type { TeamMigration } from './types';
export const teamMigrations: readonly TeamMigration[] = [teamMigration0001ChangeLog, teamMigration0002OperatorRole, teamMigration0003SharedKinds, teamMigration0004OrdersKind];
