// `npm run bench`: runs the committed dist/index.js against the loopback fakes with added
// latency, the way the GitHub runner runs it, side by side with the smallest programs that do
// the same (bench/bare.mjs), and prints one table (bench/README.md explains how to read it).
// Also writes bench/results.json.
//
//   node bench/bench.mjs [--runs 5] [--heavy-runs 3] [--latency 25] [--only startup,wait,...]
//
// The table of cases below is the whole benchmark: each case is defined once, with the run of
// the action, its floor, and the checks (rows) with their targets.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench, settings } from './harness.mjs';
import {
  connectKill,
  connectWatchdog,
  connectPreviews,
  connectScan,
  connectWait,
  startup,
  xplentyAccounts,
  xplentyClusters,
  xplentyDryRun,
  xplentyList,
  xplentyWait,
} from './samples.mjs';

const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
// Xplenty's real limit: 5,000 credits an hour; the action keeps 20 % of it for later steps.
const XPLENTY_WAIT = {
  jobs: 50,
  stopAfterMs: 2000,
  intervalMs: 1000,
  timeoutS: 300,
  rateLimit: 5000,
  concurrency: 16,
};
const ALLOWED_CREDITS = XPLENTY_WAIT.rateLimit * 0.8;
// The waits that read lists: 500 jobs that stop 2 s after their kill order.
const XPLENTY_WAIT_500 = { ...XPLENTY_WAIT, jobs: 500 };
const CONNECT_WAIT_500 = {
  jobs: 500,
  stopAfterMs: 2000,
  intervalMs: 1000,
  timeoutS: 300,
  concurrency: 16,
};
// `target: all` over 50 accounts of 3 running jobs each (issue 27).
const ACCOUNTS_50 = { accounts: 50, jobs: 3, concurrency: 16 };
/** The fewest requests: the account list, each account's 4 status lists, one DELETE per job. */
const ACCOUNTS_FLOOR = 1 + 4 * ACCOUNTS_50.accounts + ACCOUNTS_50.accounts * ACCOUNTS_50.jobs;
/**
 * Round trips at the least: the account list; each account's statuses one after another (a
 * job that moves on is found in a later list), `concurrency` accounts at once; the DELETEs.
 */
const ACCOUNTS_ROUNDS =
  1 +
  4 * Math.ceil(ACCOUNTS_50.accounts / ACCOUNTS_50.concurrency) +
  Math.ceil((ACCOUNTS_50.accounts * ACCOUNTS_50.jobs) / ACCOUNTS_50.concurrency);
// `target: all` over 50 accounts of 20 idle clusters each, `keys: none`, `clusters: idle`.
const CLUSTERS_50 = { accounts: 50, clusters: 20, concurrency: 16 };
const CLUSTERS_TOTAL = CLUSTERS_50.accounts * CLUSTERS_50.clusters;
/**
 * The fewest requests: the account list; per account its idle clusters (one page) and its
 * idle, pending and queued jobs (a cluster they wait for is not free); per cluster one read
 * right before its DELETE, and the DELETE.
 */
const CLUSTERS_FLOOR = 1 + 4 * CLUSTERS_50.accounts + 2 * CLUSTERS_TOTAL;
/** Round trips at the least: the list; 4 lists per account, 16 at once; read then DELETE. */
const CLUSTERS_ROUNDS =
  1 +
  4 * Math.ceil(CLUSTERS_50.accounts / CLUSTERS_50.concurrency) +
  2 * Math.ceil(CLUSTERS_TOTAL / CLUSTERS_50.concurrency);
const SPREAD_500 = { idle: 30, pending: 50, queued: 120, running: 300 };
const SPREAD_10K = { idle: 1000, pending: 2000, queued: 3000, running: 4000 };
/** The fewest list calls for a spread: per status, pages of 100 while a page names a next. */
const listCalls = (spread) =>
  Object.values(spread).reduce((sum, n) => sum + Math.max(1, Math.ceil(n / 100)), 0);

