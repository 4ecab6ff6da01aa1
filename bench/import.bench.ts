/**
 * `npm run bench -- import`: both CSV imports (exhibitors, attendees) on 20,000 rows each, each against
 * psql's `\copy` of the same rows into the same real table (its indexes, constraints and triggers), in
 * the same run. The figure is the ratio copy time / import time (1.0: the import is as fast as a bare
 * COPY; goal ≥ 0.5). The share of the import spent reading the CSV is measured apart, with what
 * csv-parse alone would take (the common file is read by a plain scan, csv-parse reads every other).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorImportService, ExhibitorsModule } from '@fairops/exhibitors';
import { AttendeeImportService, AttendeesModule } from '@fairops/attendees';
import { CsvImportView, CsvImportsRepository, ImportKind, decodeCsv, detectDelimiter, parseCsv, readWithCsvParse } from '@fairops/imports';
import { benchContext, benchDatabase } from './bench-database';

const ROWS = 20_000;
const RUNS = 5;
const FAIR_DAY = '2027-04-16';
const COUNTRIES = ['MA', 'FR', 'ES', 'SN', 'TN', 'CI', 'BE', 'CA'];
const SECTORS = ['contact_centre', 'it_services', 'recruitment', 'training', 'solution_vendor', 'telecom_equipment', 'furniture', 'other'];

/** One bench's rows: the file as a spreadsheet writes it, and the same rows for `\copy` into the table. */
interface Workload {
  kind: ImportKind;
  csv: string;
  copyColumns: string;
  /** The `\copy` file's lines for an edition (its id first, then the row's columns). */
  copyLines(editionId: string): string[];
}

const n6 = (i: number) => String(i).padStart(6, '0');

/** Exhibitors as a French spreadsheet writes them: semicolons, BOM, accents, Arabic, quoted fields. */
function exhibitorWorkload(rows: number): Workload {
  const values = (i: number) => [
    `REF-${n6(i)}`,
    `Société Générale d'Appels ${n6(i)}`,
    i % 5 === 0 ? `مركز الاتصال ${n6(i)}` : `Relation Client ${n6(i)} SARL`,
    COUNTRIES[i % COUNTRIES.length],
    i % 2 ? 'Oujda' : 'Saïdia',
    SECTORS[i % SECTORS.length],
    `https://www.exposant-${n6(i)}.example`,
    `"Centre de relation client; ${n6(i)} positions, ""nearshore"""`,
    `Aïcha Benali ${n6(i)}`,
    `contact-${n6(i)}@exposant.example`,
    `+2125${String(36000000 + i).padStart(8, '0')}`,
  ];
  const header = 'ref;name;legal_name;country;city;sector;website;description;contact_name;contact_email;contact_phone';
  const all = Array.from({ length: rows }, (_, i) => values(i));
  return {
    kind: 'exhibitors',
    csv: '\ufeff' + [header, ...all.map((v) => v.join(';'))].join('\r\n') + '\r\n',
    copyColumns: `edition_id, ${header.replace(/;/g, ', ')}`,
    copyLines: (editionId) => all.map((v) => [editionId, ...v].join(';')),
  };
}

