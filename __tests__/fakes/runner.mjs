// Runs the committed dist/index.js the way the GitHub runner does: inputs as INPUT_<NAME>
// variables, outputs and the step summary in files, on the Node that runs this file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
// Set by `npm test`: each run writes the coverage of dist/ there (dist-coverage.mjs), and
// scripts/coverage.mjs maps it back to src/, so the dist/ runs count towards the coverage.
const COVERAGE_DIR = process.env.DIST_V8_COVERAGE && resolve(process.env.DIST_V8_COVERAGE);
const COVERAGE_PRELOAD = new URL('./dist-coverage.mjs', import.meta.url).href;

/**
 * @param {Record<string, string>} inputs  action inputs by their action.yml names
 * @param {object} [options]
 * @param {Record<string, string>} [options.env]   extra environment
 * @param {(line: string, child: import('node:child_process').ChildProcess) => void} [options.onLine]
 *        called for each stdout line (to send a signal at the right moment)
 * @param {number} [options.killAfterMs]  safety net: SIGKILL after this (default 120 s)
 * @param {string[]} [options.nodeArgs]  node options before the script (e.g. `--import`, `--cpu-prof`)
 * @param {string[]} [options.args]      what node runs instead of dist/index.js (e.g. `['-e', code]`)
 * @param {(child: import('node:child_process').ChildProcess) => void} [options.onSpawn]
 *        called right after the spawn, with the child (its pid)
 */
export async function runAction(inputs, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'terminate-jobs-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo-org/deploy-app',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: dir,
    ...(COVERAGE_DIR ? { DIST_COVERAGE_DIR: COVERAGE_DIR } : {}),
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const started = performance.now();
  const args = [
    ...(COVERAGE_DIR ? ['--import', COVERAGE_PRELOAD] : []),
    ...(options.nodeArgs ?? []),
    ...(options.args ?? [DIST]),
  ];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) options.onLine?.(line, child);
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const safety = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 120_000);
  const code = await new Promise((resolve) =>
    child.on('close', (status, signal) => resolve(status ?? signal)),
  );
  clearTimeout(safety);
  const durationMs = performance.now() - started;
  const endedAt = Date.now();
  const outputsText = readFileSync(outputFile, 'utf8');
  const summary = readFileSync(summaryFile, 'utf8');
  const outputs = parseOutputs(outputsText);
  // The results file lives in RUNNER_TEMP, which goes with the run: read it before.
  const resultsFile = outputs['results-file'];
  const resultsFileText =
    resultsFile && resultsFile.startsWith(dir) && existsSync(resultsFile)
      ? readFileSync(resultsFile, 'utf8')
      : undefined;
  rmSync(dir, { recursive: true, force: true });
  return {
    code,
    stdout,
    stderr,
    outputs,
    outputsText,
    summary,
    durationMs,
    /** performance.now() of this process just before the spawn. */
    startedAt: started,
    /**
     * Date.now() when the process had exited, the fakes' clock (`at` of a request): how long a
     * run went on after a request, without its start-up (which a loaded machine stretches).
     */
    endedAt,
    /** RUNNER_TEMP of the run (gone by now), to check where files were put. */
    runnerTemp: dir,
    /** The content of the file the `results-file` output names, if it was under RUNNER_TEMP. */
    resultsFileText,
    /** The `results` output, parsed. */
    rows: outputs.results === undefined ? undefined : JSON.parse(outputs.results),
  };
}

/** Reads `name<<DELIMITER` blocks, as the runner does. @param {string} text */
export function parseOutputs(text) {
  /** @type {Record<string, string>} */
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
    outputs[name] = value.join('\n');
  }
  return outputs;
}
