// The orders register is shared (issue 13 points 1 and 4, P-ORDERS): kind 'order', one record per
// order holding the order and its dated status history (common/orders/shared.ts). The view gives
// IT and the telecom supplier's reports typed columns; operators read it like the other views.
import type { TeamMigration } from './types';

export const teamMigration0004OrdersKind: TeamMigration = {
  version: 4,
  name: 'orders-kind',
  async up(client) {
    await client.query(`
      INSERT INTO team.kinds (kind, description) VALUES
        ('order', 'An order of an extension or mobile subscription from a manager (P-ORDERS), with its status history');
      CREATE VIEW team.orders AS
        SELECT record_key AS id, value->>'kind' AS order_kind, value->>'status' AS status,
               value->>'managerName' AS manager, value->>'personName' AS person, value->>'unitId' AS unit_id,
               value->>'unitName' AS unit, (value->>'fromDate')::date AS from_date, value->>'number' AS number,
               to_timestamp((value->>'createdAt')::double precision / 1000) AS created_at, value->>'createdBy' AS created_by,
               to_timestamp((value->>'updatedAt')::double precision / 1000) AS updated_at, value->>'updatedBy' AS updated_by,
               operator, db_role, changed_at
          FROM team.records WHERE kind = 'order' AND value IS NOT NULL;
      GRANT SELECT ON team.orders TO vaxel_operator;
    `);
  },
};
