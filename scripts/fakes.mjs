// `npm run fakes`: starts the fake Posit Connect and Xplenty servers of the tests on
// 127.0.0.1, prints how to point the action at them, and serves until Ctrl-C.
// `scripts/demo.mjs` and the CI workflow start the same servers through startFakes().
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startConnect } from '../__tests__/fakes/connect.mjs';
import { startOidc } from '../__tests__/fakes/oidc.mjs';
import { openSet } from '../__tests__/fakes/setup.mjs';
import { startXplenty } from '../__tests__/fakes/xplenty.mjs';

/** Xplenty jobs the fakes add to the captured ones: running, stopping a while after a kill. */
export const XPLENTY_RUNNING = { 103: [305, 306, 307], 104: [310, 311] };

/**
 * Starts both fakes, and the runner's OIDC service for Connect's Trusted Publishing (its
 * trusted publisher expects the audience `connect`). Connect serves its captured job list (2
 * active jobs, 4 finalized); Xplenty its captured jobs (all ended) plus the running ones of
 * XPLENTY_RUNNING.
 * @param {object} [options]
 * @param {number} [options.portConnect]   0 or absent: a free port
 * @param {number} [options.portXplenty]
 * @param {number} [options.stopAfterMs]   how long an Xplenty job takes to stop (default 2000)
 */
export async function startFakes(options = {}) {
  const open = openSet();
  let connect, xplenty, oidc;
  try {
    connect = await open.keep(
      startConnect({ port: options.portConnect || undefined, trustedPublishing: {} }),
    );
    xplenty = await open.keep(startXplenty({ port: options.portXplenty || undefined }));
    oidc = await open.keep(startOidc());
  } catch (error) {
    await open.closeAll();
    throw error;
  }
  for (const [packageId, ids] of Object.entries(XPLENTY_RUNNING)) {
    for (const id of ids) {
      xplenty.addJob({
        id,
        package_id: Number(packageId),
        stopAfterMs: options.stopAfterMs ?? 2000,
      });
    }
  }
  return {
    connect,
    xplenty,
    oidc,
    /** The values a workflow needs, by the names the CI workflow reads from $GITHUB_ENV. */
    env: {
      FAKE_CONNECT_SERVER: connect.server,
      FAKE_CONNECT_GUID: connect.guid,
      FAKE_CONNECT_API_KEY: connect.apiKey,
      FAKE_XPLENTY_SERVER: xplenty.server,
      FAKE_XPLENTY_ACCOUNT: xplenty.account,
      FAKE_XPLENTY_API_KEY: xplenty.apiKey,
      FAKE_ACTIONS_ID_TOKEN_REQUEST_URL: oidc.url,
      FAKE_ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken,
    },
    close: open.closeAll,
  };
}

const USAGE = `Usage: npm run fakes -- [options]

Starts the fake Posit Connect and Xplenty servers on 127.0.0.1 until Ctrl-C.

  --port-connect <n>   port of the fake Connect (default: a free port)
  --port-xplenty <n>   port of the fake Xplenty (default: a free port)
  --stop-after <s>     seconds an Xplenty job takes to stop after a kill order (default 2)
  --env-out <path>     also write FAKE_*=value lines there once listening (for $GITHUB_ENV)
  --quiet              do not print the requests the fakes receive
  --help`;

async function main() {
  const { values } = parseArgs({
    options: {
      'port-connect': { type: 'string' },
      'port-xplenty': { type: 'string' },
      'stop-after': { type: 'string' },
      'env-out': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
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
    portConnect: port('port-connect'),
    portXplenty: port('port-xplenty'),
    stopAfterMs: stopAfter * 1000,
  }).catch((error) => fail(`could not start the fakes: ${error.message}`));

  console.log(describe(fakes, stopAfter));
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
        for (const [name, server] of [
          ['connect', fakes.connect],
          ['xplenty', fakes.xplenty],
        ]) {
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
function describe({ xplenty, env }, stopAfter) {
  const quote = (value) => `'${value}'`;
  const runConnect = [
    'env',
    `CONNECT_SERVER=${quote(env.FAKE_CONNECT_SERVER)}`,
    `CONNECT_API_KEY=${quote(env.FAKE_CONNECT_API_KEY)}`,
    'INPUT_VENDOR=posit-connect',
    `INPUT_TARGET=${env.FAKE_CONNECT_GUID}`,
    'INPUT_KEYS=all',
    'GITHUB_OUTPUT=/dev/stdout GITHUB_STEP_SUMMARY=/dev/stdout',
    'node_modules/.bin/node dist/index.js',
  ];
  const runXplenty = [
    'env',
    `INPUT_SERVER=${quote(env.FAKE_XPLENTY_SERVER)}`,
    `XPLENTY_API_KEY=${quote(env.FAKE_XPLENTY_API_KEY)}`,
    'INPUT_VENDOR=xplenty',
    `INPUT_TARGET=${env.FAKE_XPLENTY_ACCOUNT}`,
    'INPUT_KEYS=all',
    `'INPUT_PACKAGE-ID=104' INPUT_WAIT=true 'INPUT_POLL-INTERVAL=0.5'`,
    'GITHUB_OUTPUT=/dev/stdout GITHUB_STEP_SUMMARY=/dev/stdout',
    'node_modules/.bin/node dist/index.js',
  ];
  return `
Fake Posit Connect   ${env.FAKE_CONNECT_SERVER}
  content GUID       ${env.FAKE_CONNECT_GUID}
  API key            ${env.FAKE_CONNECT_API_KEY}
  jobs               waaTO7v75I84S1hQ, k3sHkEoWJNwQim7g active; 4 more already finalized

Fake Xplenty         ${env.FAKE_XPLENTY_SERVER}
  account            ${env.FAKE_XPLENTY_ACCOUNT}
  API key            ${env.FAKE_XPLENTY_API_KEY}
  jobs               ${XPLENTY_RUNNING[103].join(', ')} running (package 103); ${XPLENTY_RUNNING[104].join(', ')} running (package 104);
                     each stops ${stopAfter} s after its kill order; 304, 303 failed, 299 stopped, 157 completed
  rate limit         ${xplenty.rate.remaining} of ${xplenty.rate.limit} calls left

Fake OIDC service    ${env.FAKE_ACTIONS_ID_TOKEN_REQUEST_URL}
  runtime token      ${env.FAKE_ACTIONS_ID_TOKEN_REQUEST_TOKEN}
  Connect signs in without a key when these two are set as ACTIONS_ID_TOKEN_REQUEST_URL and
  ACTIONS_ID_TOKEN_REQUEST_TOKEN (Trusted Publishing, audience connect)

Environment, for a shell or $GITHUB_ENV:
${Object.entries(env)
  .map(([name, value]) => `  ${name}=${value}`)
  .join('\n')}

Run the committed action against them, from the repository root, as the runner would:
inputs as INPUT_* variables, the keys through their CONNECT_API_KEY / XPLENTY_API_KEY
fallbacks, on the Node 24 of node_modules/.bin. Not through npx or npm exec: they start
node from /bin/sh, and a dash /bin/sh drops variables with a hyphen (INPUT_PACKAGE-ID).

  # Posit Connect: terminate every active job
  ${runConnect.join(' \\\n    ')}

  # Xplenty: terminate package 104's running jobs and wait until they stopped
  ${runXplenty.join(' \\\n    ')}

The fakes keep their state: a job killed once stays ended until they restart.
`;
}

function fail(message) {
  console.error(`fakes: ${message}\n\n${USAGE}`);
  process.exit(2);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
