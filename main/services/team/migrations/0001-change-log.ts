// The team store's core (issue 13): one generic, audited change log for every shared kind.
// - kinds: what may be shared; registering one more (e.g. orders) is one INSERT in a migration.
// - changes: every change a console made, in the order the server took them (seq). change_id is
//   the console's UUID, unique, so a change replayed after a lost answer is applied once. db_role
//   is set by the server (session_user), so "who" cannot be forged; changed_at is the change's own
//   time, which decides a conflict (later wins).
// - records: the current value per (kind, key); value NULL is a deletion (kept as a tombstone).
// - history: every value a change replaced or a losing change's value, never rewritten.
// A BEFORE INSERT trigger on changes applies the change under one advisory lock, so seq order is
// commit order and a console that caught up to seq N never misses an N-1 committed later. An
// AFTER INSERT trigger sends pg_notify('team_changes', seq): the consoles LISTEN, no polling.
import type { TeamMigration } from './types';

export const teamMigration0001ChangeLog: TeamMigration = {
  version: 1,
  name: 'change-log',
  async up(client) {
    await client.query(`
      CREATE TABLE team.kinds (
        kind        text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
        description text NOT NULL
      );
      CREATE TABLE team.changes (
        seq             bigint PRIMARY KEY,
        change_id       uuid NOT NULL UNIQUE,
        kind            text NOT NULL REFERENCES team.kinds,
        record_key      text NOT NULL CHECK (length(record_key) BETWEEN 1 AND 400),
        value           jsonb,
        base_change_id  uuid,
        changed_at      timestamptz NOT NULL,
        operator        text NOT NULL CHECK (length(operator) BETWEEN 1 AND 200),
        db_role         text NOT NULL DEFAULT session_user,
        received_at     timestamptz NOT NULL DEFAULT now(),
        outcome         text NOT NULL DEFAULT 'applied' CHECK (outcome IN ('applied', 'won', 'lost')),
        loser_change_id uuid,
        loser_operator  text,
        loser_db_role   text
      );
      CREATE SEQUENCE team.change_seq OWNED BY team.changes.seq;
      CREATE INDEX changes_record ON team.changes (kind, record_key);
      CREATE TABLE team.records (
        kind        text NOT NULL REFERENCES team.kinds,
        record_key  text NOT NULL,
        value       jsonb,
        change_id   uuid NOT NULL,
        changed_at  timestamptz NOT NULL,
        operator    text NOT NULL,
        db_role     text NOT NULL,
        PRIMARY KEY (kind, record_key)
      );
      CREATE TABLE team.history (
        id          bigserial PRIMARY KEY,
        kind        text NOT NULL,
        record_key  text NOT NULL,
        value       jsonb,
        change_id   uuid NOT NULL,
        changed_at  timestamptz NOT NULL,
        operator    text NOT NULL,
        db_role     text NOT NULL,
        reason      text NOT NULL CHECK (reason IN ('replaced', 'lost')),
        by_change_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX history_record ON team.history (kind, record_key);

      CREATE FUNCTION team.apply_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = team, pg_temp AS $$
      DECLARE
        cur team.records%ROWTYPE;
        conflict boolean;
      BEGIN
        -- One writer at a time: seq order equals commit order (catch-up "since seq" never skips).
        PERFORM pg_advisory_xact_lock(7413001);
        IF EXISTS (SELECT 1 FROM team.changes WHERE change_id = NEW.change_id) THEN
          RETURN NULL; -- already applied: a replay after a lost answer
        END IF;
        NEW.seq := nextval('team.change_seq');
        NEW.db_role := session_user;
        NEW.received_at := now();
        NEW.loser_change_id := NULL; NEW.loser_operator := NULL; NEW.loser_db_role := NULL;
        SELECT * INTO cur FROM team.records WHERE kind = NEW.kind AND record_key = NEW.record_key FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO team.records VALUES (NEW.kind, NEW.record_key, NEW.value, NEW.change_id, NEW.changed_at, NEW.operator, NEW.db_role);
          NEW.outcome := 'applied';
          RETURN NEW;
        END IF;
        -- A conflict: the console did not see the record's current version when it made the change.
        conflict := NEW.base_change_id IS DISTINCT FROM cur.change_id;
        IF NOT conflict OR (NEW.changed_at, NEW.change_id::text) > (cur.changed_at, cur.change_id::text) THEN
          INSERT INTO team.history (kind, record_key, value, change_id, changed_at, operator, db_role, reason, by_change_id)
            VALUES (cur.kind, cur.record_key, cur.value, cur.change_id, cur.changed_at, cur.operator, cur.db_role, 'replaced', NEW.change_id);
          UPDATE team.records SET value = NEW.value, change_id = NEW.change_id, changed_at = NEW.changed_at, operator = NEW.operator, db_role = NEW.db_role
            WHERE kind = NEW.kind AND record_key = NEW.record_key;
          IF conflict THEN
            NEW.outcome := 'won';
            NEW.loser_change_id := cur.change_id; NEW.loser_operator := cur.operator; NEW.loser_db_role := cur.db_role;
          ELSE
            NEW.outcome := 'applied';
          END IF;
        ELSE
          INSERT INTO team.history (kind, record_key, value, change_id, changed_at, operator, db_role, reason, by_change_id)
            VALUES (NEW.kind, NEW.record_key, NEW.value, NEW.change_id, NEW.changed_at, NEW.operator, NEW.db_role, 'lost', cur.change_id);
          NEW.outcome := 'lost';
          NEW.loser_change_id := NEW.change_id; NEW.loser_operator := NEW.operator; NEW.loser_db_role := NEW.db_role;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER changes_apply BEFORE INSERT ON team.changes FOR EACH ROW EXECUTE FUNCTION team.apply_change();

      CREATE FUNCTION team.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('team_changes', NEW.seq::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER changes_notify AFTER INSERT ON team.changes FOR EACH ROW EXECUTE FUNCTION team.notify_change();

      -- The log is append-only, also for the admin's own mistakes.
      CREATE FUNCTION team.refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'team.% is append-only', TG_TABLE_NAME;
      END $$;
      CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON team.changes FOR EACH ROW EXECUTE FUNCTION team.refuse_rewrite();
      CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON team.history FOR EACH ROW EXECUTE FUNCTION team.refuse_rewrite();
    `);
  },
};
