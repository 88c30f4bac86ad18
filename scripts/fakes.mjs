// `npm run fakes`: starts the fake servers of the tests (every module of __tests__/fakes/ that
// exports a `vendorFake`, or a `serviceFake`: the runner's OIDC token service, the GitHub API)
// on 127.0.0.1, prints how to point the action at them, and serves until Ctrl-C.
// `scripts/demo.mjs` and the CI workflow start the same servers through startFakes(). Nothing
// here names a vendor: a new fake is found by its module.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openSet } from '../__tests__/fakes/setup.mjs';

const FAKES_DIR = new URL('../__tests__/fakes/', import.meta.url);

/** Every fake that describes itself for this script, in file-name order. */
export async function vendorFakes() {
  const files = readdirSync(FAKES_DIR)
    .filter((name) => name.endsWith('.mjs'))
    .sort();
  const modules = await Promise.all(files.map((name) => import(new URL(name, FAKES_DIR).href)));
  return modules.flatMap((module) => [module.vendorFake, module.serviceFake].filter(Boolean));
}

/**
 * Starts every fake. Returns each by its id (`fakes[id]`), the FAKE_* values a workflow
 * needs, and close().
 * @param {object} [options]
 * @param {Record<string, number>} [options.ports]  by fake id; 0 or absent: a free port
 * @param {number} [options.stopAfterMs]   how long a job takes to stop after a kill (default 2000)
 */
export async function startFakes(options = {}) {
  const open = openSet();
  const stopAfterMs = options.stopAfterMs ?? 2000;
  /** @type {Record<string, any>} */
  const started = {};
  const env = {};
  try {
    for (const fake of await vendorFakes()) {
      const port = options.ports?.[fake.id] || undefined;
      // `started`: the fakes already running (file-name order), for one that names another
      // (the GitHub API's deploy comments name a vendor fake's content item).
      const server = await open.keep(fake.start({ port, stopAfterMs, started }));
      started[fake.id] = server;
      for (const [name, value] of Object.entries(fake.env(server))) {
        env[`FAKE_${fake.id.toUpperCase()}_${name}`] = value;
      }
    }
  } catch (error) {
    await open.closeAll();
    throw error;
  }
  return {
    ...started,
    /** The values a workflow needs, by the names the CI workflow reads from $GITHUB_ENV. */
    env,
    close: open.closeAll,
  };
}

const usage = (fakes) => `Usage: npm run fakes -- [options]

Starts the fake servers (${fakes.map((fake) => fake.title).join(', ')}) on 127.0.0.1 until Ctrl-C.

${fakes.map((fake) => `  --port-${fake.id} <n>`.padEnd(23) + `port of the fake ${fake.title} (default: a free port)`).join('\n')}
  --stop-after <s>     seconds a job takes to stop after a kill order (default 2)
  --env-out <path>     also write FAKE_*=value lines there once listening (for $GITHUB_ENV)
  --quiet              do not print the requests the fakes receive
  --help`;

async function main() {
  const fakeList = await vendorFakes();
  const ports = Object.fromEntries(fakeList.map((fake) => [`port-${fake.id}`, { type: 'string' }]));
  const fail = (message) => {
    console.error(`fakes: ${message}\n\n${usage(fakeList)}`);
    process.exit(2);
  };
  const { values } = parseArgs({
    options: {
      ...ports,
      'stop-after': { type: 'string' },
      'env-out': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage(fakeList));
    return;
  }
  const port = (name) => {
    const text = values[name];
    if (text === undefined) return 0;
    const number = Number(text);
    if (!/^\d+$/.test(text) || number > 65535)
      fail(`--${name}: expected a port number, got ${text}`);
    return number;
  };
  const stopAfter = Number(values['stop-after'] ?? '2');
  if (!(stopAfter >= 0)) fail(`--stop-after: expected seconds, got ${values['stop-after']}`);

  const fakes = await startFakes({
    ports: Object.fromEntries(fakeList.map((fake) => [fake.id, port(`port-${fake.id}`)])),
    stopAfterMs: stopAfter * 1000,
  }).catch((error) => fail(`could not start the fakes: ${error.message}`));

  console.log(describe(fakeList, fakes, stopAfter * 1000));
  if (values['env-out']) {
    // Written whole, then renamed: a reader polling for the file never sees half of it.
    const file = resolve(values['env-out']);
    const lines = Object.entries(fakes.env).map(([name, value]) => `${name}=${value}\n`);
    writeFileSync(`${file}.partial`, lines.join(''));
    renameSync(`${file}.partial`, file);
    console.log(`Wrote ${Object.keys(fakes.env).length} FAKE_* variables to ${file}.\n`);
  }
  console.log('Serving until Ctrl-C.');

  const logRequests = values.quiet
    ? null
    : setInterval(() => {
        for (const [name, server] of fakeList.map((fake) => [fake.id, fakes[fake.id]])) {
          // The servers log every request; print the ones not printed yet (never headers).
          for (const request of server.requests.splice(0)) {
            const query = request.query.size > 0 ? `?${request.query}` : '';
            console.log(`[${name}] ${request.method} ${request.path}${query}`);
          }
        }
      }, 200);

  await new Promise((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  if (logRequests) clearInterval(logRequests);
  await fakes.close();
  console.log('\nFakes stopped.');
}

/** What is running and how to use it, with lines ready to paste into a shell. */
function describe(fakeList, fakes, stopAfterMs) {
  const quote = (text) => (/^[\w./:=@-]+$/.test(text) ? text : `'${text}'`);
  const servers = fakeList.map((fake) => {
    const facts = fake.facts(fakes[fake.id], stopAfterMs);
    const lines = facts.map(([label, value]) => `  ${label.padEnd(19)}${value}`);
    const address = fakes[fake.id].server ?? fakes[fake.id].url;
    return [`Fake ${fake.title}`.padEnd(21) + address, ...lines].join('\n');
  });
  const runs = fakeList
    .filter((fake) => fake.example)
    .map((fake) => {
      const { does, env } = fake.example(fakes[fake.id]);
      const command = [
        'env',
        ...Object.entries(env).map(([name, value]) => quote(`${name}=${value}`)),
        'GITHUB_OUTPUT=/dev/stdout GITHUB_STEP_SUMMARY=/dev/stdout',
        'node_modules/.bin/node dist/index.js',
      ];
      return `  # ${fake.title}: ${does}\n  ${command.join(' \\\n    ')}`;
    });
  return `
${servers.join('\n\n')}

Environment, for a shell or $GITHUB_ENV:
${Object.entries(fakes.env)
  .map(([name, value]) => `  ${name}=${value}`)
  .join('\n')}

Run the committed action against them, from the repository root, as the runner would:
inputs as INPUT_* variables, the keys through their *_API_KEY fallbacks, on the Node 24 of
node_modules/.bin. Not through npx or npm exec: they start node from /bin/sh, and a dash
/bin/sh drops variables with a hyphen (INPUT_PACKAGE-ID).

${runs.join('\n\n')}

The fakes keep their state: a job killed once stays ended until they restart.
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
