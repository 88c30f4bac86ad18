// Runs the committed dist/index.js the way the GitHub runner does: inputs as INPUT_<NAME>
// variables, outputs and the step summary in files, on the Node that runs this file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const DIST_URL = new URL('../../dist/', import.meta.url).href;

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
  // Set by `npm test`: the child writes its V8 coverage, scripts/coverage.mjs maps it back to
  // src/ through dist/'s source maps, so the dist/ runs count towards the coverage.
  const v8 = process.env.DIST_V8_COVERAGE
    ? mkdtempSync(join(tmpdir(), 'terminate-jobs-v8-'))
    : undefined;
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
    ...(v8 === undefined ? {} : { NODE_V8_COVERAGE: v8 }),
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const started = performance.now();
  const args = [...(options.nodeArgs ?? []), ...(options.args ?? [DIST])];
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
  if (v8 !== undefined) keepDistCoverage(v8, resolve(process.env.DIST_V8_COVERAGE ?? ''));
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

/**
 * Keeps, of the raw V8 coverage a run wrote in `from`, only the scripts of dist/, in `to`. The
 * raw file holds every script Node loaded and the source maps of dist/ (3 MB a run, 500 MB
 * for the suite): parsing them all at the end was most of the coverage step's time. The maps
 * are the same for every run; scripts/coverage.mjs reads them once from dist/.
 * @param {string} from @param {string} to
 */
function keepDistCoverage(from, to) {
  for (const name of readdirSync(from)) {
    const raw = JSON.parse(readFileSync(join(from, name), 'utf8'));
    const result = raw.result.filter((script) => script.url.startsWith(DIST_URL));
    if (result.length > 0) writeFileSync(join(to, name), JSON.stringify({ result }));
  }
  rmSync(from, { recursive: true, force: true });
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
