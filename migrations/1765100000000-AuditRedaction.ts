import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log stays append-only, with one narrow exception for erasure: an UPDATE is let through
 * only when the transaction has set `fairops.audit_redaction` to `on` (SET LOCAL / set_config(…, true)),
 * and only if it changes nothing but `before` and `after`. The awards audit keeps the plain refusal.
 */
export class AuditRedaction1765100000000 implements MigrationInterface {
  name = 'AuditRedaction1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_log_allows_redaction_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('fairops.audit_redaction', true) = 'on'
           AND to_jsonb(NEW) - 'before' - 'after' = to_jsonb(OLD) - 'before' - 'after' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER audit_log_no_update ON audit_log`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_allows_redaction_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_update ON audit_log`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`DROP FUNCTION audit_log_allows_redaction_only()`);
  }
}
