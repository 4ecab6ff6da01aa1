import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

/** `npm install` warns EBADENGINE for any locked package that refuses the oldest Node.js FairOps supports. */
describe('the supported Node.js', () => {
  it('is accepted by every package in package-lock.json, so npm install on Node 20.19 prints no EBADENGINE', () => {
    const root = resolve(__dirname, '..');
    const supported = semver.minVersion(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).engines.node)!.version;
    const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(supported, p.engines.node, { includePrerelease: true }))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect({ supported, refusing }).toEqual({ supported: '20.19.0', refusing: [] });
  });
});
