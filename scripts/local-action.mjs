// `npm run local-action`: runs the action from its TypeScript source with GitHub's
// @github/local-action (the official template's way of running an action locally), with the
// settings of .env, or of .env.example when there is no .env. Starts the fake Connect and
// Xplenty servers for the run on free ports, and points the settings' addresses of the fakes
// (http://127.0.0.1:3939 and :3940, as .env.example writes them) at them: fixed ports would
// fail whenever something else holds them. `-- --env <file>` takes the settings from another
// file; `-- --no-fakes` starts no fakes and leaves the settings as they are (for a real server).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakes } from './fakes.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: { env: { type: 'string' }, 'no-fakes': { type: 'boolean', default: false } },
});
const envFile = values.env ?? (existsSync(join(root, '.env')) ? '.env' : '.env.example');
const withFakes = !values['no-fakes'];

// How .env.example names the fakes; they listen elsewhere.
const FAKE_ADDRESSES = { connect: 'http://127.0.0.1:3939', xplenty: 'http://127.0.0.1:3940' };

const fakes = withFakes ? await startFakes({ stopAfterMs: 2000 }) : null;
if (fakes) console.log(`Fakes: Connect ${fakes.connect.server}, Xplenty ${fakes.xplenty.server}`);
console.log(`Settings: ${envFile}`);

// With the fakes, the settings go to local-action with the fakes' real addresses, from a
// private scratch folder (they may hold a key) that goes after the run.
const scratch = fakes ? mkdtempSync(join(tmpdir(), 'local-action-')) : null;
const settings = scratch ? join(scratch, '.env') : envFile;
if (fakes && scratch) {
  const text = readFileSync(resolve(root, envFile), 'utf8')
    .replaceAll(FAKE_ADDRESSES.connect, fakes.connect.server)
    .replaceAll(FAKE_ADDRESSES.xplenty, fakes.xplenty.server);
  writeFileSync(settings, text, { mode: 0o600 });
}

// local-action's own launcher (bin), on the Node that runs this script (24, from npm).
const bin = join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
const child = spawn(process.execPath, [bin, '.', 'src/local-action.ts', settings], {
  cwd: root,
  stdio: 'inherit',
});
const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
await fakes?.close();
if (scratch) rmSync(scratch, { recursive: true, force: true });
process.exit(code);
