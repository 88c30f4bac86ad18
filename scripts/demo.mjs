// `npm run demo`: runs the committed dist/index.js, the way the GitHub runner does, against
// the fake Posit Connect and Xplenty servers, prints its outputs and job summary, and exits 0
// only when every run did what it should. `--summary-dir DIR` also writes each run's step
// summary to DIR, named by scripts/demo-runs.mjs (scripts/summary-image.mjs renders the
// watchdog's for the README).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAction, DIST } from '../__tests__/fakes/runner.mjs';
import { inputsFor } from '../__tests__/fakes/setup.mjs';
import { DEMO_RUNS, summaryFile } from './demo-runs.mjs';
import { startFakes } from './fakes.mjs';

const XPLENTY_KEYS = '305, 306, 304';
// The pull request #12 deployed its preview (a draft bundle) before main deployed the new
// version: the GitHub fake's deploy comment names the draft.
const DRAFT_BUNDLE = '127016';
const NEW_BUNDLE = '127017';
const PULL_REQUEST = '12';

const HOUR = 3_600_000;
const { values: options } = parseArgs({ options: { 'summary-dir': { type: 'string' } } });
const summaries = [];
/** The watchdog's jobs: started hours ago; the report does not stop within the wait. */
const WATCHDOG_JOBS = [
  {
    key: 'nightlyReport001',
    tag: 'build_report',
    startedAgoMs: 7.5 * HOUR,
    stopAfterMs: 10 * 60_000,
    log: [
      'processing file: orders-daily.qmd',
      'Loading orders since 2026-12-03 ...',
      'Connecting to warehouse (postgres://warehouse.internal:5432/orders)',
      'Query 1/3: daily totals ... done (41 s)',
      'Query 2/3: late deliveries by region ...',
      'Warning: statement still running after 3600 s',
      'Warning: statement still running after 7200 s',
      'Warning: statement still running after 10800 s',
      'Warning: statement still running after 14400 s',
    ],
  },
  {
    key: 'apiWorker0000001',
    startedAgoMs: 9 * HOUR,
    stopAfterMs: 500,
  },
];

if (!existsSync(DIST)) {
  console.error(`${DIST} is missing: dist/ is committed, so check out the whole repository.`);
  process.exit(1);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.warn(
    `Note: Node ${process.versions.node}; GitHub runs the action on Node 24. Run the demo with \`npm run demo\`, which uses the Node 24 of node_modules/.bin.\n`,
  );
}

