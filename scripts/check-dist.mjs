// Fails when the committed dist/ is not what `npm run bundle` builds from src/ now: a file that
// differs, one the build makes and dist/ lacks, or one in dist/ that the build does not make.
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The ncc command of a `bundle` script (the step after its clean step), or null.
 * @param {string} bundle
 * @returns {string | null}
 */
export function nccCommand(bundle) {
  const build = bundle
    .split('&&')
    .map((part) => part.trim())
    .find((part) => part.startsWith('ncc '));
  return build && / -o dist /.test(build) ? build : null;
}

/**
 * Every ncc command of a `bundle` script: the action's (`-o dist`), then any other bundle
 * into a folder of dist/ (the command's, `-o dist/cli`).
 * @param {string} bundle
 * @returns {string[]}
 */
export function nccCommands(bundle) {
  return bundle
    .split('&&')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('ncc ') && / -o dist(\/\S+)? /.test(part));
}

/** The files under `dir`, as paths relative to it ('cli/index.js'). @param {string} dir */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * What keeps the folder `committed` from being the build in `built`, each with the advice that
 * fixes it; empty when they are the same files with the same bytes.
 * @param {string} committed @param {string} built
 */
export function distProblems(committed, built) {
  const builtNames = new Set(filesOf(built));
  const extra = filesOf(committed).filter((name) => !builtNames.has(name));
  const differing = [...builtNames].filter((name) => {
    try {
      return !readFileSync(join(committed, name)).equals(readFileSync(join(built, name)));
    } catch {
      return true;
    }
  });
  const problems = [];
  if (extra.length > 0) {
    problems.push(
      `dist/ holds files the build does not produce: ${extra.join(', ')}. Run \`npm run bundle\` ` +
        '(it empties dist/ first) and commit dist/ with the deletions (`git add -A dist`).',
    );
  }
  if (differing.length > 0) {
    problems.push(
      `dist/ differs from a fresh bundle: ${differing.join(', ')}. Run \`npm run bundle\` and commit dist/.`,
    );
  }
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const bundle = JSON.parse(readFileSync('package.json', 'utf8')).scripts.bundle;
  const build = nccCommand(bundle);
  if (!build)
    throw new Error(`the bundle script no longer runs "ncc build … -o dist …": ${bundle}`);
  // The very ncc command of the `bundle` script, pointed at a scratch folder.
  const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'));
  try {
    // The steps after the clean one, in their order, writing to the fresh folder: each ncc
    // build (the action's, the command's) and the steps on dist/ (licenses.txt).
    for (const step of bundle.split('&&').map((part) => part.trim())) {
      if (nccCommands(bundle).includes(step)) {
        execSync(
          `npx ${step.replace(/ -o dist(\/\S+)? /, (_, sub = '') => ` -o ${fresh}${sub} `)}`,
          {
            stdio: 'inherit',
          },
        );
      } else if (/ dist$/.test(step)) {
        execSync(step.replace(/ dist$/, ` ${fresh}`), { stdio: 'inherit' });
      }
    }
    const problems = distProblems('dist', fresh);
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exitCode = 1;
    else console.log(`dist/ matches a fresh bundle (${filesOf(fresh).length} files).`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}
