import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorImportService, ExhibitorsModule } from '@fairops/exhibitors';
import { benchContext, benchDatabase } from './bench-database';

const ROWS = 20_000;
const RUNS = 3;
const COUNTRIES = ['MA', 'FR', 'ES', 'SN', 'TN', 'CI', 'BE', 'CA'];
const SECTORS = ['contact_centre', 'it_services', 'recruitment', 'training', 'solution_vendor', 'telecom_equipment', 'furniture', 'other'];

/** An exhibitor-shaped CSV as a French spreadsheet writes it: semicolons, BOM, accents, Arabic, quoted fields. */
function exhibitorCsv(rows: number): string {
  const lines = ['ref;name;legal_name;country;city;sector;website;description;contact_name;contact_email;contact_phone'];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(6, '0');
    lines.push(
      [
        `REF-${n}`,
        `Société Générale d'Appels ${n}`,
        i % 5 === 0 ? `مركز الاتصال ${n}` : `Relation Client ${n} SARL`,
        COUNTRIES[i % COUNTRIES.length],
        i % 2 ? 'Oujda' : 'Saïdia',
        SECTORS[i % SECTORS.length],
        `https://www.exposant-${n}.example`,
        `"Centre de relation client; ${n} positions, ""nearshore"""`,
        `Aïcha Benali ${n}`,
        `contact-${n}@exposant.example`,
        `+2125${String(36000000 + i).padStart(8, '0')}`,
      ].join(';'),
    );
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function importBench(): Promise<void> {
  const psql = spawnSync('psql', ['--version']);
  if (psql.status !== 0) throw new Error('psql is needed for the baseline (apt-get install postgresql-client)');
  const db = await benchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'fairops-bench-'));
  const file = join(dir, 'exhibitors.csv');
  const csv = exhibitorCsv(ROWS);
  writeFileSync(file, csv);

  const app = await benchContext(db.url, [ExhibitorsModule]);
  const dataSource = app.get(DataSource);
  const imports = app.get(ExhibitorImportService);
  const editions = app.get(EditionsService);
  await dataSource.query(`CREATE TABLE bench_plain (ref text, name text, legal_name text, country text, city text, sector text, website text,
                            description text, contact_name text, contact_email text, contact_phone text)`);

  const importRates: number[] = [];
  const copyRates: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Baseline: psql's \copy of the same file into a plain table with no checks.
      await dataSource.query(`TRUNCATE bench_plain`);
      let started = process.hrtime.bigint();
      execFileSync('psql', [db.url, '-q', '-c', `\\copy bench_plain FROM '${file}' WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'UTF8')`]);
      copyRates.push(ROWS / (Number(process.hrtime.bigint() - started) / 1e9));

      // The real import: the job handler on a fresh edition (so every row is created, validated and audited).
      const edition = await editions.create(
        { slug: `bench-${run}-${Date.now()}`, name: `Bench ${run}`, editionNumber: 1, venue: 'v', city: 'c', country: 'MA', timeZone: 'Africa/Casablanca', days: [{ date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' }] },
        null,
      );
      const [{ id }] = await sqlRows<{ id: string }>(dataSource, `INSERT INTO csv_imports (kind, edition_id, file_name, content) VALUES ('exhibitors', $1, 'bench.csv', $2) RETURNING id`, [
        edition.id,
        Buffer.from(csv),
      ]);
      started = process.hrtime.bigint();
      const report = await imports.run(id);
      importRates.push(ROWS / (Number(process.hrtime.bigint() - started) / 1e9));
      if (report.created !== ROWS || report.rejected !== 0) throw new Error(`import created ${report.created} and rejected ${report.rejected} of ${ROWS}`);
    }
  } finally {
    await app.close();
    await db.close();
  }
  const importRate = median(importRates);
  const copyRate = median(copyRates);
  process.stdout.write(`bench import: ${ROWS} exhibitor rows, median of ${RUNS} runs\n`);
  process.stdout.write(`  real import (parse, validate, merge, audit): ${Math.round(importRate)} rows/s  [${importRates.map(Math.round).join(', ')}]\n`);
  process.stdout.write(`  baseline psql \\copy into a plain table:    ${Math.round(copyRate)} rows/s  [${copyRates.map(Math.round).join(', ')}]\n`);
  process.stdout.write(`  ratio import / copy: ${(importRate / copyRate).toFixed(2)} (goal ≥ 0.40)\n`);
}
