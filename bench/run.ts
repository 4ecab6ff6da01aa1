/**
 * `npm run bench -- <name>`: runs one benchmark and prints its figure beside a baseline measured in
 * the same run. Benchmarks measure ratios, never absolute times: this machine is shared and noisy.
 */
import { adminListsBench } from './admin-lists.bench';
import { badgesBench } from './badges.bench';
import { checkinBench } from './checkin.bench';
import { deskBench } from './desk.bench';
import { importBench } from './import.bench';
import { mailBench } from './mail.bench';
import { rankingBench } from './ranking.bench';

const BENCHES: Record<string, () => Promise<void>> = { import: importBench, checkin: checkinBench, ranking: rankingBench, badges: badgesBench, mail: mailBench, desk: deskBench, 'admin-lists': adminListsBench };

const name = process.argv[2];
const bench = BENCHES[name ?? ''];
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>\n`);
  process.exit(2);
}
bench().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench ${name} failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
