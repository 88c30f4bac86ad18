import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import type { ActionsCore } from './main.js';

// The runner's workflow commands and file commands, written as @actions/core 3 writes them
// (lib/command.js, lib/file-command.js, lib/summary.js). Hand-written because @actions/core's
// one public entry also loads its OIDC client, and with it @actions/http-client, the whole
// of undici and @actions/exec: about half the bundle, compiled before the first request
// (bench: start-up 1.3-1.6x the bare fetch program with it, see bench/README.md). Its
// `exports` map hides the files that hold only these commands.

/** `::name::message`, escaped as the runner unescapes it. */
function command(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function commandValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `name<<delimiter` blocks in $GITHUB_OUTPUT; a delimiter the value cannot contain. */
function setOutput(name: string, value: unknown): void {
  const text = commandValue(value);
  const file = process.env.GITHUB_OUTPUT;
  if (!file) {
    process.stdout.write(EOL);
    process.stdout.write(`::set-output name=${escapeProperty(name)}::${escapeData(text)}${EOL}`);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || text.includes(delimiter)) {
    throw new Error(`Unexpected input: the output contains the delimiter "${delimiter}"`);
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, 'utf8');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The part of @actions/core the action uses, for the runner this process runs under. */
export const runnerCore: ActionsCore = {
  getInput: (name) => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
  setSecret: (secret) => command('add-mask', secret),
  setOutput,
  setFailed: (message) => {
    process.exitCode = 1;
    command('error', message);
  },
  info: (message) => {
    process.stdout.write(`${message}${EOL}`);
  },
  warning: (message) => command('warning', message),
  debug: (message) => command('debug', message),
  summary: {
    addRaw: (text) => ({
      write: async () => {
        const file = process.env.GITHUB_STEP_SUMMARY;
        if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY.');
        await appendFile(file, text, 'utf8');
      },
    }),
  },
};
