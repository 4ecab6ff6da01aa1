#!/usr/bin/env node
// Every table has one owning library (libs/table-owners.json). This check fails when a library's source
// names, in SQL, a table another library owns, or when an app holds SQL at all: the other library's
// service or repository is the way in. Migrations, tests and benches are outside its scope.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const owners = JSON.parse(readFileSync(join(root, 'libs/table-owners.json'), 'utf8'));
const ownerOf = new Map();
for (const [lib, tables] of Object.entries(owners)) {
  if (lib.startsWith('$')) continue;
  for (const table of tables) {
    if (ownerOf.has(table)) throw new Error(`table ${table} has two owners: ${ownerOf.get(table)} and ${lib}`);
    ownerOf.set(table, lib);
  }
}

// A table named where SQL names one: after FROM, JOIN, INTO, UPDATE, TABLE, COPY, or DELETE FROM / TRUNCATE.
const TABLE_REFERENCE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|COPY)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) yield path;
  }
}

const problems = [];
const scan = (dir, allowedLib) => {
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(TABLE_REFERENCE)) {
      const owner = ownerOf.get(match[1]);
      if (!owner || owner === allowedLib) continue;
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(`${relative(root, file)}:${line}: names table ${match[1]}, owned by libs/${owner}`);
    }
  }
};
for (const lib of readdirSync(join(root, 'libs'))) {
  if (statSync(join(root, 'libs', lib)).isDirectory() && lib !== 'api-client') scan(join(root, 'libs', lib, 'src'), lib);
}
for (const app of readdirSync(join(root, 'apps'))) scan(join(root, 'apps', app, 'src'), undefined);

if (problems.length) {
  console.error(`Table ownership (libs/table-owners.json): ${problems.length} reference(s) across library lines\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`Table ownership: ${ownerOf.size} tables, each named in SQL only by its owning library.`);
