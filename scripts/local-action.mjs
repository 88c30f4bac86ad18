// `npm run local-action`: runs the action from its TypeScript source with GitHub's
// @github/local-action (the official template's way of running an action locally), with the
// settings of .env, or of .env.example when there is no .env. Starts the fake Connect and
// Xplenty servers on 127.0.0.1:3939 and :3940 for the run, so that .env.example works as it is.
// `-- --env <file>` takes the settings from another file; `-- --no-fakes` starts no fakes (for
// settings that point at a real server).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakes } from './fakes.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: { env: { type: 'string' }, 'no-fakes': { type: 'boolean', default: false } },
});
const envFile = values.env ?? (existsSync(join(root, '.env')) ? '.env' : '.env.example');
const withFakes = !values['no-fakes'];

const fakes = withFakes
  ? await startFakes({ ports: { connect: 3939, xplenty: 3940 }, stopAfterMs: 2000 }).catch(
      (error) => {
        console.error(
          `local-action: could not start the fakes on 127.0.0.1:3939 and :3940 (${error.message}); ` +
            'stop what uses these ports, or run with --no-fakes.',
        );
        process.exit(2);
      },
    )
  : null;
if (fakes) console.log(`Fakes: Connect ${fakes.connect.server}, Xplenty ${fakes.xplenty.server}`);
console.log(`Settings: ${envFile}`);

// local-action's own launcher (bin), on the Node that runs this script (24, from npm).
const bin = join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
const child = spawn(process.execPath, [bin, '.', 'src/local-action.ts', envFile], {
  cwd: root,
  stdio: 'inherit',
});
const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
await fakes?.close();
process.exit(code);
