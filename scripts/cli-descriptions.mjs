// `node scripts/cli-descriptions.mjs`: writes src/cli/descriptions.json, each action.yml
// input's description, for the command's --help (run by `npm run bundle`; the bundle carries
// the JSON, so the command parses no YAML). __tests__/cli/help.test.ts keeps it current.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

/** Every input's description, by name, in action.yml's order. */
export function descriptions(root = fileURLToPath(new URL('../', import.meta.url))) {
  const action = parse(readFileSync(resolve(root, 'action.yml'), 'utf8'));
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [name, input.description]),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = fileURLToPath(new URL('../src/cli/descriptions.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(descriptions(), null, 2)}\n`);
}
