// `npm run bench`: runs the committed dist/index.js against the loopback fakes with added
// latency, the way the GitHub runner runs it, and prints one table of side-by-side medians
// (bench/README.md explains how to read it). Also writes bench/results.json.
//
//   node bench/bench.mjs [--runs 5] [--heavy-runs 3] [--latency 25] [--only startup,connect-16,...]
//
// Everything talks to 127.0.0.1 only; the whole run stops itself after LIMIT_MS.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONNECT_GUID, CONNECT_KEY, startConnect } from '../__tests__/fakes/connect.mjs';
import { DIST, runAction } from '../__tests__/fakes/runner.mjs';
import { startXplenty, XPLENTY_ACCOUNT, XPLENTY_KEY } from '../__tests__/fakes/xplenty.mjs';

const CASES = [
  'startup',
  'connect-16',
  'harness-floor',
  'connect-1',
  'xplenty-list',
  'wait',
  'dry-run-10k',
];
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'heavy-runs': { type: 'string', default: '3' },
    latency: { type: 'string', default: '25' },
    only: { type: 'string', default: CASES.join(',') },
  },
});
const RUNS = Number(flags.runs);
const HEAVY_RUNS = Math.min(RUNS, Number(flags['heavy-runs']));
const LATENCY_MS = Number(flags.latency);
const ONLY = new Set(flags.only.split(','));
for (const name of ONLY) if (!CASES.includes(name)) fail(`unknown case ${name}; cases: ${CASES}`);

const JOBS = 500;
const CONCURRENCY = 16;
const STARTUP_PAIRS_PER_ROUND = 2;
const WAIT_JOBS = 50;
const STOP_AFTER_MS = 2000;
const POLL_INTERVAL_MS = 500;
const HEAVY_JOBS = 10_000;
const LIMIT_MS = 170_000;
const DIST_LIMIT_BYTES = 1_500_000;
const RSS_LIMIT_BYTES = 150_000_000;
const MB = 1_000_000;
// Active statuses the action lists, and how the jobs of the list cases spread over them.
const XPLENTY_SPREAD_500 = { idle: 30, pending: 50, queued: 120, running: 300 };
const XPLENTY_SPREAD_10K = { idle: 1000, pending: 2000, queued: 3000, running: 4000 };
const PAGE_SIZE = 100;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_RSS_PRELOAD = new URL('max-rss.mjs', import.meta.url).href;
const benchStarted = performance.now();

// The whole benchmark stops by itself: children are killed, the process exits non-zero.
const children = new Set();
const watchdog = setTimeout(() => {
  for (const child of children) child.kill('SIGKILL');
  console.error(`bench: stopped after ${LIMIT_MS / 1000} s; the table holds the runs made so far`);
  report({ complete: false });
  process.exit(2);
}, LIMIT_MS);
watchdog.unref();

/** runAction, with the child tracked for the watchdog. */
async function run(inputs, options = {}) {
  return runAction(inputs, {
    killAfterMs: 60_000,
    ...options,
    onSpawn: (child) => {
      children.add(child);
      child.on('exit', () => children.delete(child));
      options.onSpawn?.(child);
    },
  });
}

/** Stamps every request a fake logs with performance.now() (`t`), on this process's clock. */
function stamped(fake) {
  const push = Array.prototype.push;
  fake.requests.push = (...entries) => {
    const t = performance.now();
    for (const entry of entries) entry.t = t;
    return push.apply(fake.requests, entries);
  };
  return fake;
}

