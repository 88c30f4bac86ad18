// `node scripts/check-licenses.mjs`: every package bundled into dist/ has a licence from
// ALLOWED, read from its installed package.json, and dist/licenses.txt (written by ncc) lists
// it with that licence. What is bundled is read from the source maps of dist/ (the entry and
// its chunks): each source under node_modules/ names the package it came from. `npm test` runs it (licenses.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import satisfies from 'spdx-satisfies';

/** Permissive licences whose terms the bundle meets by shipping dist/licenses.txt. */
export const ALLOWED = [
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
];

/**
 * The packages a source map draws from: for `…/node_modules/a/node_modules/@s/b/lib/x.js`,
 * `@s/b` in the folder `<root>/node_modules/a/node_modules/@s/b`.
 * @param {{ sources: string[] }} sourceMap
 * @param {string} base  the folder the map's sources are relative to (dist/)
 * @returns {Map<string, string>} package name -> its folder
 */
export function bundledPackages(sourceMap, base) {
  const packages = new Map();
  for (const source of sourceMap.sources) {
    const match = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(source);
    if (!match) continue;
    const [, prefix, name] = match;
    packages.set(name, resolve(base, `${prefix}${name}`));
  }
  return packages;
}

/**
 * @param {object} bundle
 * @param {Map<string, string>} bundle.packages  from bundledPackages
 * @param {string} bundle.licensesText  dist/licenses.txt
 * @returns {string[]} one sentence per problem
 */
export function licenceProblems({ packages, licensesText }) {
  const listed = new Set(
    licensesText
      .replace(/\r\n/g, '\n')
      .split('\n\n')
      .map((e) => e.trim()),
  );
  const problems = [];
  for (const [name, folder] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const manifest = join(folder, 'package.json');
    if (!existsSync(manifest)) {
      problems.push(`${name}: not installed at ${folder}`);
      continue;
    }
    const { license } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof license !== 'string' || license.trim() === '') {
      problems.push(`${name}: its package.json names no licence`);
      continue;
    }
    let allowed = false;
    try {
      allowed = satisfies(license, ALLOWED);
    } catch {
      // Not an SPDX expression (`SEE LICENSE IN …`, a typo): not allowed without a look.
    }
    if (!allowed) problems.push(`${name}: licence ${license} is not in the allow-list`);
    // ncc writes each package as "name\nlicence\ntext"; entries are split by a blank line,
    // so the start of some chunk must be the name and licence.
    if (![...listed].some((entry) => entry.startsWith(`${name}\n${license}\n`))) {
      problems.push(`${name}: not listed with ${license} in dist/licenses.txt`);
    }
  }
  return problems;
}

/** The problems of the committed dist/. */
export function distLicenceProblems(root = fileURLToPath(new URL('../', import.meta.url))) {
  const dist = join(root, 'dist');
  // The entry and the chunks it loads: every source map of dist/.
  const sources = readdirSync(dist)
    .filter((name) => name.endsWith('.js.map'))
    .flatMap((name) => JSON.parse(readFileSync(join(dist, name), 'utf8')).sources);
  const packages = bundledPackages({ sources }, dist);
  if (packages.size === 0) return ['the source maps of dist/ name no package: is it the bundle?'];
  return licenceProblems({
    packages,
    licensesText: readFileSync(join(dist, 'licenses.txt'), 'utf8'),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const problems = distLicenceProblems(resolve(dirname(process.argv[1]), '..'));
  if (problems.length > 0) {
    console.error(`Licences of the bundled packages:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Every bundled package has an allowed licence and is in dist/licenses.txt.');
}
