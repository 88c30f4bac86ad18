// The command's signal handlers first, as in index.ts: a Ctrl-C while the rest loads still
// cancels the run cleanly. A second Ctrl-C exits at once.
import { cancel } from '../runtime/signals.js';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../main.js';
import { inputNames } from '../settings/inputs.js';
import { InputError, parseSettings } from '../settings/settings.js';
import { messageOf } from '../shared/failures.js';
import { VERSION } from '../runtime/version.js';
import { parseCommandLine, UsageError, type CommandLine } from './flags.js';
import { helpText } from './help.js';
import { printResult } from './result.js';
import { terminalCore } from './terminal.js';

/** Exit codes: documented in docs/cli.md. */
const EXIT = { done: 0, failed: 1, badInput: 2, SIGINT: 130, SIGTERM: 143 } as const;

let signals = 0;
process.on('SIGINT', () => {
  if (++signals > 1) process.exit(EXIT.SIGINT);
});

/** The secret read from a file: its trailing line break trimmed. */
function readSecretFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new UsageError(`--${flag} ${path}: cannot be read: ${messageOf(error)}`);
  }
}

/** The environment the run sees: no runner's files, its own temp folder, the tokens read. */
function runEnv(line: CommandLine, temp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RUNNER_TEMP: temp };
  delete env.GITHUB_OUTPUT;
  delete env.GITHUB_STEP_SUMMARY;
  if (line.summary !== undefined) env.GITHUB_STEP_SUMMARY = line.summary;
  if (process.env.GITHUB_ACTIONS !== 'true') delete env.GITHUB_WORKSPACE;
  if (line.githubTokenFile !== undefined) {
    env.GITHUB_TOKEN = readSecretFile('github-token-file', line.githubTokenFile);
  }
  return env;
}

/** The inputs as the run reads them: the flags, and the key of `--api-key-file` (it wins). */
function runInputs(line: CommandLine): Record<string, string> {
  const inputs = { ...line.inputs };
  if (line.apiKeyFile !== undefined) {
    inputs['api-key'] = readSecretFile('api-key-file', line.apiKeyFile);
  }
  return inputs;
}

/** Would the action's settings reader refuse these inputs? It sends nothing. */
function isBadInput(inputs: Record<string, string>, env: NodeJS.ProcessEnv): boolean {
  try {
    parseSettings(Object.fromEntries(inputNames().map((n) => [n, (inputs[n] ?? '').trim()])), env);
    return false;
  } catch (error) {
    if (error instanceof InputError) return true;
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.help) return (void process.stdout.write(helpText()), EXIT.done);
  if (line.version) return (void process.stdout.write(`${VERSION}\n`), EXIT.done);
  const temp = mkdtempSync(join(tmpdir(), 'terminate-jobs-'));
  try {
    const env = runEnv(line, temp);
    const inputs = runInputs(line);
    const badInput = isBadInput(inputs, env);
    const {
      core,
      run: result,
      redact,
    } = terminalCore(inputs, {
      debug: line.debug,
      summaryFile: line.summary,
    });
    await run(core, { serverUrl: '', repository: null, runId: null }, env, cancel.signal);
    const rowsFile = result.outputs['results-file'] ?? '';
    const rowsText = rowsFile ? readFileSync(rowsFile, 'utf8').trim() : '[]';
    if (line.resultsFile !== undefined && rowsFile) copyFileSync(rowsFile, line.resultsFile);
    printResult(line.json, rowsText, result.outputs, redact);
    if (cancel.signal.aborted) return cancelCode();
    if (badInput) return EXIT.badInput;
    return result.failed.length > 0 ? EXIT.failed : EXIT.done;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** 130 after SIGINT, 143 after SIGTERM: the shell's 128 + signal number. */
function cancelCode(): number {
  const reason = messageOf(cancel.signal.reason);
  return reason.includes('SIGTERM') ? EXIT.SIGTERM : EXIT.SIGINT;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`terminate-jobs: ${error.message}. Nothing was sent; see --help.\n`);
  process.exitCode = EXIT.badInput;
}
