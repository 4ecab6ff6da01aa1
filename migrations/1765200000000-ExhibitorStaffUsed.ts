import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The number of registered staff badges of an exhibitor, counted where the attendees are: the
 * exhibitors view shows it beside the quota (`exhibitor_staff_quota`) without its library naming the
 * attendees table (the attendees library depends on the exhibitors one, not the other way round).
 * The same rows the staff quota trigger counts.
 */
export class ExhibitorStaffUsed1765200000000 implements MigrationInterface {
  name = 'ExhibitorStaffUsed1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION exhibitor_staff_used(p_exhibitor uuid) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT count(*)::int FROM attendees
         WHERE exhibitor_id = p_exhibitor AND category = 'exhibitor_staff' AND status = 'registered'
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION exhibitor_staff_used(uuid)`);
  }
}
