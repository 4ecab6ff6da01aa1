import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as core from '@fairops/core';
import * as awards from '@fairops/awards';
import * as attendees from '@fairops/attendees';
import * as badges from '@fairops/badges';
import * as checkin from '@fairops/checkin';
import * as editions from '@fairops/editions';
import * as exhibitors from '@fairops/exhibitors';
import * as imports from '@fairops/imports';
import * as messages from '@fairops/messages';
import * as sessions from '@fairops/sessions';

/**
 * Every library lists its error codes (`<LIB>_ERROR_CODES` in its errors file, exported from its
 * index) and builds its errors from that list; the codes are unique across the project, because a
 * client tells errors apart by their code alone.
 */
const LIBRARIES: Array<{ lib: string; index: object; list: string }> = [
  { lib: 'core', index: core, list: 'CORE_ERROR_CODES' },
  { lib: 'awards', index: awards, list: 'AWARDS_ERROR_CODES' },
  { lib: 'attendees', index: attendees, list: 'ATTENDEES_ERROR_CODES' },
  { lib: 'badges', index: badges, list: 'BADGES_ERROR_CODES' },
  { lib: 'checkin', index: checkin, list: 'CHECKIN_ERROR_CODES' },
  { lib: 'editions', index: editions, list: 'EDITIONS_ERROR_CODES' },
  { lib: 'exhibitors', index: exhibitors, list: 'EXHIBITORS_ERROR_CODES' },
  { lib: 'imports', index: imports, list: 'IMPORTS_ERROR_CODES' },
  { lib: 'messages', index: messages, list: 'MESSAGES_ERROR_CODES' },
  { lib: 'sessions', index: sessions, list: 'SESSIONS_ERROR_CODES' },
];

/** A named export of a library's index, when it is a list of strings. */
function codesOf(index: object, name: string): readonly string[] | undefined {
  const value: unknown = Object.entries(index).find(([key]) => key === name)?.[1];
  return Array.isArray(value) && value.every((code) => typeof code === 'string') ? value : undefined;
}

const ROOT = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('error codes across the project', () => {
  const listed = LIBRARIES.map(({ lib, index, list }) => ({ lib, list, codes: codesOf(index, list) }));

  it('each library exports its list of codes from its index', () => {
    const missing = listed.filter((l) => !l.codes).map((l) => `${l.lib}: ${l.list}`);
    expect(missing).toEqual([]);
  });

  it('lists each code once, in one library only', () => {
    const owners = new Map<string, string[]>();
    for (const { lib, codes } of listed) for (const code of codes ?? []) owners.set(code, [...(owners.get(code) ?? []), lib]);
    const twice = [...owners].filter(([, libs]) => libs.length > 1).map(([code, libs]) => `${code}: ${libs.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('builds DomainError only in errors files and domain-error.ts', () => {
    const offenders = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))]
      .filter((file) => !file.endsWith('.errors.ts') && !file.endsWith('domain-error.ts'))
      .filter((file) => readFileSync(file, 'utf8').includes('new DomainError('))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('are all listed in the README, under their library', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('\n## ', readme.indexOf('### Error codes')));
    const missing = listed.flatMap(({ lib, codes }) => {
      const line = section.split('\n').find((l) => l.startsWith(`- **${lib}**:`)) ?? '';
      return (codes ?? []).filter((code) => !line.includes(`\`${code}\``)).map((code) => `${lib}: ${code}`);
    });
    expect(missing).toEqual([]);
  });
});
