// One sample of each kind of run the benchmark makes: the action (dist/index.js) or its
// floor (bench/bare.mjs, or `node -e fetch`), each against fresh loopback fakes with added
// latency. Every sample reads its numbers from the fake's request log, on one clock.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveMetadata, previewMetadata, startConnect } from '../__tests__/fakes/connect.mjs';
import { inputsFor, withFake } from '../__tests__/fakes/setup.mjs';
import { startXplenty } from '../__tests__/fakes/xplenty.mjs';
import { check, settings, spawnTracked } from './harness.mjs';

const BARE = fileURLToPath(new URL('bare.mjs', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const MAX_RSS_PRELOAD = new URL('max-rss.mjs', import.meta.url).href;
const KEY_PREFIX = 'bench-';
/** What the action's Xplenty rows leave out of a job (src/vendors/xplenty/rows.ts keeps the rest). */
const XPLENTY_DROPPED = ['html_url', 'log_url', 'creator', 'package', 'cluster'];

export const connectKeys = (n) =>
  Array.from({ length: n }, (_, i) => `${KEY_PREFIX}${String(i).padStart(5, '0')}`);

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

const fresh = (started) => started.then(stamped);
const latencyMs = () => settings.latencyMs;
const xplentyApi = (fake) => `${fake.server}/${fake.account}/api/`;
const xplentyHeaders = (fake) => ({
  authorization: `Basic ${Buffer.from(`${fake.apiKey}:`).toString('base64')}`,
  accept: 'application/vnd.xplenty+json; version=2',
});

/** Runs a floor program (bench/bare.mjs) with its job. */
const bare = (job, options = {}) =>
  spawnTracked(
    {},
    { ...options, args: [BARE], env: { ...options.env, BENCH_BARE: JSON.stringify(job) } },
  );

/**
 * Spawn to first request: the action (dry-run, one key), the command (dist/cli/, the same
 * run from flags, the key in the environment), or the smallest program on the same runtime:
 * one that loads @actions/core (the action's runtime, from node_modules) and sends one request
 * with Node's own fetch.
 */
export async function startup(kind) {
  return withFake(
    fresh(startConnect({ jobs: [{ key: 'bench-start' }], latencyMs: latencyMs() })),
    async (fake) => {
      const result =
        kind === 'action'
          ? await spawnTracked(inputsFor(fake, { keys: 'bench-start', 'dry-run': 'true' }))
          : kind === 'cli'
            ? await spawnTracked({}, { args: [CLI, ...cliFlags(fake)], env: cliEnv(fake) })
            : await spawnTracked(
                {},
                {
                  args: [
                    '--input-type=module',
                    '-e',
                    `await import('@actions/core'); await fetch(${JSON.stringify(`${fake.server}/__api__/server_settings`)});`,
                  ],
                },
              );
      check(result.code === 0 && fake.requests.length > 0, `start-up (${kind})`, result);
      return { firstRequestMs: fake.requests[0].t - result.startedAt, wallMs: result.durationMs };
    },
  );
}

/** The command's flags for the start-up's dry run: the action's inputs, as flags. */
const cliFlags = (fake) =>
  ['--vendor', fake.vendor, '--target', fake.target, '--server', fake.server].concat([
    '--keys',
    'bench-start',
    '--dry-run',
  ]);
const cliEnv = (fake) => ({ CONNECT_API_KEY: fake.apiKey });

/** `jobs` Connect kills at `concurrency`, by the action or by the bare fetch loop. */
export async function connectKill(kind, jobs, concurrency) {
  const keys = connectKeys(jobs);
  const started = startConnect({ jobs: keys.map((key) => ({ key })), latencyMs: latencyMs() });
  return withFake(fresh(started), async (fake) => {
    const result =
      kind === 'action'
        ? await spawnTracked(
            inputsFor(fake, { keys: keys.join('\n'), concurrency: String(concurrency) }),
          )
        : await bare({
            mode: 'kill',
            api: `${fake.server}/__api__/`,
            headers: { authorization: `Key ${fake.apiKey}` },
            guid: fake.guid,
            keyPrefix: KEY_PREFIX,
            count: jobs,
            concurrency,
          });
    const deletes = fake.requests.filter((r) => r.method === 'DELETE').length;
    check(result.code === 0 && deletes === jobs, `${jobs} Connect kills (${kind})`, result);
    return {
      wallMs: result.durationMs,
      firstRequestMs: fake.requests[0].t - result.startedAt,
      requests: fake.requests.length,
    };
  });
}

/**
 * A nightly watchdog on Connect: `jobs` active jobs started 7 hours ago, `keys: all`,
 * `older-than: 6h`, killed `concurrency` at once; with `log-lines` above 0 the action then
 * reads the last lines of every job it stopped.
 */
export async function connectWatchdog(jobs, concurrency, logLines) {
  const keys = connectKeys(jobs);
  const specs = keys.map((key) => ({ key, startedAgoMs: 7 * 3_600_000 }));
  return withFake(fresh(startConnect({ jobs: specs, latencyMs: latencyMs() })), async (fake) => {
    const result = await spawnTracked(
      inputsFor(fake, {
        keys: 'all',
        'older-than': '6h',
        concurrency: String(concurrency),
        'log-lines': String(logLines),
      }),
    );
    const deletes = fake.requests.filter((r) => r.method === 'DELETE').length;
    const shown = (result.rows ?? []).filter((row) => row.log !== undefined).length;
    const wantShown = logLines > 0 ? jobs : 0;
    check(
      result.code === 0 && deletes === jobs && shown === wantShown,
      `Connect watchdog, log-lines ${logLines}`,
      result,
    );
    return {
      wallMs: result.durationMs,
      firstRequestMs: fake.requests[0].t - result.startedAt,
      requests: fake.requests.length,
      logRequests: fake.requests.filter((r) => r.path.endsWith('/log')).length,
      shown,
    };
  });
}

/** Xplenty jobs spread over the active statuses, ids from 1. */
export function xplentySpecs(spread, extra = {}) {
  let id = 1;
  return Object.entries(spread).flatMap(([status, count]) =>
    Array.from({ length: count }, () => ({ id: id++, status, ...extra })),
  );
}

/** No keys: the action lists the active jobs and kills them all. */
export async function xplentyList(spread, concurrency) {
  return withFake(
    fresh(startXplenty({ jobs: xplentySpecs(spread), latencyMs: latencyMs() })),
    async (fake) => {
      const result = await spawnTracked(
        inputsFor(fake, { keys: 'all', concurrency: String(concurrency) }),
      );
      const total = Object.values(spread).reduce((sum, n) => sum + n, 0);
      check(
        result.code === 0 && result.outputs.terminated === String(total),
        'Xplenty list',
        result,
      );
      return {
        requests: fake.requests.length,
        lists: fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/jobs')).length,
        wallMs: result.durationMs,
      };
    },
  );
}

/**
 * `target: all` over `accounts` accounts of `jobs` running jobs each (the fake's own account
 * is the first): the action lists the accounts, each account's active statuses, and kills
 * every job.
 */
export async function xplentyAccounts({ accounts, jobs, concurrency }) {
  const specs = (account) =>
    Array.from({ length: jobs }, (_, j) => ({ id: account * 1000 + j + 1 }));
  const others = Array.from({ length: accounts - 1 }, (_, i) => ({
    account_id: `account-${i + 2}`,
    jobs: specs(i + 2),
  }));
  const started = startXplenty({ jobs: specs(1), accounts: others, latencyMs: latencyMs() });
  return withFake(fresh(started), async (fake) => {
    const result = await spawnTracked(
      inputsFor(fake, { target: 'all', keys: 'all', concurrency: String(concurrency) }),
    );
    check(
      result.code === 0 && result.outputs.terminated === String(accounts * jobs),
      'Xplenty accounts',
      result,
    );
    return {
      requests: fake.requests.length,
      wallMs: result.durationMs,
      firstRequestMs: fake.requests[0].t - result.startedAt,
    };
  });
}

/**
 * `target: all`, `keys: none`, `clusters: idle` over `accounts` accounts of `clusters` idle
 * clusters each (idle for an hour, no job): every cluster is read and terminated (issue 27).
 */
export async function xplentyClusters({ accounts, clusters, concurrency }) {
  const specs = (account) =>
    Array.from({ length: clusters }, (_, c) => ({
      id: account * 1000 + c + 1,
      status: 'idle',
      idleSinceAgoMs: 3_600_000,
    }));
  const others = Array.from({ length: accounts - 1 }, (_, i) => ({
    account_id: `account-${i + 2}`,
    clusters: specs(i + 2),
  }));
  const started = startXplenty({
    jobs: [],
    clusters: specs(1),
    accounts: others,
    latencyMs: latencyMs(),
  });
  return withFake(fresh(started), async (fake) => {
    const result = await spawnTracked(
      inputsFor(fake, {
        target: 'all',
        keys: 'none',
        clusters: 'idle',
        'idle-for': '30m',
        concurrency: String(concurrency),
      }),
    );
    // The output holds what fits in its budget; the results file has every row.
    const rows = JSON.parse(result.resultsFileText ?? '{}').clusters ?? [];
    const terminated = rows.filter((row) => row.outcome === 'terminated').length;
    check(result.code === 0 && terminated === accounts * clusters, 'Xplenty clusters', result);
    return {
      requests: fake.requests.length,
      credits: fake.rate.limit - fake.rate.remaining,
      wallMs: result.durationMs,
      firstRequestMs: fake.requests[0].t - result.startedAt,
    };
  });
}

/**
 * Jobs that stop `stopAfterMs` after their kill order, under Xplenty's rate limit, waited on
 * by the action (`wait: true`) or by the bare poller at the same interval. Detection is, per
 * job, the time from its stop to the poll that saw it stopped (the fake stamps that poll in
 * `completed_at`), both on the fake's clock.
 */
export async function xplentyWait(kind, plan) {
  const ids = Array.from({ length: plan.jobs }, (_, i) => i + 1);
  const started = startXplenty({
    jobs: ids.map((id) => ({ id, stopAfterMs: plan.stopAfterMs })),
    rateLimit: plan.rateLimit,
    latencyMs: latencyMs(),
  });
  return withFake(fresh(started), async (fake) => {
    const result = await waitRun(kind, fake, plan, ids.join(','), {
      headers: xplentyHeaders(fake),
      urls: ids.map((id) => `${xplentyApi(fake)}jobs/${id}`),
      ended: ['stopped', 'completed', 'failed'],
    });
    const stopped = ids.filter((id) => fake.job(id)?.status === 'stopped').length;
    check(result.code === 0 && stopped === plan.jobs, `Xplenty wait (${kind})`, result);
    const seen = ids.map((id) => Date.parse(fake.job(id).completed_at));
    const { requests, ...wait } = waitRequests(
      fake.requests,
      ids.map(String),
      seen,
      plan.stopAfterMs,
    );
    return {
      ...wait,
      credits: fake.rate.limit - fake.rate.remaining,
      // Credits the wait spent: every request after the last kill order but the free one.
      waitCredits: requests.filter((r) => !r.path.endsWith('/rate_limit_status')).length,
      wallMs: result.durationMs,
    };
  });
}

/**
 * Kill orders and a wait: the action with `keys` and `wait: true`, or the bare poller on the
 * job URLs `poller` names, polling until a status is one of `poller.ended`.
 */
function waitRun(kind, fake, plan, keys, poller) {
  return kind === 'action'
    ? spawnTracked(
        inputsFor(fake, {
          keys,
          concurrency: String(plan.concurrency),
          wait: 'true',
          'poll-interval': String(plan.intervalMs / 1000),
          'wait-timeout': String(plan.timeoutS),
        }),
      )
    : bare({ mode: 'poll', ...poller, concurrency: plan.concurrency, intervalMs: plan.intervalMs });
}

/**
 * What the requests of a wait say, the fake's log read on its clock: per job, the time from
 * its stop (its kill order's answer plus the stop's delay) to the first answer that showed it
 * stopped (`seen`, in the order of `keys`); and the requests after the last kill order, those
 * that named one job and how many jobs they named.
 */
function waitRequests(requests, keys, seen, stopAfterMs) {
  const kills = new Map();
  const polls = new Map(keys.map((key) => [key, 0]));
  for (const r of requests) {
    const key = r.path.split('/').pop();
    if (r.method === 'DELETE') kills.set(key, r.at + latencyMs());
    else if (polls.has(key)) polls.set(key, polls.get(key) + 1);
  }
  const lastKill = Math.max(...kills.values()) - latencyMs();
  const after = requests.filter((r) => r.method === 'GET' && r.at >= lastKill);
  const detections = keys.map((key, i) => seen[i] - (kills.get(key) + stopAfterMs));
  return {
    detectionMs: median(detections),
    lastKillToLastSeenMs: Math.max(...seen) - Math.max(...kills.values()),
    pollsPerJob: [...polls.values()].reduce((a, b) => a + b, 0) / keys.length,
    maxPollsPerJob: Math.max(...polls.values()),
    requests: after,
    waitRequests: after.length,
    /** Jobs the wait read on their own at least once. */
    jobsReadAlone: [...polls.values()].filter((n) => n > 0).length,
  };
}

/**
 * Connect jobs of one content item that stop `stopAfterMs` after their kill order, waited on
 * by the action (`keys: all`, `wait: true`) or by the bare poller at the same interval.
 */
export async function connectWait(kind, plan) {
  const keys = connectKeys(plan.jobs);
  const started = startConnect({
    jobs: keys.map((key) => ({ key, stopAfterMs: plan.stopAfterMs })),
    latencyMs: latencyMs(),
  });
  return withFake(fresh(started), async (fake) => {
    const result = await waitRun(kind, fake, plan, 'all', {
      headers: { authorization: `Key ${fake.apiKey}` },
      urls: keys.map((key) => `${fake.server}/__api__/v1/content/${fake.guid}/jobs/${key}`),
      ended: [1, 2, 3],
    });
    const seen = keys.map((key) => fake.endSeenAt(key));
    check(result.code === 0 && seen.every(Boolean), `Connect wait (${kind})`, result);
    const { requests: _after, ...wait } = waitRequests(fake.requests, keys, seen, plan.stopAfterMs);
    return { ...wait, wallMs: result.durationMs };
  });
}

/** `count` content GUIDs, the first 2,000 the same in every case. */
const itemGuids = (count) =>
  Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

/**
 * Connect `target: all`, dry run: `items` content items with 2 active jobs each, scanned
 * `concurrency` items at once by the action or by bare.mjs, with its peak RSS.
 */
export async function connectScan(kind, items, concurrency) {
  const started = startConnect({
    jobs: [],
    listless: true,
    items: itemGuids(items).map((guid, i) => ({
      guid,
      jobs: [{ key: `scan${i}a` }, { key: `scan${i}b` }],
    })),
    latencyMs: latencyMs(),
  });
  return withFake(fresh(started), async (fake) => {
    const { result, maxRssBytes } = await withMaxRss((options) =>
      kind === 'action'
        ? spawnTracked(
            inputsFor(fake, {
              target: 'all',
              keys: 'all',
              'dry-run': 'true',
              concurrency: String(concurrency),
            }),
            options,
          )
        : bare(
            {
              mode: 'scan',
              api: `${fake.server}/__api__/`,
              headers: { authorization: `Key ${fake.apiKey}` },
              concurrency,
            },
            options,
          ),
    );
    const rows = JSON.parse(result.resultsFileText ?? '[]');
    check(result.code === 0 && rows.length === 2 * items, `scan of ${items} (${kind})`, result);
    return {
      maxRssBytes,
      wallMs: result.durationMs,
      firstRequestMs: fake.requests[0].t - result.startedAt,
      requests: fake.requests.length,
    };
  });
}

/**
 * Connect `target: all`, `keys: all`, `bundle: previous`, dry run: `items` content items, each
 * with a job on its active bundle 2, one on bundle 1 (live before) and one on bundle 3 (a pull
 * request's draft), on a server of `version` (2025.12.0: bundles with deploy metadata, one
 * listing per item; older: no drafts, nothing more to read).
 */
export async function connectPreviews(items, concurrency, version) {
  const started = startConnect({
    jobs: [],
    listless: true,
    version,
    items: itemGuids(items).map((guid, i) => ({
      guid,
      bundle: '2',
      jobs: [
        { key: `live${i}`, bundle: '2' },
        { key: `old${i}`, bundle: '1' },
        { key: `draft${i}`, bundle: '3' },
      ],
      bundles:
        version >= '2025.12'
          ? [
              { id: '1', metadata: liveMetadata() },
              { id: '3', metadata: previewMetadata({ number: i + 1 }) },
            ]
          : [],
    })),
    latencyMs: latencyMs(),
  });
  return withFake(fresh(started), async (fake) => {
    const result = await spawnTracked(
      inputsFor(fake, {
        target: 'all',
        keys: 'all',
        bundle: 'previous',
        'dry-run': 'true',
        concurrency: String(concurrency),
      }),
    );
    const rows = JSON.parse(result.resultsFileText ?? '[]');
    const expected = version >= '2025.06' ? items : 2 * items;
    check(
      result.code === 0 && rows.length === expected,
      `previews of ${items} (${version})`,
      result,
    );
    return {
      wallMs: result.durationMs,
      firstRequestMs: fake.requests[0].t - result.startedAt,
      requests: fake.requests.length,
    };
  });
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

/** A dry-run over every active job (no keys): peak memory of the action or the bare lister. */
export async function xplentyDryRun(kind, spread) {
  const total = Object.values(spread).reduce((sum, n) => sum + n, 0);
  return withFake(
    fresh(startXplenty({ jobs: xplentySpecs(spread), latencyMs: latencyMs() })),
    async (fake) => {
      const { result, maxRssBytes } = await withMaxRss((options) =>
        kind === 'action'
          ? spawnTracked(
              inputsFor(fake, { keys: 'all', 'dry-run': 'true', concurrency: '16' }),
              options,
            )
          : bare(
              {
                mode: 'list',
                api: xplentyApi(fake),
                headers: xplentyHeaders(fake),
                dropped: XPLENTY_DROPPED,
              },
              options,
            ),
      );
      // 10,000 rows are more than `results` holds: every row is in the results file.
      const rows = JSON.parse(result.resultsFileText ?? '[]');
      check(result.code === 0 && rows.length === total, `${total} dry-run (${kind})`, result);
      return { maxRssBytes, wallMs: result.durationMs, requests: fake.requests.length };
    },
  );
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
