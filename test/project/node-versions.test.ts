import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` is clean of engine warnings on every supported Node line (README "Quick start"):
 * the oldest release of each line must satisfy our `engines` and every locked package's.
 * npm prints EBADENGINE exactly when a locked package's `engines.node` excludes the running
 * Node, so this is the same check without installing three Node versions.
 */
const SUPPORTED_FLOORS = ['24.0.0', '22.13.0', '20.19.0'];

interface LockEntry {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly hasInstallScript?: boolean;
  readonly optional?: boolean;
  readonly os?: readonly string[];
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('supported Node versions', () => {
  it.each(SUPPORTED_FLOORS)('Node %s satisfies our engines and every locked package', (version) => {
    expect(semver.satisfies(version, pkg.engines.node)).toBe(true);
    const refusing = installed
      .filter(([, entry]) => !Array.isArray(entry.engines) && (entry.engines as { node?: string } | undefined)?.node)
      .filter(([, entry]) => !semver.satisfies(version, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${nameOf(path)}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('every package with an install script was reviewed (allowScripts), so npm ci does not warn about it', () => {
    const withScripts = installed.filter(([, entry]) => entry.hasInstallScript).map(([path]) => nameOf(path));
    const reviewed = Object.keys(pkg.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@.*$/, ''));
    expect(withScripts.filter((name) => !reviewed.includes(name))).toEqual([]);
  });
});
