import { writeFileSync } from 'node:fs';
import { styleText } from 'node:util';
import type { ActionsCore } from '../main.js';

export type Style = Parameters<typeof styleText>[0];

/**
 * Text in colour where `stream` is a terminal and colour is not turned off (styleText reads
 * NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb); never through a pipe, not even with FORCE_COLOR:
 * files and CI logs get the plain text.
 */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream): string {
  return stream.isTTY ? styleText(style, text, { stream }) : text;
}

/** What the run left for the command: its outputs and whether it failed. */
export interface TerminalRun {
  outputs: Record<string, string>;
  failed: string[];
}

/**
 * @actions/core's part the action uses, for a terminal: inputs from the flags, the log on
 * stderr (no `::` command: outside a runner nothing reads them), outputs kept for the result,
 * the summary to the `--summary` file. Secrets are replaced by *** on every line it prints.
 * On a terminal: warnings and errors in colour (node:util's styleText, which leaves them plain
 * for a pipe, with NO_COLOR and the like) and the wait's standing on a line of its own.
 */
export function terminalCore(
  inputs: Record<string, string>,
  options: { debug: boolean; summaryFile: string | undefined },
): { core: ActionsCore; run: TerminalRun; redact: (text: string) => string } {
  const secrets = new Set<string>();
  const redact = (text: string): string =>
    [...secrets].reduce((line, secret) => line.split(secret).join('***'), text);
  const status = statusLine(redact);
  const say = (line: string, style?: Style): void => {
    status.clear();
    const text = redact(line);
    process.stderr.write(`${style ? paint(style, text, process.stderr) : text}\n`);
  };
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
      say(`Error: ${message}`, 'red');
    },
    info: say,
    warning: (message) => say(`Warning: ${message}`, 'yellow'),
    debug: (message) => options.debug && say(`Debug: ${message}`),
    startGroup: (name) => say(`== ${name}`, 'bold'),
    endGroup: () => undefined,
    ...(process.stderr.isTTY ? { status: status.show } : {}),
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
 * The one line a terminal shows of a long wait, rewritten in place (carriage return, then the
 * VT100 "erase line" that every terminal emulator knows); any other line clears it first.
 */
function statusLine(redact: (text: string) => string) {
  let shown = false;
  const clear = (): void => {
    if (shown) process.stderr.write('\r\x1b[2K');
    shown = false;
  };
  const show = (line: string): void => {
    clear();
    if (line === '') return;
    // Never wider than the terminal: a wrapped line could not be erased in place.
    const width = Math.max(10, (process.stderr.columns || 80) - 1);
    process.stderr.write(redact(line).slice(0, width));
    shown = true;
  };
  return { clear, show };
}
