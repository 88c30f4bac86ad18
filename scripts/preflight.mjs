// `npm test` and `npm run demo` start here: are the dependencies installed, with their install
// scripts? The `node` dev dependency's preinstall puts Node 24 at node_modules/.bin/node, and
// npm runs scripts with node_modules/.bin first on PATH. Without it (`npm ci --ignore-scripts`)
// everything would run on the Node of the PATH, silently, where big ids are rounded; without
// node_modules a raw stack trace would be all one sees. Says what to run instead, and exits 1.
//
// It runs before anything is installed, so on whatever Node the PATH has (20 too): node:
// modules only, nothing newer than Node 18.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NEEDED = 24;
const command = process.argv[2] ? `npm ${process.argv[2]}` : 'this command';

const INSTALL = `Run \`npm ci\` (with its scripts: the \`node\` package fetches Node ${NEEDED}), then ${command} again.`;

/** What is wrong and what to run, or null. */
function problem() {
  const modules = join(ROOT, 'node_modules');
  // npm writes it last, once an install has finished.
  if (!existsSync(join(modules, '.package-lock.json'))) {
    return [
      'the dependencies are not installed (no node_modules, or an install that did not finish).',
      INSTALL,
    ];
  }
  if (!existsSync(join(modules, '.bin', 'node'))) {
    return [
      `the dependencies were installed without their scripts (\`npm ci --ignore-scripts\`, or \`ignore-scripts\` in an .npmrc): the \`node\` dev dependency's preinstall did not put Node ${NEEDED} at node_modules/.bin/node, so everything would run on Node ${process.versions.node}.`,
      INSTALL,
    ];
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < NEEDED) {
    return [
      `it runs on Node ${process.versions.node}, not on node_modules/.bin/node (Node ${NEEDED}).`,
      `Run it through npm (${command === 'this command' ? '`npm test`' : command}), which puts node_modules/.bin first on PATH.`,
    ];
  }
  return null;
}

const found = problem();
if (found !== null) {
  process.stderr.write(`Cannot run ${command}: ${found[0]}\n${found[1]}\n`);
  process.exit(1);
}