const fakes = await startFakes({ stopAfterMs: 1500 });
const problems = [];
try {
  console.log(
    `Fake Posit Connect at ${fakes.connect.server}, fake Xplenty at ${fakes.xplenty.server}.`,
  );

  // The deploy recipe: a new bundle goes live and starts its own processes; the previous
  // bundle's processes (the fake's two captured active jobs) keep running until stopped. An
  // open pull request's preview (a draft bundle) has a process too: it is spared.
  const previous = ['waaTO7v75I84S1hQ', 'k3sHkEoWJNwQim7g'];
  const fresh = ['newBundleJob0001', 'newBundleJob0002'];
  const preview = ['previewJob00001'];
  for (const key of preview)
    fakes.connect.addJob({ key, bundle: DRAFT_BUNDLE, startedAgoMs: 5000 });
  fakes.connect.activateBundle(NEW_BUNDLE);
  // What the runner gives the step: the repository's API and the job's token.
  const github = { GITHUB_API_URL: fakes.github.url, GITHUB_REPOSITORY: fakes.github.repository };
  for (const key of fresh) fakes.connect.addJob({ key, bundle: NEW_BUNDLE, startedAgoMs: 5000 });
  const connect = await show(
    'deploy',
    `Posit Connect, after deploying bundle ${NEW_BUNDLE}: stop the previous version's processes`,
    inputsFor(fakes.connect, {
      keys: 'all',
      bundle: 'previous',
      wait: 'true',
      'wait-timeout': '60',
      'poll-interval': '0.5',
      'github-token': fakes.github.token,
    }),
    [fakes.connect.apiKey, fakes.github.token],
    github,
  );
  expect('Connect', connect, {
    outcomes: ['ended', 'ended'],
    terminated: '2',
    failed: '0',
  });
  const keys = (connect.rows ?? []).map((row) => row.job_key).join(',');
  if (keys !== previous.join(','))
    problems.push(`Connect: terminated ${keys}, expected ${previous}`);
  const stillActive = previous.filter((key) => fakes.connect.job(key)?.status === 0);
  if (stillActive.length > 0) problems.push(`Connect: still active: ${stillActive.join(', ')}`);
  const stopped = fresh.filter((key) => fakes.connect.job(key)?.status !== 0);
  if (stopped.length > 0) problems.push(`Connect: the new bundle's ${stopped} stopped`);
  if (preview.some((key) => fakes.connect.job(key)?.status !== 0)) {
    problems.push(`Connect: the deploy run stopped the preview of #${PULL_REQUEST}`);
  }
  if (!/Left running:.*previews of &#35;12/.test(connect.summary)) {
    problems.push("Connect: the deploy run's summary does not say the preview was left running");
  }

  // The pull request closes: its deploy comment names its previews, and the run signs in
  // with Trusted Publishing.
  const { server, guid } = fakes.connect;
  const keyless = await show(
    'preview',
    `Posit Connect, pull request #${PULL_REQUEST} closed: stop its previews' processes, signed in with Trusted Publishing (no API key)`,
    {
      vendor: 'posit-connect',
      server,
      target: guid,
      keys: 'all',
      'pull-request': PULL_REQUEST,
      'github-token': fakes.github.token,
    },
    [fakes.oidc.requestToken, fakes.github.token],
    { ...fakes.oidc.env, ...github },
  );
  expect('Connect (Trusted Publishing)', keyless, {
    outcomes: ['terminated'],
    terminated: '1',
    failed: '0',
  });
  for (const secret of [...fakes.oidc.issued, ...fakes.connect.mintedKeys]) {
    if (leaked(keyless, secret))
      problems.push('Connect (Trusted Publishing): a token appeared in the output');
  }
  if (fresh.some((key) => fakes.connect.job(key)?.status !== 0)) {
    problems.push(`Connect: the preview run stopped a process of bundle ${NEW_BUNDLE}`);
  }

  const xplenty = await show(
    'xplenty',
    `Xplenty: terminate jobs ${XPLENTY_KEYS} and wait until they stopped`,
    inputsFor(fakes.xplenty, {
      keys: XPLENTY_KEYS,
      wait: 'true',
      'wait-timeout': '60',
      'poll-interval': '0.5',
    }),
    [fakes.xplenty.apiKey],
  );
  // 304 had already failed: it is reported as it is, and is no failure of the run.
  expect('Xplenty', xplenty, {
    outcomes: ['ended', 'ended', 'not-active'],
    terminated: '2',
    failed: '0',
  });
  const statuses = xplenty.rows?.map((row) => row.status).join(',');
  if (statuses !== 'stopped,stopped,failed') {
    problems.push(`Xplenty: expected statuses stopped,stopped,failed, got ${statuses}`);
  }

  // The nightly watchdog: two jobs have run for hours; one stops when told, the other (a
  // report stuck on a query) is still active at the deadline. The summary shows both logs.
  for (const job of WATCHDOG_JOBS) fakes.connect.addJob(job);
  const watchdog = await show(
    'watchdog',
    'Posit Connect, nightly watchdog: terminate what has run for more than 6 hours',
    inputsFor(fakes.connect, {
      keys: 'all',
      'older-than': '6h',
      wait: 'true',
      'wait-timeout': '3',
      'poll-interval': '0.5',
      'log-lines': '8',
    }),
    [fakes.connect.apiKey],
  );
  expect('Watchdog', watchdog, {
    outcomes: ['timed-out', 'ended'],
    terminated: '2',
    failed: '1',
    code: 1,
  });
  const logged = (watchdog.rows ?? []).map((row) => row.log?.length ?? 0).join(',');
  if (logged !== '8,6') problems.push(`Watchdog: log lines per row ${logged}, expected 8,6`);
  if (summaries.length !== DEMO_RUNS.length) {
    problems.push(`${summaries.length} runs played, demo-runs.mjs lists ${DEMO_RUNS.length}`);
  }
  if (options['summary-dir']) writeSummaries(options['summary-dir']);
} finally {
  await fakes.close();
}

