// The benchmark's machinery: flags, the watchdog, spawning, the rounds that run every case's
// action and floor side by side, and the table (stdout) and bench/results.json it writes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DIST, runAction } from '../__tests__/fakes/runner.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIMIT_MS = 480_000;

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'heavy-runs': { type: 'string', default: '3' },
    latency: { type: 'string', default: '25' },
    only: { type: 'string' },
  },
});
export const settings = {
  runs: Number(flags.runs),
  heavyRuns: Math.min(Number(flags.runs), Number(flags['heavy-runs'])),
  latencyMs: Number(flags.latency),
  only: flags.only?.split(',') ?? null,
};
const benchStarted = performance.now();
const children = new Set();

export function fail(message) {
  console.error(`bench: ${message}`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(2);
}

/** A number from a broken run is not a measurement: stop the benchmark. */
export function check(condition, what, result) {
  if (condition) return;
  const detail = result
    ? `\nexit ${result.code}\n${result.stdout.slice(-2000)}${result.stderr}`
    : '';
  fail(`invalid measurement: ${what}${detail}`);
}

export function progress(message) {
  const at = ((performance.now() - benchStarted) / 1000).toFixed(1);
  process.stderr.write(`[${at} s] ${message}\n`);
}

/** runAction, with the child known to the watchdog. */
export function spawnTracked(inputs, options = {}) {
  return runAction(inputs, {
    killAfterMs: 60_000,
    ...options,
    onSpawn: (child) => {
      children.add(child);
      child.on('exit', () => children.delete(child));
    },
  });
}

/**
 * Runs the cases in rounds: each round runs every case's action and floor once (`pairs`
 * times for quick cases), alternating which goes first, so a slow minute of the machine hits
 * both alike. Heavy cases run in the first `heavyRuns` rounds only. Then prints the table.
 * @param {Case[]} cases
 */
export async function bench(cases) {
  for (const name of settings.only ?? []) {
    if (!cases.some((c) => c.id === name))
      fail(`unknown case ${name}; cases: ${cases.map((c) => c.id)}`);
  }
  const chosen = cases.filter((c) => !settings.only || settings.only.includes(c.id));
  const samples = new Map(cases.map((c) => [c.id, { run: [], floor: [] }]));
  const watchdog = setTimeout(() => {
    console.error(
      `bench: stopped after ${LIMIT_MS / 1000} s; the table holds the runs made so far`,
    );
    for (const child of children) child.kill('SIGKILL');
    report(chosen, samples, false);
    process.exit(2);
  }, LIMIT_MS);
  watchdog.unref();

  if (Number(process.versions.node.split('.')[0]) < 24) {
    progress(`warning: node ${process.version}; the action runs on node24 (use npm run bench)`);
  }
  // One warm-up pair (not counted) fills the file cache for both programs.
  const first = chosen.find((c) => c.run && !c.heavy && !c.once);
  if (first) {
    progress(`warm-up (not counted): ${first.id}`);
    await first.run();
    await first.floor?.();
  }
  for (let round = 0; round < settings.runs; round++) {
    for (const c of chosen) {
      if (!c.run || (c.heavy && round >= settings.heavyRuns) || (c.once && round > 0)) continue;
      progress(`round ${round + 1} of ${settings.runs}: ${c.id}`);
      for (let pair = 0; pair < (c.pairs ?? 1); pair++) {
        const order = (round + pair) % 2 === 0 ? ['run', 'floor'] : ['floor', 'run'];
        for (const kind of order) if (c[kind]) samples.get(c.id)[kind].push(await c[kind]());
      }
    }
  }
  progress('done');
  report(chosen, samples, true);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** What a check reads: medians of a field over a case's action runs or floor runs. */
function measures(samples) {
  const of = (id, kind, field) => {
    const values = samples.get(id)?.[kind].map((sample) => sample[field]) ?? [];
    return values.length ? median(values) : NaN;
  };
  return { of, all: (id, kind, field) => samples.get(id)?.[kind].map((s) => s[field]) ?? [] };
}

function report(cases, samples, complete) {
  const m = measures(samples);
  const rows = [];
  for (const c of cases) {
    const ran = samples.get(c.id).run.length;
    if (c.run && ran === 0) continue;
    for (const check of c.checks) {
      const value = check.measured(m);
      const reference = check.reference(m);
      if (!Number.isFinite(value) || !Number.isFinite(reference)) continue;
      const ratio = value / reference;
      rows.push({
        id: `${c.id}${check.suffix ?? ''}`,
        case: check.name,
        measured: { value, text: check.unit(value) },
        reference: { value: reference, text: `${check.unit(reference)} (${check.referenceName})` },
        ratio,
        target: check.target.text,
        pass: check.target.pass ? check.target.pass(ratio, value) : null,
        runs: ran,
      });
    }
  }
  const seconds = (performance.now() - benchStarted) / 1000;
  const header = ['case', 'measured', 'reference', 'ratio', 'target', 'pass', 'runs'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${[r.case, r.measured.text, r.reference.text, `${r.ratio.toFixed(2)}×`, r.target, r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL', r.runs].join(' | ')} |`,
    ),
  ];
  console.log(
    `terminate-jobs benchmark: node ${process.version}, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )}, ${settings.latencyMs} ms added latency, medians of ${settings.runs} rounds (heavy cases: ${settings.heavyRuns})\n`,
  );
  console.log(lines.join('\n'));
  const judged = rows.filter((r) => r.pass !== null);
  const failed = judged.filter((r) => !r.pass).map((r) => r.id);
  console.log(
    `\n${judged.length - failed.length} of ${judged.length} targets hold${failed.length ? `; not: ${failed.join(', ')}` : ''}. Benchmark took ${seconds.toFixed(0)} s.`,
  );
  const json = {
    generatedAt: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    distSha256: createHash('sha256').update(readFileSync(DIST)).digest('hex'),
    distCommitted: git(['status', '--porcelain', '--', 'dist']) === '',
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg(),
    settings: { latencyMs: settings.latencyMs, runs: settings.runs, heavyRuns: settings.heavyRuns },
    durationS: Math.round(seconds),
    /** False when the time limit stopped the benchmark: the rows hold the runs made so far. */
    complete,
    rows,
    /** Every sample, per case: the action's (`run`) and its floor's. */
    samples: Object.fromEntries(cases.map((c) => [c.id, samples.get(c.id)])),
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

/**
 * @typedef {object} Check  one row of the table
 * @property {string} name
 * @property {(m: ReturnType<typeof measures>) => number} measured
 * @property {(m: ReturnType<typeof measures>) => number} reference
 * @property {string} referenceName
 * @property {(value: number) => string} unit
 * @property {{ text: string, pass?: (ratio: number, value: number) => boolean }} target
 * @property {string} [suffix]  added to the case id for the row's id
 *
 * @typedef {object} Case
 * @property {string} id
 * @property {() => Promise<object>} [run]    one sample of the action
 * @property {() => Promise<object>} [floor]  one sample of what it is compared with
 * @property {boolean} [heavy]  only in the first heavyRuns rounds, no warm-up
 * @property {boolean} [once]   only in the first round, no warm-up (a run of a minute)
 * @property {number} [pairs]   samples of each per round
 * @property {Check[]} checks
 */