const ms = (value) => `${Math.round(value)} ms`;
const s = (value) => `${(value / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const count = (value) => `${Number(value.toFixed(1))}`;
const atMost = (bound, text = `≤ ${bound}×`) => ({ text, pass: (ratio) => ratio <= bound });
const atLeast = (bound) => ({ text: `≥ ${bound}×`, pass: (ratio) => ratio >= bound });
const information = { text: 'information' };
const most = (m, id, field) => Math.max(...m.all(id, 'run', field));

/**
 * A wait that reads lists, beside the bare poller: detection (per job, its stop to the first
 * answer that showed it), and what the wait spent after the last kill order against
 * `allowed` plus the jobs it read on their own; the poller's spending as information.
 */
function listWait(id, { run, floor, what, spent }) {
  const of = (kind, field) => (m) => m.of(id, kind, field);
  return {
    id,
    run,
    floor,
    checks: [
      {
        name: `${what}: detection`,
        measured: of('run', 'detectionMs'),
        reference: of('floor', 'detectionMs'),
        referenceName: 'bare poller, same interval',
        unit: ms,
        target: atMost(1.3),
      },
      {
        name: `same: ${spent.name} during the wait (most of any run)`,
        suffix: `-${spent.name}`,
        measured: (m) => most(m, id, spent.field),
        reference: (m) => spent.allowed + most(m, id, 'jobsReadAlone'),
        referenceName: `${spent.allowed} + ${spent.alone}`,
        unit: count,
        target: atMost(1),
      },
      {
        name: `same: ${spent.name} of the bare poller during its wait`,
        suffix: '-bare',
        measured: of('floor', spent.field),
        reference: of('run', spent.field),
        referenceName: 'the action',
        unit: count,
        target: information,
      },
      {
        name: 'same: last kill to last job seen stopped',
        suffix: '-last-seen',
        measured: of('run', 'lastKillToLastSeenMs'),
        reference: of('floor', 'lastKillToLastSeenMs'),
        referenceName: 'bare poller',
        unit: s,
        target: information,
      },
    ],
  };
}

/**
 * Wall time against the ideal: ceil(requests / concurrency) round trips after the run's own
 * start-up (spawn to first request).
 */
function vsIdeal(
  id,
  requests,
  concurrency,
  target,
  what = `${requests.toLocaleString('en')} Connect jobs`,
) {
  return {
    name: `${what}, concurrency ${concurrency} / ideal`,
    measured: (m) => m.of(id, 'run', 'wallMs'),
    reference: (m) =>
      Math.ceil(requests / concurrency) * settings.latencyMs + m.of(id, 'run', 'firstRequestMs'),
    referenceName: `ideal: ceil(${requests}/${concurrency})·latency + start-up`,
    unit: s,
    target,
  };
}

/** A serial run's wall time against the concurrent run of another case. */
function serialVs(id, concurrentId, name, referenceName, target) {
  return {
    name,
    measured: (m) => m.of(id, 'run', 'wallMs'),
    reference: (m) => m.of(concurrentId, 'run', 'wallMs'),
    referenceName,
    unit: s,
    target,
  };
}

/** The action's wall time against its floor's, as information. */
function vsFloor(id, name, referenceName) {
  return {
    name,
    suffix: '-bare',
    measured: (m) => m.of(id, 'run', 'wallMs'),
    reference: (m) => m.of(id, 'floor', 'wallMs'),
    referenceName,
    unit: s,
    target: information,
  };
}

/** `target: all` over `items` content items of 2 jobs each, dry run: the action and bare.mjs. */
function scan(items, concurrency, extra = {}) {
  const id = `scan-${items >= 10_000 ? `${items / 1000}k` : items}-c${concurrency}`;
  const what = `target: all, ${items.toLocaleString('en')} content items × 2 jobs, dry run (the content list, then each item's jobs)`;
  return {
    id,
    run: () => connectScan('action', items, concurrency),
    floor: () => connectScan('bare', items, concurrency),
    ...extra,
    checks: [
      vsIdeal(id, items + 1, concurrency, atMost(1.3), what),
      vsFloor(id, 'same / bare scan', 'bare.mjs, the same requests'),
      ...(extra.checks ?? []),
    ],
  };
}

