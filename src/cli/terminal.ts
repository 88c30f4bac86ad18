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
    setSecret: (secret) => {
      if (!secret || secrets.has(secret)) return;
      secrets.add(secret);
      // In a runner's `run:` step the runner reads stderr for commands too: it then masks the
      // secret in the job's log the runner's way (data escaped as @actions/core escapes it).
      if (process.env.GITHUB_ACTIONS === 'true') {
        const data = secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
        process.stderr.write(`::add-mask::${data}\n`);
      }
    },
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
