import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULTS, inputNames } from '../settings/inputs.js';

/**
 * Inputs that are secrets: never a flag (the command line is visible to every user in `ps`).
 * Each is read from a file flag (`--api-key-file`) or the environment instead.
 */
export const SECRET_INPUTS = ['api-key', 'github-token'];

/** Inputs that hold a list: their flags may repeat, and the values add up. */
export const LIST_INPUTS = ['target', 'keys'];

/** Flags of the command itself, not of an input. */
const OWN_FLAGS = {
  'api-key-file': { type: 'string' },
  'github-token-file': { type: 'string' },
  json: { type: 'boolean' },
  summary: { type: 'string' },
  'results-file': { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** A boolean input: its default in action.yml (and DEFAULTS) is `true` or `false`. */
export function isBooleanInput(name: string): boolean {
  const value = (DEFAULTS as Record<string, string | undefined>)[name];
  return value === 'true' || value === 'false';
}

/** The inputs that are flags: every input of action.yml but the secrets. */
export function inputFlags(): string[] {
  return inputNames().filter((name) => !SECRET_INPUTS.includes(name));
}

/** Bad input on the command line: exit 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandLine {
  /** Inputs by their action.yml names, as getInput would read them. */
  inputs: Record<string, string>;
  apiKeyFile?: string;
  githubTokenFile?: string;
  json: boolean;
  summary?: string;
  resultsFile?: string;
  debug: boolean;
  help: boolean;
  version: boolean;
}

/** Parses argv with Node's util.parseArgs: the flags are the inputs' names, `--no-…` for booleans. */
export function parseCommandLine(argv: string[]): CommandLine {
  const options: NonNullable<ParseArgsConfig['options']> = { ...OWN_FLAGS };
  for (const name of inputFlags()) {
    options[name] = isBooleanInput(name) ? { type: 'boolean' } : { type: 'string', multiple: true };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowNegative: true, tokens: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  refuseRepeats(parsed.tokens);
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const inputs: Record<string, string> = {};
  for (const name of inputFlags()) {
    const value = values[name];
    if (value === undefined) continue;
    inputs[name] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  const text = (name: string) => values[name] as string | undefined;
  return {
    inputs,
    ...(text('api-key-file') === undefined ? {} : { apiKeyFile: text('api-key-file') }),
    ...(text('github-token-file') === undefined
      ? {}
      : { githubTokenFile: text('github-token-file') }),
    ...(text('summary') === undefined ? {} : { summary: text('summary') }),
    ...(text('results-file') === undefined ? {} : { resultsFile: text('results-file') }),
    json: values.json === true,
    debug: values.debug === true,
    help: values.help === true,
    version: values.version === true,
  };
}

/** A flag given twice (`--wait --no-wait` included) is bad input, but for the list inputs. */
function refuseRepeats(tokens: ReturnType<typeof parseArgs>['tokens']): void {
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || LIST_INPUTS.includes(token.name)) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} given more than once`);
    seen.add(token.name);
  }
}