/** A scaling case: `jobs` Connect kills at concurrency 64, the action and the bare fetch loop. */
function scaling(jobs, target, heavy = false) {
  const id = `kill-${jobs}-c64`;
  return {
    id,
    heavy,
    run: () => connectKill('action', jobs, 64),
    floor: () => connectKill('bare', jobs, 64),
    checks: [
      vsIdeal(id, jobs, 64, target),
      vsFloor(id, 'same / bare fetch loop', 'the same requests from bare.mjs'),
    ],
  };
}

const CASES = [
  {
    id: 'startup',
    pairs: 4,
    run: () => startup('action'),
    floor: () => startup('bare'),
    checks: [
      {
        name: 'start-up: spawn to first request at the server',
        measured: (m) => m.of('startup', 'run', 'firstRequestMs'),
        reference: (m) => m.of('startup', 'floor', 'firstRequestMs'),
        referenceName: "import '@actions/core'; fetch(url)",
        unit: ms,
        target: atMost(1.15),
      },
    ],
  },
  {
    id: 'cli-startup',
    pairs: 4,
    run: () => startup('cli'),
    floor: () => startup('action'),
    checks: [
      {
        name: 'the command (dist/cli/): spawn to first request',
        measured: (m) => m.of('cli-startup', 'run', 'firstRequestMs'),
        reference: (m) => m.of('cli-startup', 'floor', 'firstRequestMs'),
        referenceName: 'the action, dist/index.js',
        unit: ms,
        target: atMost(1.1),
      },
    ],
  },
  {
    id: 'dist',
    checks: [
      {
        // @actions/core and the whole of undici (its http-client imports undici's entry) are
        // in it since the action runs on @actions/core: reported, no target.
        name: 'all JavaScript under dist/',
        measured: () => javascriptBytes(DIST_DIR),
        reference: () => 750_000,
        referenceName: 'the target before @actions/core',
        unit: mb,
        target: information,
      },
    ],
  },
  scaling(100, information),
  scaling(1000, information),
  scaling(10_000, atMost(1.25), true),
  {
    id: 'connect-500',
    run: () => connectKill('action', 500, 16),
    checks: [vsIdeal('connect-500', 500, 16, atMost(1.3))],
  },
  {
    id: 'connect-500-serial',
    heavy: true,
    run: () => connectKill('action', 500, 1),
    checks: [
      serialVs(
        'connect-500-serial',
        'connect-500',
        'same at concurrency 1: speed-up of concurrency 16',
        'concurrency 16',
        atLeast(10),
      ),
    ],
  },
  scan(2000, 16),
  {
    id: 'scan-2000-serial',
    once: true,
    run: () => connectScan('bare', 2000, 1),
    checks: [
      serialVs(
        'scan-2000-serial',
        'scan-2000-c16',
        'same, one item after another (bare.mjs; how the existing clients scan) / the action at concurrency 16',
        'the action, concurrency 16',
        information,
      ),
    ],
  },
  scan(10_000, 64, {
    heavy: true,
    checks: [
      {
        name: 'same: peak memory / the 10,000-job Xplenty dry run',
        suffix: '-rss',
        measured: (m) => m.of('scan-10k-c64', 'run', 'maxRssBytes'),
        reference: (m) => m.of('dry-run-10k', 'run', 'maxRssBytes'),
        referenceName: 'the action, dry-run-10k of this run',
        unit: mb,
        target: atMost(1.1),
      },
    ],
  }),
  {
    // The floor is the same run on a server without drafts: what telling previews apart adds.
    id: 'previews-200',
    run: () => connectPreviews(200, 16, '2025.12.0'),
    floor: () => connectPreviews(200, 16, '2025.05.0'),
    checks: [
      {
        name: '`bundle: previous` over 200 content items with previews (drafts, metadata), dry run: requests per item',
        measured: (m) => (m.of('previews-200', 'run', 'requests') - 2) / 200,
        reference: () => 2,
        referenceName: 'one jobs list and one bundle listing per item',
        unit: (value) => value.toFixed(2),
        target: atMost(1.01),
      },
      vsIdeal('previews-200', 401, 16, atMost(1.3), '200 items with previews (401 requests)'),
      vsFloor(
        'previews-200',
        'same / the same items on a server without drafts',
        'Connect 2025.05.0: no bundle listing',
      ),
    ],
  },
  {
    // The floor is the same run without logs: what `log-lines` adds is measured against it.
    id: 'watchdog-500',
    run: () => connectWatchdog(500, 16, 20),
    floor: () => connectWatchdog(500, 16, 0),
    checks: [
      {
        name: '500-job Connect watchdog, log-lines 20: requests added per job shown',
        measured: (m) =>
          Math.max(...m.all('watchdog-500', 'run', 'requests')) -
          Math.min(...m.all('watchdog-500', 'floor', 'requests')),
        reference: (m) => Math.min(...m.all('watchdog-500', 'run', 'shown')),
        referenceName: 'jobs whose log is shown',
        unit: count,
        target: atMost(1, '≤ 1 per job'),
      },
      {
        name: 'same / ideal',
        suffix: '-ideal',
        measured: (m) => m.of('watchdog-500', 'run', 'wallMs'),
        reference: (m) =>
          (1 + 2 * Math.ceil(500 / 16)) * settings.latencyMs +
          m.of('watchdog-500', 'run', 'firstRequestMs'),
        referenceName: 'ideal: (1 + 2·ceil(500/16))·latency + start-up',
        unit: s,
        target: atMost(1.3),
      },
      {
        name: 'same / the run without logs',
        suffix: '-no-logs',
        measured: (m) => m.of('watchdog-500', 'run', 'wallMs'),
        reference: (m) => m.of('watchdog-500', 'floor', 'wallMs'),
        referenceName: 'log-lines 0',
        unit: s,
        target: information,
      },
    ],
  },
  {
    id: 'xplenty-list',
    run: () => xplentyList(SPREAD_500, 16),
    checks: [
      {
        name: '500 Xplenty jobs listed and killed: requests (most of any run)',
        measured: (m) => Math.max(...m.all('xplenty-list', 'run', 'requests')),
        reference: () => 500 + listCalls(SPREAD_500),
        referenceName: `500 DELETEs + ${listCalls(SPREAD_500)} list calls`,
        unit: count,
        target: atMost(1, 'none beyond the floor'),
      },
    ],
  },
  {
    id: 'xplenty-accounts-50',
    run: () => xplentyAccounts(ACCOUNTS_50),
    checks: [
      {
        name: '`target: all`, 50 Xplenty accounts of 3 running jobs, concurrency 16: requests (most of any run)',
        measured: (m) => Math.max(...m.all('xplenty-accounts-50', 'run', 'requests')),
        reference: () => ACCOUNTS_FLOOR,
        referenceName: `1 account list + ${4 * ACCOUNTS_50.accounts} status lists + ${ACCOUNTS_50.accounts * ACCOUNTS_50.jobs} DELETEs`,
        unit: count,
        target: atMost(1, 'none beyond the floor'),
      },
      {
        name: 'same: wall time',
        suffix: '-ideal',
        measured: (m) => m.of('xplenty-accounts-50', 'run', 'wallMs'),
        reference: (m) =>
          ACCOUNTS_ROUNDS * settings.latencyMs +
          m.of('xplenty-accounts-50', 'run', 'firstRequestMs'),
        referenceName: `ideal: ${ACCOUNTS_ROUNDS}·latency + start-up`,
        unit: s,
        target: atMost(1.3),
      },
    ],
  },
  {
    id: 'xplenty-clusters-50x20',
    run: () => xplentyClusters(CLUSTERS_50),
    checks: [
      {
        name: '`clusters: idle`, `keys: none`, `target: all`: 50 accounts × 20 idle clusters, concurrency 16: requests (most of any run)',
        measured: (m) => Math.max(...m.all('xplenty-clusters-50x20', 'run', 'requests')),
        reference: () => CLUSTERS_FLOOR,
        referenceName: `1 account list + ${4 * CLUSTERS_50.accounts} lists + ${CLUSTERS_TOTAL} reads + ${CLUSTERS_TOTAL} DELETEs`,
        unit: count,
        target: atMost(1, 'none beyond the floor'),
      },
      {
        name: 'same: credits of the rate budget spent',
        suffix: '-credits',
        measured: (m) => Math.max(...m.all('xplenty-clusters-50x20', 'run', 'credits')),
        reference: () => CLUSTERS_FLOOR,
        referenceName: 'one credit per request of the floor',
        unit: count,
        target: atMost(1, 'none beyond the floor'),
      },
      {
        name: 'same: wall time',
        suffix: '-ideal',
        measured: (m) => m.of('xplenty-clusters-50x20', 'run', 'wallMs'),
        reference: (m) =>
          CLUSTERS_ROUNDS * settings.latencyMs +
          m.of('xplenty-clusters-50x20', 'run', 'firstRequestMs'),
        referenceName: `ideal: ${CLUSTERS_ROUNDS}·latency + start-up`,
        unit: s,
        target: atMost(1.3),
      },
    ],
  },
  {
    id: 'wait',
    run: () => xplentyWait('action', XPLENTY_WAIT),
    floor: () => xplentyWait('bare', XPLENTY_WAIT),
    checks: [
      {
        name: 'Xplenty wait, 5,000-credit limit, 50 jobs stop 2 s after the kill, poll-interval 1, wait-timeout 300: detection',
        measured: (m) => m.of('wait', 'run', 'detectionMs'),
        reference: (m) => m.of('wait', 'floor', 'detectionMs'),
        referenceName: 'bare poller, same interval',
        unit: ms,
        target: atMost(1.3),
      },
      {
        name: 'same: last kill to last job seen stopped',
        suffix: '-last-seen',
        measured: (m) => m.of('wait', 'run', 'lastKillToLastSeenMs'),
        reference: () => XPLENTY_WAIT.stopAfterMs,
        referenceName: 'the stop itself',
        unit: s,
        target: { text: '≤ 2.6 s', pass: (_ratio, value) => value <= 2600 },
      },
      {
        name: 'same: polls per job',
        suffix: '-polls',
        measured: (m) => m.of('wait', 'run', 'pollsPerJob'),
        reference: (m) => m.of('wait', 'floor', 'pollsPerJob'),
        referenceName: 'bare poller',
        unit: count,
        target: information,
      },
      {
        name: 'same: credits spent (most of any run) / allowed',
        suffix: '-credits',
        measured: (m) => Math.max(...m.all('wait', 'run', 'credits')),
        reference: () => ALLOWED_CREDITS,
        referenceName: 'the limit less the 20 % reserve',
        unit: count,
        target: atMost(1),
      },
    ],
  },
  listWait('wait-connect-500', {
    run: () => connectWait('action', CONNECT_WAIT_500),
    floor: () => connectWait('bare', CONNECT_WAIT_500),
    what: 'Connect wait, 500 jobs of one content item stop 2 s after the kill, poll-interval 1',
    spent: {
      field: 'waitRequests',
      name: 'requests',
      allowed: 10,
      alone: 'jobs polled on their own',
    },
  }),
  listWait('wait-xplenty-500', {
    run: () => xplentyWait('action', XPLENTY_WAIT_500),
    floor: () => xplentyWait('bare', XPLENTY_WAIT_500),
    what: 'Xplenty wait, 5,000-credit limit, 500 jobs stop 2 s after the kill, poll-interval 1',
    spent: { field: 'waitCredits', name: 'credits', allowed: 100, alone: 'jobs read once' },
  }),
  {
    id: 'dry-run-10k',
    heavy: true,
    run: () => xplentyDryRun('action', SPREAD_10K),
    floor: () => xplentyDryRun('bare', SPREAD_10K),
    checks: [
      {
        name: '10,000 active Xplenty jobs, dry-run: peak memory',
        measured: (m) => m.of('dry-run-10k', 'run', 'maxRssBytes'),
        reference: (m) => m.of('dry-run-10k', 'floor', 'maxRssBytes'),
        referenceName: 'bare.mjs lists the same pages, writes the same rows',
        unit: mb,
        target: atMost(1),
      },
      {
        name: 'same: requests (most of any run)',
        suffix: '-requests',
        measured: (m) => Math.max(...m.all('dry-run-10k', 'run', 'requests')),
        reference: () => listCalls(SPREAD_10K),
        referenceName: 'list calls',
        unit: count,
        target: atMost(1, 'none beyond the floor'),
      },
    ],
  },
];

/** Bytes of every JavaScript file under `dir` (chunks and preloads included). */
function javascriptBytes(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => /\.(c|m)?js$/.test(name))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

await bench(CASES);
