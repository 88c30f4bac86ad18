import { VENDORS } from '../vendors/registry.js';

/** The inputs every vendor reads, as action.yml declares them. */
export const Inputs = {
  Vendor: 'vendor',
  Target: 'target',
  Keys: 'keys',
  ApiKey: 'api-key',
  Server: 'server',
  DryRun: 'dry-run',
  FailOnError: 'fail-on-error',
  Concurrency: 'concurrency',
  Timeout: 'timeout',
  Retries: 'retries',
  Wait: 'wait',
  WaitTimeout: 'wait-timeout',
  PollInterval: 'poll-interval',
  LogLines: 'log-lines',
  GitHubToken: 'github-token',
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];

export type RawInputs = Partial<Record<string, string>>;

/**
 * The defaults of the common inputs, exactly as action.yml declares them (a docs test keeps
 * the two equal; the runner applies action.yml's before the action starts, these apply when
 * the code runs without it). An empty default means "none".
 */
export const DEFAULTS: Readonly<Record<InputName, string>> = {
  vendor: '',
  target: '',
  keys: '',
  'api-key': '',
  server: '',
  'dry-run': 'false',
  'fail-on-error': 'true',
  concurrency: '8',
  timeout: '30',
  retries: '4',
  wait: 'false',
  'wait-timeout': '300',
  'poll-interval': '1',
  'log-lines': '20',
  // The runner puts the job's token here; the code never uses this text itself (settings.ts
  // reads the input as given: empty means no token).
  'github-token': '${{ github.token }}',
};

/**
 * The range of each input in seconds (README and action.yml say the same; a docs test checks).
 * Below the minimum a number means nothing: a request cannot be answered in under 0.1 s over
 * a real network, polls closer than 0.2 s only load the server, and a wait under a second
 * cannot see a job stop.
 */
export const LIMITS = {
  timeout: { min: 0.1, max: 3600 },
  'wait-timeout': { min: 1, max: 21600 },
  'poll-interval': { min: 0.2, max: 3600 },
} as const satisfies Partial<Record<InputName, { min: number; max: number }>>;

/** Every input name, the vendors' own included, for reading them all. */
export function inputNames(): string[] {
  return [...new Set([...Object.values(Inputs), ...VENDORS.flatMap((v) => v.ownInputs)])];
}
