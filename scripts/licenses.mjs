// `node scripts/licenses.mjs <dist>`: writes <dist>/licenses.txt, the licence of every package
// bundled into the folder (named by the source maps of the entry and its chunks), as
// "name\nlicence\ntext" entries split by a blank line. Written here rather than by ncc's
// `--license`: with more than one chunk holding packages, ncc 0.45 (license-webpack-plugin,
// one file per chunk under the same name) keeps only the last chunk's, and licenses.txt then
// lacks the entry's packages. scripts/check-licenses.mjs checks the result.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundledPackages } from './check-licenses.mjs';

const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The text of licenses.txt for the bundle in `dist`. @param {string} dist */
export function licensesText(dist) {
  const sources = readdirSync(dist)
    .filter((name) => name.endsWith('.js.map'))
    .flatMap((name) => JSON.parse(readFileSync(join(dist, name), 'utf8')).sources);
  // ncc writes the sources relative to dist/ of the repository, wherever the build went.
  const base = fileURLToPath(new URL('../dist/', import.meta.url));
  const packages = [...bundledPackages({ sources }, base)].sort(([a], [b]) => a.localeCompare(b));
  return packages
    .map(([name, folder]) => {
      const { license } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      const file = readdirSync(folder).find((entry) => LICENCE_FILE.test(entry));
      const text = file ? readFileSync(join(folder, file), 'utf8').trim() : '';
      return `${name}\n${license}\n${text}`;
    })
    .join('\n\n')
    .concat('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = resolve(process.argv[2] ?? 'dist');
  if (!existsSync(dist)) throw new Error(`no bundle at ${dist}`);
  writeFileSync(join(dist, 'licenses.txt'), licensesText(dist));
}