/** Visitors as a registration export gives them: names with accents, an organisation, email, phone, the day. */
function attendeeWorkload(rows: number): Workload {
  const values = (i: number) => [
    i % 3 === 0 ? `Aïcha ${n6(i)}` : `Jean-Noël ${n6(i)}`,
    i % 4 === 0 ? `El Amrani ${n6(i)}` : `Benali ${n6(i)}`,
    `"Atlas Relation Client; ${n6(i % 500)}"`,
    'Chargée de clientèle',
    COUNTRIES[i % COUNTRIES.length],
    `visitor-${n6(i)}@example.ma`,
    `+2126${String(10000000 + i).padStart(8, '0')}`,
  ];
  const all = Array.from({ length: rows }, (_, i) => values(i));
  return {
    kind: 'attendees',
    csv: '\ufeff' + ['first_name;last_name;organisation;job_title;country;email;phone;days', ...all.map((v) => [...v, FAIR_DAY].join(';'))].join('\r\n') + '\r\n',
    copyColumns: 'edition_id, category, source, first_name, last_name, organisation, job_title, country, email, phone, days',
    copyLines: (editionId) => all.map((v) => [editionId, 'visitor', 'import', ...v, `{${FAIR_DAY}}`].join(';')),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function newEdition(app: INestApplicationContext, label: string): Promise<string> {
  const edition = await app.get(EditionsService).create(
    { slug: `bench-${label}-${Date.now()}`, name: `Bench ${label}`, editionNumber: 1, venue: 'v', city: 'c', country: 'MA', timeZone: 'Africa/Casablanca', days: [{ date: FAIR_DAY, opensAt: '09:00', closesAt: '18:00' }] },
    null,
  );
  return edition.id;
}

/** psql's `\copy` of the workload's rows into its table, for a fresh edition: seconds. */
async function copyOnce(app: INestApplicationContext, url: string, dir: string, work: Workload, run: number): Promise<number> {
  const editionId = await newEdition(app, `${work.kind}-copy-${run}`);
  const file = join(dir, `${work.kind}-copy.csv`);
  writeFileSync(file, work.copyLines(editionId).join('\n') + '\n');
  const started = process.hrtime.bigint();
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${work.kind} (${work.copyColumns}) FROM '${file}' WITH (FORMAT csv, DELIMITER ';', ENCODING 'UTF8')`]);
  return seconds(started);
}

/** The import job on a fresh edition (every row validated, created and audited): seconds. */
async function importOnce(app: INestApplicationContext, work: Workload, run: number): Promise<number> {
  const editionId = await newEdition(app, `${work.kind}-import-${run}`);
  const store = app.get(CsvImportsRepository);
  const id = await inTransaction(app.get(DataSource), (m) => store.create(m, work.kind, editionId, null, { name: 'bench.csv', content: Buffer.from(work.csv) }));
  const imports = work.kind === 'exhibitors' ? app.get(ExhibitorImportService) : app.get(AttendeeImportService);
  const started = process.hrtime.bigint();
  const report: CsvImportView = await imports.run(id);
  const took = seconds(started);
  if (report.created !== ROWS || report.rejected !== 0) throw new Error(`${work.kind} import created ${report.created} and rejected ${report.rejected} of ${ROWS}: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return took;
}

async function benchOne(app: INestApplicationContext, url: string, dir: string, work: Workload): Promise<void> {
  const copies: number[] = [];
  const imports: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    copies.push(await copyOnce(app, url, dir, work, run));
    imports.push(await importOnce(app, work, run));
  }
  const started = process.hrtime.bigint();
  const records = parseCsv(decodeCsv(Buffer.from(work.csv)));
  const parse = seconds(started);
  if (records.length !== ROWS + 1) throw new Error(`the import's reader read ${records.length} records`);
  const text = decodeCsv(Buffer.from(work.csv));
  const csvParseStarted = process.hrtime.bigint();
  readWithCsvParse(text, detectDelimiter(text));
  const csvParse = seconds(csvParseStarted);
  const ms = (s: number) => `${Math.round(s * 1000)} ms`;
  process.stdout.write(`bench import: ${ROWS} ${work.kind} rows, median of ${RUNS} runs\n`);
  process.stdout.write(`  real import (parse, validate, merge, audit): ${ms(median(imports))}  [${imports.map(ms).join(', ')}]\n`);
  process.stdout.write(`  psql \\copy into ${work.kind} (same rows, same table):  ${ms(median(copies))}  [${copies.map(ms).join(', ')}]\n`);
  const share = (s: number) => `${((100 * s) / median(imports)).toFixed(1)}% of the import`;
  process.stdout.write(`  reading the CSV (decode and the plain scan): ${ms(parse)} (${share(parse)}); csv-parse alone: ${ms(csvParse)} (${share(csvParse)})\n`);
  process.stdout.write(`  ratio copy time / import time: ${(median(copies) / median(imports)).toFixed(2)} (goal ≥ 0.50)\n`);
}

export async function importBench(): Promise<void> {
  const psql = spawnSync('psql', ['--version']);
  if (psql.status !== 0) throw new Error('psql is needed for the baseline (apt-get install postgresql-client)');
  const db = await benchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'fairops-bench-'));
  const app = await benchContext(db.url, [ExhibitorsModule, AttendeesModule]);
  try {
    await benchOne(app, db.url, dir, exhibitorWorkload(ROWS));
    await benchOne(app, db.url, dir, attendeeWorkload(ROWS));
  } finally {
    await app.close();
    await db.close();
  }
}