async function withFake(start, body) {
  const fake = stamped(await start());
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

function check(condition, what, result) {
  if (condition) return;
  const detail = result
    ? `\nexit ${result.code}\n${result.stdout.slice(-2000)}${result.stderr}`
    : '';
  fail(`invalid measurement: ${what}${detail}`);
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function progress(message) {
  process.stderr.write(
    `[${((performance.now() - benchStarted) / 1000).toFixed(1)} s] ${message}\n`,
  );
}

const connectKeys = (n) =>
  Array.from({ length: n }, (_, i) => `bench-${String(i).padStart(5, '0')}`);

function xplentySpecs(spread, extra = {}) {
  let id = 1;
  return Object.entries(spread).flatMap(([status, count]) =>
    Array.from({ length: count }, () => ({ id: id++, status, ...extra })),
  );
}

/** The fewest requests that list `spread`: per status, pages of 100 until a short page. */
const listFloor = (spread) =>
  Object.values(spread).reduce((sum, count) => sum + Math.floor(count / PAGE_SIZE) + 1, 0);

// ---- the cases; each returns one sample ----

/** Spawn to first request: the action (dry-run, one key), and `node -e "fetch(url)"`. */
async function startupSample(kind) {
  return withFake(
    () => startConnect({ jobs: [{ key: 'bench-start' }], latencyMs: LATENCY_MS }),
    async (fake) => {
      const result =
        kind === 'action'
          ? await run({
              vendor: 'posit-connect',
              target: CONNECT_GUID,
              keys: 'bench-start',
              'api-key': CONNECT_KEY,
              server: fake.server,
              'dry-run': 'true',
            })
          : await run(
              {},
              {
                args: ['-e', `fetch(${JSON.stringify(`${fake.server}/__api__/server_settings`)})`],
              },
            );
      check(result.code === 0 && fake.requests.length > 0, `start-up (${kind})`, result);
      return { firstRequestMs: fake.requests[0].t - result.startedAt, wallMs: result.durationMs };
    },
  );
}

async function connectSample(concurrency) {
  const keys = connectKeys(JOBS);
  return withFake(
    () => startConnect({ jobs: keys.map((key) => ({ key })), latencyMs: LATENCY_MS }),
    async (fake) => {
      const result = await run({
        vendor: 'posit-connect',
        target: CONNECT_GUID,
        keys: keys.join('\n'),
        'api-key': CONNECT_KEY,
        server: fake.server,
        concurrency: String(concurrency),
      });
      check(result.code === 0 && result.outputs.terminated === String(JOBS), 'Connect', result);
      return {
        wallMs: result.durationMs,
        firstRequestMs: fake.requests[0].t - result.startedAt,
        requests: fake.requests.length,
      };
    },
  );
}

/**
 * The harness floor: the same 501 requests as the concurrent Connect case (server_settings,
 * then 500 DELETEs, 16 at a time) from the smallest program that sends them (Node's fetch).
 * What it misses of the ideal is the fakes' and the machine's, not the action's.
 */
async function bareLoopSample() {
  const keys = connectKeys(JOBS);
  return withFake(
    () => startConnect({ jobs: keys.map((key) => ({ key })), latencyMs: LATENCY_MS }),
    async (fake) => {
      const api = `${fake.server}/__api__/`;
      const code = `
        const api = ${JSON.stringify(api)}, jobs = ${JSON.stringify(`v1/content/${CONNECT_GUID}/jobs/`)};
        const headers = { authorization: ${JSON.stringify(`Key ${CONNECT_KEY}`)} };
        const keys = ${JSON.stringify(keys)};
        let next = 0;
        const worker = async () => {
          while (next < keys.length) {
            const response = await fetch(api + jobs + keys[next++], { method: 'DELETE', headers });
            await response.text();
          }
        };
        fetch(api + 'server_settings', { headers })
          .then((response) => response.text())
          .then(() => Promise.all(Array.from({ length: ${CONCURRENCY} }, worker)));`;
      const result = await run({}, { args: ['-e', code] });
      check(result.code === 0 && fake.requests.length === JOBS + 1, 'bare fetch loop', result);
      return {
        wallMs: result.durationMs,
        firstRequestMs: fake.requests[0].t - result.startedAt,
      };
    },
  );
}

async function xplentyListSample() {
  return withFake(
    () => startXplenty({ jobs: xplentySpecs(XPLENTY_SPREAD_500), latencyMs: LATENCY_MS }),
    async (fake) => {
      const result = await run({
        vendor: 'xplenty',
        target: XPLENTY_ACCOUNT,
        keys: 'all',
        'api-key': XPLENTY_KEY,
        server: fake.server,
        concurrency: String(CONCURRENCY),
      });
      check(result.code === 0 && result.outputs.terminated === String(JOBS), 'Xplenty', result);
      const lists = fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/jobs'));
      const deletes = fake.requests.filter((r) => r.method === 'DELETE');
      return {
        requests: fake.requests.length,
        lists: lists.length,
        deletes: deletes.length,
        wallMs: result.durationMs,
      };
    },
  );
}

/** 50 jobs that stop 2 s after their kill order; the wait polls every 0.5 s. */
async function waitSample(vendor) {
  const connect = vendor === 'connect';
  const keys = connect
    ? connectKeys(WAIT_JOBS)
    : Array.from({ length: WAIT_JOBS }, (_, i) => String(i + 1));
  return withFake(
    () =>
      connect
        ? startConnect({
            jobs: keys.map((key) => ({ key, stopAfterMs: STOP_AFTER_MS })),
            latencyMs: LATENCY_MS,
          })
        : startXplenty({
            jobs: keys.map((id) => ({ id: Number(id), stopAfterMs: STOP_AFTER_MS })),
            latencyMs: LATENCY_MS,
          }),
    async (fake) => {
      const result = await run({
        vendor: connect ? 'posit-connect' : 'xplenty',
        target: connect ? CONNECT_GUID : XPLENTY_ACCOUNT,
        keys: keys.join(','),
        'api-key': connect ? CONNECT_KEY : XPLENTY_KEY,
        server: fake.server,
        concurrency: String(CONCURRENCY),
        wait: 'true',
        'poll-interval': String(POLL_INTERVAL_MS / 1000),
      });
      const ended = result.rows?.filter((row) => row.outcome === 'ended').length;
      check(result.code === 0 && ended === WAIT_JOBS, `wait (${vendor})`, result);
      const jobOf = (r) => r.path.split('/').pop();
      const deletes = fake.requests.filter((r) => r.method === 'DELETE');
      const polls = fake.requests.filter(
        (r) => r.method === 'GET' && keys.includes(decodeURIComponent(jobOf(r))),
      );
      // The kill phase ends with the last kill order, the wait with the last poll; both
      // answers take the same added latency, so arrival times compare directly.
      const lastKill = Math.max(...deletes.map((r) => r.t));
      const lastPoll = Math.max(...polls.map((r) => r.t));
      const perJob = new Map();
      for (const poll of polls) perJob.set(jobOf(poll), (perJob.get(jobOf(poll)) ?? 0) + 1);
      return {
        waitMs: lastPoll - lastKill,
        pollsPerJob: polls.length / WAIT_JOBS,
        maxPollsPerJob: Math.max(...perJob.values()),
        wallMs: result.durationMs,
      };
    },
  );
}

/** Peak RSS of a child through the --import preload; kB -> bytes. */
async function withMaxRss(body) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const file = join(dir, 'max-rss');
  try {
    const result = await body({
      nodeArgs: ['--import', MAX_RSS_PRELOAD],
      env: { BENCH_MAX_RSS_FILE: file },
    });
    return { result, maxRssBytes: Number(readFileSync(file, 'utf8')) * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dryRun10kSample() {
  return withFake(
    () => startXplenty({ jobs: xplentySpecs(XPLENTY_SPREAD_10K), latencyMs: LATENCY_MS }),
    async (fake) => {
      const { result, maxRssBytes } = await withMaxRss((options) =>
        run(
          {
            vendor: 'xplenty',
            target: XPLENTY_ACCOUNT,
            keys: 'all',
            'api-key': XPLENTY_KEY,
            server: fake.server,
            concurrency: String(CONCURRENCY),
            'dry-run': 'true',
          },
          options,
        ),
      );
      // 10,000 rows are more than `results` holds: every row is in the results file.
      const all = JSON.parse(result.resultsFileText ?? '[]');
      check(result.code === 0 && all.length === HEAVY_JOBS, '10,000 dry-run', result);
      return { maxRssBytes, wallMs: result.durationMs, requests: fake.requests.length };
    },
  );
}

/** For scale: the peak RSS of the bare fetch program. */
async function bareRssSample() {
  return withFake(
    () => startConnect({ jobs: [], latencyMs: LATENCY_MS }),
    async (fake) => {
      const code = `fetch(${JSON.stringify(`${fake.server}/__api__/server_settings`)})`;
      const { result, maxRssBytes } = await withMaxRss((options) =>
        run({}, { ...options, args: ['-e', code] }),
      );
      check(result.code === 0, 'bare fetch RSS', result);
      return { maxRssBytes };
    },
  );
}

// ---- the runs: round after round, every case once per round, side by side ----

const samples = {};
const add = (name, sample) => (samples[name] ??= []).push(sample);

async function main() {
  if (Number(process.versions.node.split('.')[0]) < 24) {
    progress(`warning: node ${process.version}; the action runs on node24 (use npm run bench)`);
  }
  progress(`warm-up (not counted)`);
  await startupSample('action');
  await startupSample('reference');

  for (let round = 0; round < RUNS; round++) {
    progress(`round ${round + 1} of ${RUNS}`);
    if (ONLY.has('startup') || ONLY.has('connect-16')) {
      for (let pair = 0; pair < STARTUP_PAIRS_PER_ROUND; pair++) {
        // Alternate which goes first, so neither always runs on a warmer machine.
        const order = (round + pair) % 2 === 0 ? ['action', 'reference'] : ['reference', 'action'];
        for (const kind of order) add(`startup-${kind}`, await startupSample(kind));
      }
    }
    if (ONLY.has('connect-16') || ONLY.has('connect-1')) {
      add('connect-16', await connectSample(CONCURRENCY));
    }
    if (ONLY.has('harness-floor')) add('harness-floor', await bareLoopSample());
    if (ONLY.has('connect-1')) add('connect-1', await connectSample(1));
    if (ONLY.has('xplenty-list')) add('xplenty-list', await xplentyListSample());
    if (ONLY.has('wait')) {
      add('wait-connect', await waitSample('connect'));
      add('wait-xplenty', await waitSample('xplenty'));
    }
    if (ONLY.has('dry-run-10k') && round < HEAVY_RUNS) {
      add('dry-run-10k', await dryRun10kSample());
      add('bare-rss', await bareRssSample());
    }
  }
  progress('done');
  report({ complete: true });
}

// ---- the table ----

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const med = (name, field) => median(samples[name].map((sample) => sample[field]));
const all = (name, field) => samples[name].map((sample) => sample[field]);
const ms = (value) => `${Math.round(value)} ms`;
const s = (value) => `${(value / 1000).toFixed(2)} s`;
const mb = (bytes, digits = 1) => `${(bytes / MB).toFixed(digits)} MB`;
const times = (value) => `${value.toFixed(2)}×`;

function report({ complete }) {
  const rows = [];
  const row = (fields) => rows.push({ pass: null, notes: '', ...fields });

  const startupAction = samples['startup-action'] ? med('startup-action', 'firstRequestMs') : null;
  if (samples['startup-action'] && samples['startup-reference']) {
    const bare = med('startup-reference', 'firstRequestMs');
    row({
      id: 'startup',
      case: 'start-up: spawn to the first request at the server',
      measured: { text: ms(startupAction), value: startupAction, unit: 'ms' },
      reference: { text: `${ms(bare)} (node -e "fetch(url)")`, value: bare, unit: 'ms' },
      ratio: startupAction / bare,
      target: '≤ 2×',
      pass: startupAction <= 2 * bare,
      samples: {
        action: all('startup-action', 'firstRequestMs'),
        bare: all('startup-reference', 'firstRequestMs'),
      },
      notes: `${samples['startup-action'].length} pairs; whole run of the action (1 key, dry-run): ${ms(med('startup-action', 'wallMs'))}, of the fetch program: ${ms(med('startup-reference', 'wallMs'))}`,
    });
  }

  if (samples['connect-16'] && startupAction !== null) {
    const wall = med('connect-16', 'wallMs');
    const ideal = Math.ceil(JOBS / CONCURRENCY) * LATENCY_MS + startupAction;
    row({
      id: 'connect-16',
      case: `${JOBS} Connect jobs, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`,
      measured: { text: s(wall), value: wall, unit: 'ms' },
      reference: {
        text: `${s(ideal)} (ideal: ceil(${JOBS}/${CONCURRENCY})·${LATENCY_MS} ms + start-up)`,
        value: ideal,
        unit: 'ms',
      },
      ratio: wall / ideal,
      target: '≤ 1.3×',
      pass: wall <= 1.3 * ideal,
      samples: { wallMs: all('connect-16', 'wallMs') },
      notes: `requests: ${med('connect-16', 'requests')} (floor ${JOBS + 1}: server_settings + ${JOBS} DELETEs)`,
    });
  }

  if (samples['harness-floor']) {
    const wall = med('harness-floor', 'wallMs');
    const start = med('harness-floor', 'firstRequestMs');
    const ideal = Math.ceil(JOBS / CONCURRENCY) * LATENCY_MS + start;
    row({
      id: 'harness-floor',
      case: `(floor of the harness: a bare fetch loop sends the same ${JOBS + 1} requests)`,
      measured: { text: s(wall), value: wall, unit: 'ms' },
      reference: { text: `${s(ideal)} (ideal, with its own start-up)`, value: ideal, unit: 'ms' },
      ratio: wall / ideal,
      target: 'information',
      samples: { wallMs: all('harness-floor', 'wallMs') },
      notes: samples['connect-16']
        ? `the action's concurrent run takes ${ms(med('connect-16', 'wallMs') - wall)} more than this loop; the loop's own start-up ${ms(start)}`
        : '',
    });
  }

  if (samples['connect-1'] && samples['connect-16']) {
    const serial = med('connect-1', 'wallMs');
    const concurrent = med('connect-16', 'wallMs');
    row({
      id: 'connect-1',
      case: 'same, concurrency 1 (how every existing client works)',
      measured: { text: s(serial), value: serial, unit: 'ms' },
      reference: { text: `${s(concurrent)} (the concurrent run)`, value: concurrent, unit: 'ms' },
      ratio: serial / concurrent,
      target: 'speed-up ≥ 10×',
      pass: serial >= 10 * concurrent,
      samples: { wallMs: all('connect-1', 'wallMs') },
      notes: `requests: ${med('connect-1', 'requests')}`,
    });
  }

  if (samples['xplenty-list']) {
    const requests = med('xplenty-list', 'requests');
    const floor = JOBS + listFloor(XPLENTY_SPREAD_500);
    row({
      id: 'xplenty-list',
      case: `${JOBS} Xplenty jobs listed (no keys), ${LATENCY_MS} ms`,
      measured: { text: `${requests} requests`, value: requests, unit: 'requests' },
      reference: {
        text: `${floor} (${JOBS} DELETEs + ${listFloor(XPLENTY_SPREAD_500)} list calls)`,
        value: floor,
        unit: 'requests',
      },
      ratio: requests / floor,
      target: '0 beyond the floor',
      pass: Math.max(...all('xplenty-list', 'requests')) <= floor,
      samples: { requests: all('xplenty-list', 'requests') },
      notes: `statuses ${JSON.stringify(XPLENTY_SPREAD_500)}; lists ${med('xplenty-list', 'lists')}, DELETEs ${med('xplenty-list', 'deletes')}; wall time ${s(med('xplenty-list', 'wallMs'))}`,
    });
  }

  for (const vendor of ['connect', 'xplenty']) {
    const name = `wait-${vendor}`;
    if (!samples[name]) continue;
    const wait = med(name, 'waitMs');
    const polls = med(name, 'pollsPerJob');
    const idealPolls = Math.ceil(STOP_AFTER_MS / POLL_INTERVAL_MS) + 1;
    row({
      id: name,
      case:
        vendor === 'connect'
          ? `wait (Connect): ${WAIT_JOBS} jobs stop ${STOP_AFTER_MS / 1000} s after the kill, poll-interval ${POLL_INTERVAL_MS / 1000} s`
          : `same on Xplenty (5,000 calls/h rate budget, wait-timeout 300 s)`,
      measured: {
        text: `${s(wait)}, ${polls.toFixed(1)} polls/job`,
        value: wait,
        unit: 'ms',
        polls,
      },
      reference: {
        text: `${s(STOP_AFTER_MS)}; ${idealPolls} polls/job`,
        value: STOP_AFTER_MS,
        unit: 'ms',
        polls: idealPolls,
      },
      ratio: wait / STOP_AFTER_MS,
      ratioText: `${times(wait / STOP_AFTER_MS)}; ${times(polls / idealPolls)}`,
      target: `≤ ${idealPolls} polls/job (time: information)`,
      pass: Math.max(...all(name, 'maxPollsPerJob')) <= idealPolls,
      samples: { waitMs: all(name, 'waitMs'), pollsPerJob: all(name, 'pollsPerJob') },
      notes: `wait = last kill order to last poll; most polls of one job ${Math.max(...all(name, 'maxPollsPerJob'))}; whole run ${s(med(name, 'wallMs'))}`,
    });
  }

  if (samples['dry-run-10k'] && samples['bare-rss']) {
    const rss = med('dry-run-10k', 'maxRssBytes');
    const wall = med('dry-run-10k', 'wallMs');
    const bare = med('bare-rss', 'maxRssBytes');
    const floor = listFloor(XPLENTY_SPREAD_10K);
    const requests = Math.max(...all('dry-run-10k', 'requests'));
    row({
      id: 'dry-run-10k',
      case: `${HEAVY_JOBS.toLocaleString('en')} active Xplenty jobs listed, dry-run (${samples['dry-run-10k'].length} runs)`,
      measured: {
        text: `${mb(rss)} peak RSS, ${s(wall)}`,
        value: rss,
        unit: 'bytes',
        wallMs: wall,
      },
      reference: {
        text: `${mb(RSS_LIMIT_BYTES)} (bare fetch: ${mb(bare)})`,
        value: RSS_LIMIT_BYTES,
        unit: 'bytes',
      },
      ratio: rss / RSS_LIMIT_BYTES,
      target: '< 150 MB',
      pass: rss < RSS_LIMIT_BYTES && requests <= floor,
      samples: {
        maxRssBytes: all('dry-run-10k', 'maxRssBytes'),
        wallMs: all('dry-run-10k', 'wallMs'),
      },
      notes: `requests ${requests} (floor ${floor} list calls); statuses ${JSON.stringify(XPLENTY_SPREAD_10K)}`,
    });
  }

  const size = statSync(DIST).size;
  const distScripts = readdirSync(dirname(DIST))
    .filter((name) => /\.(c|m)?js$/.test(name))
    .reduce((sum, name) => sum + statSync(join(dirname(DIST), name)).size, 0);
  row({
    id: 'dist-size',
    case: 'dist/index.js size',
    measured: { text: mb(size, 3), value: size, unit: 'bytes' },
    reference: { text: mb(DIST_LIMIT_BYTES, 3), value: DIST_LIMIT_BYTES, unit: 'bytes' },
    ratio: size / DIST_LIMIT_BYTES,
    target: '< 1.5 MB',
    pass: size < DIST_LIMIT_BYTES,
    samples: {},
    notes: `all JavaScript in dist/ (chunks and preloads included): ${mb(distScripts, 3)}`,
  });

  const header = ['case', 'measured', 'reference', 'ratio', 'target', 'pass'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${[r.case, r.measured.text, r.reference.text, r.ratioText ?? times(r.ratio), r.target, r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL'].join(' | ')} |`,
    ),
  ];
  const seconds = (performance.now() - benchStarted) / 1000;
  console.log(
    `terminate-jobs benchmark: node ${process.version}, ${cpus().length} cores, ${LATENCY_MS} ms added latency, medians of ${RUNS} runs (10,000-job case: ${HEAVY_RUNS})\n`,
  );
  console.log(lines.join('\n'));
  console.log('');
  for (const r of rows.filter((r) => r.notes)) console.log(`- ${r.id}: ${r.notes}`);
  const judged = rows.filter((r) => r.pass !== null);
  const failed = judged.filter((r) => !r.pass).map((r) => r.id);
  console.log(
    `\n${judged.length - failed.length} of ${judged.length} targets hold${failed.length ? `; not: ${failed.join(', ')}` : ''}. Benchmark took ${seconds.toFixed(0)} s.`,
  );

  const json = {
    generatedAt: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    distSha256: createHash('sha256').update(readFileSync(DIST)).digest('hex'),
    distCommitted: git(['status', '--porcelain', '--', 'dist/index.js']) === '',
    node: process.version,
    cpus: cpus().length,
    settings: {
      latencyMs: LATENCY_MS,
      runs: RUNS,
      heavyRuns: HEAVY_RUNS,
      concurrency: CONCURRENCY,
    },
    durationS: Math.round(seconds),
    /** False when the time limit stopped the benchmark: the rows hold the runs made so far. */
    complete,
    rows: rows.map(({ ratioText: _text, ...r }) => r),
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

await main();
