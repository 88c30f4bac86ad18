import { writeFileSync } from 'node:fs';
import type { ActionsCore } from '../main.js';

/** What the run left for the command: its outputs and whether it failed. */
export interface TerminalRun {
  outputs: Record<string, string>;
  failed: string[];
}

/**
 * @actions/core's part the action uses, for a terminal: inputs from the flags, the log on
 * stderr (no `::` command: outside a runner nothing reads them), outputs kept for the result,
 * the summary to the `--summary` file. Secrets are replaced by *** on every line it prints.
 */
export function terminalCore(
  inputs: Record<string, string>,
  options: { debug: boolean; summaryFile: string | undefined },
): { core: ActionsCore; run: TerminalRun; redact: (text: string) => string } {
  const secrets = new Set<string>();
  const redact = (text: string): string =>
    [...secrets].reduce((line, secret) => line.split(secret).join('***'), text);
  const say = (line: string): void => void process.stderr.write(`${redact(line)}\n`);
  const run: TerminalRun = { outputs: {}, failed: [] };
  const core: ActionsCore = {
    getInput: (name) => (inputs[name] ?? '').trim(),
    setSecret: (secret) => void (secret && secrets.add(secret)),
    setOutput: (name, value) => void (run.outputs[name] = String(value)),
    setFailed: (message) => {
      run.failed.push(message);
      say(`Error: ${message}`);
    },
    info: say,
    warning: (message) => say(`Warning: ${message}`),
    debug: (message) => options.debug && say(`Debug: ${message}`),
    startGroup: (name) => say(`== ${name}`),
    endGroup: () => undefined,
    getIDToken: (audience) => runnerToken(audience),
    summary: {
      addRaw: (text) => ({
        write: async () => {
          if (options.summaryFile) writeFileSync(options.summaryFile, redact(text));
        },
      }),
    },
  };
  return { core, run, redact };
}

/**
 * The runner's OIDC token (a `run:` step of a job with `id-token: write`), from @actions/core,
 * whose chunk is loaded only here. It masks the token with a `::add-mask::` line on stdout,
 * where only the result may go: for that call, its writes go to stderr, which the runner
 * reads for commands as well.
 */
async function runnerToken(audience?: string): Promise<string> {
  const { core: toolkit } = await import('../runtime/toolkit.js');
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof write;
  try {
    return await toolkit.getIDToken(audience);
  } finally {
    process.stdout.write = write;
  }
}
