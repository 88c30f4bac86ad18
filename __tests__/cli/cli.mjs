// Runs the built command, dist/cli/index.js, as a person or a CI job would: flags, the key in
// the environment, stdout and stderr apart, outside a runner (no GITHUB_* variables).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

/**
 * @param {string[]} args
 * @param {object} [options]
 * @param {Record<string, string>} [options.env]
 * @param {string} [options.cwd]
 * @param {string} [options.node]  the Node that runs it (default this one)
 * @param {(text: string, child: import('node:child_process').ChildProcess) => void} [options.onStderr]
 */
export async function runCli(args, options = {}) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...options.env };
  const child = spawn(options.node ?? process.execPath, [CLI, ...args], {
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
