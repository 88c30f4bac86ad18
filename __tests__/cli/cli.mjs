// Runs the built command, dist/cli/index.js, as a person or a CI job would: flags, the key in
// the environment, stdout and stderr apart, outside a runner (no GITHUB_* variables).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
// Under `npm test`, each run writes its coverage of dist/ as the action's runs do (runner.mjs).
const COVERAGE_DIR = process.env.DIST_V8_COVERAGE && resolve(process.env.DIST_V8_COVERAGE);
const COVERAGE_PRELOAD = new URL('../fakes/dist-coverage.mjs', import.meta.url).href;

/**
 * @param {string[]} args
 * @param {object} [options]
 * @param {Record<string, string>} [options.env]
 * @param {string} [options.cwd]
 * @param {string} [options.node]  the Node that runs it (default this one)
 * @param {(text: string, child: import('node:child_process').ChildProcess) => void} [options.onStderr]
 */
export async function runCli(args, options = {}) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/',
    ...(COVERAGE_DIR ? { DIST_COVERAGE_DIR: COVERAGE_DIR } : {}),
    ...options.env,
  };
  // The older Node of the engines test cannot load the preload: it runs without.
  const preload = COVERAGE_DIR && !options.node ? ['--import', COVERAGE_PRELOAD] : [];
  const child = spawn(options.node ?? process.execPath, [...preload, CLI, ...args], {
    env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  const safety = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise((resolve) =>
    child.on('close', (status, signal) => resolve(status ?? signal)),
  );
  clearTimeout(safety);
  return { code, stdout, stderr };
}
