/**
 * The baseline of `npm run bench -- checkin`: a bare Fastify server with a pg pool of the same size
 * that verifies the badge code and runs the same scan statement as FairOps, with nothing else
 * (no framework, no authentication, no validation, no logging). Started as its own process by the bench.
 */
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { signingKeyFromPkcs8, verifyBadgeCode } from '@fairops/attendees';
import { SCAN_SQL } from '@fairops/checkin';

const env = process.env;
const pool = new Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_SIZE ?? 10) });
const key = signingKeyFromPkcs8(env.BADGE_SIGNING_KEY!);
const keys = new Map([[key.kid, key]]);
const editionId = env.BENCH_EDITION_ID!;
const app = Fastify({ logger: false });

app.get('/ready', async () => ({ status: 'ok' }));

app.post('/scan', async (request) => {
  const body = request.body as { code: string; deskId: string; nonce: string };
  const claims = verifyBadgeCode(body.code, keys);
  const preliminary = !claims ? 'invalid' : claims.editionId !== editionId ? 'other_edition' : null;
  const { text, values } = SCAN_SQL.bind({
    scanId: randomUUID(),
    editionId,
    nonce: body.nonce,
    deskId: body.deskId,
    gate: null,
    scannedBy: null,
    codeHash: createHash('sha256').update(body.code).digest(),
    attendeeId: claims && !preliminary ? claims.attendeeId : null,
    version: claims?.version ?? 0,
    scannedAt: new Date(),
    offline: false,
    preliminary,
    deskAnswer: null,
  }).compile();
  const { rows } = await pool.query(text, values);
  const row = rows[0];
  return { result: row.result, attendee: { id: row.attendee_id, firstName: row.first_name, lastName: row.last_name, organisation: row.organisation, category: row.category }, firstCheckedInAt: row.first_checked_in_at };
});

void app.listen({ port: Number(env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