console.log(`\n${'='.repeat(78)}`);
if (problems.length > 0) {
  console.error(`The demo did not go as expected:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `Every run behaved as expected: Connect stopped the 2 processes of the previous bundle and\n` +
    `left the 2 of bundle ${NEW_BUNDLE} and the preview of #${PULL_REQUEST} running, then, signed in\n` +
    `with Trusted Publishing, the process of the preview (draft bundle ${DRAFT_BUNDLE}); Xplenty stopped 305 and 306, waited until they\n` +
    'were stopped, and reported 304 as already ended; the watchdog stopped one old job, reported\n' +
    'the stuck report timed-out (the step fails, as it should) and showed the last log lines of both.',
);

/**
 * Runs the action with `inputs` and prints its log, outputs and summary.
 * @param {(typeof DEMO_RUNS)[number]} run  which of the runs of demo-runs.mjs, played in order
 * @param {string} title
 * @param {Record<string, string>} inputs
 * @param {string[]} secrets  must appear nowhere but in the runner's add-mask commands
 * @param {Record<string, string>} [env]  the runner's environment besides the inputs
 */
async function show(run, title, inputs, secrets, env = {}) {
  if (DEMO_RUNS[summaries.length] !== run) {
    problems.push(`the run ${run} came where demo-runs.mjs has ${DEMO_RUNS[summaries.length]}`);
  }
  console.log(`\n${'='.repeat(78)}\n${title}\n${'='.repeat(78)}`);
  const shown = inputs['api-key'] ? { ...inputs, 'api-key': '***' } : inputs;
  console.log(
    `with:\n${Object.entries(shown)
      .map(([name, value]) => `  ${name}: ${value}`)
      .join('\n')}\n`,
  );
  const result = await runAction(inputs, { env });
  console.log(`--- log (exit code ${result.code}, ${Math.round(result.durationMs)} ms)`);
  for (const line of result.stdout.split('\n')) {
    // The runner reads these commands and never prints them; the first ones carry the key.
    if (line.startsWith('::add-mask::') || line.startsWith('::debug::') || line === '') continue;
    console.log(`  ${line}`);
  }
  if (result.stderr.trim()) console.log(`--- stderr\n${result.stderr.trim()}`);
  console.log('--- outputs');
  console.log(`  terminated: ${result.outputs.terminated}`);
  console.log(`  failed: ${result.outputs.failed}`);
  console.log(`  results:\n${indent(JSON.stringify(result.rows, null, 2))}`);
  console.log('--- step summary (GITHUB_STEP_SUMMARY, HTML)');
  console.log(indent(result.summary.trimEnd()));
  summaries.push({ run, summary: result.summary });

  if (secrets.some((secret) => leaked(result, secret))) {
    problems.push(`${inputs.vendor}: the API key appeared in the output`);
  }
  return result;
}

/**
 * Whether `secret` shows anywhere but in the runner's add-mask commands.
 * @param {Awaited<ReturnType<typeof runAction>>} result
 * @param {string} secret
 */
function leaked(result, secret) {
  const logWithoutMasks = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [logWithoutMasks, result.stderr, result.outputsText, result.summary].some((text) =>
    text.includes(secret),
  );
}

/**
 * @param {string} vendor
 * @param {Awaited<ReturnType<typeof runAction>>} result
 * @param {{ outcomes: string[], terminated: string, failed: string, code?: number }} wanted
 */
function expect(vendor, result, wanted) {
  const code = wanted.code ?? 0;
  if (result.code !== code) problems.push(`${vendor}: exit code ${result.code}, expected ${code}`);
  const outcomes = (result.rows ?? []).map((row) => row.outcome).join(',');
  if (outcomes !== wanted.outcomes.join(',')) {
    problems.push(`${vendor}: outcomes ${outcomes || '(none)'}, expected ${wanted.outcomes}`);
  }
  for (const name of /** @type {const} */ (['terminated', 'failed'])) {
    if (result.outputs[name] !== wanted[name]) {
      problems.push(
        `${vendor}: output ${name} = ${result.outputs[name]}, expected ${wanted[name]}`,
      );
    }
  }
}

/** Each run's step summary, in the file demo-runs.mjs names. @param {string} dir */
function writeSummaries(dir) {
  mkdirSync(dir, { recursive: true });
  for (const { run, summary } of summaries) writeFileSync(join(dir, summaryFile(run)), summary);
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}
