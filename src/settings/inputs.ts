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
  Path: 'path',
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
  path: '.',
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

/**
 * The warning for `INPUT_DRY_RUN` or `INPUT_DRYRUN` where the input is `dry-run` (the runner's
 * variable is `INPUT_DRY-RUN`): a shell that drops or rewrites names with a hyphen, or an
 * `env:` written by hand, made it. It is never read; set, and other than the input's value, it
 * is a mistake to say, once, not to ignore. Null when there is none.
 */
export function misnamedInputs(env: NodeJS.ProcessEnv): string | null {
  const value = (name: string): string => (env[name] ?? '').trim();
  const misnamed = inputNames()
    .filter((input) => input.includes('-'))
    .flatMap((input) => {
      const read = `INPUT_${input.toUpperCase()}`;
      const variables = new Set([read.replace(/-/g, '_'), read.replace(/-/g, '')]);
      return [...variables]
        .filter((name) => value(name) !== '' && value(name) !== value(read))
        .map((name) => ({ name, input, read }));
    });
  const [first] = misnamed;
  if (first === undefined) return null;
  const list = misnamed.map(({ name, input, read }) => `${name} (input \`${input}\` is ${read})`);
  return `Not read: ${list.join(', ')}. A shell that drops or changes hyphens in variable names, or a hand-written \`env:\`, made ${misnamed.length === 1 ? 'it' : 'them'}: give the input in \`with:\`, or set ${first.read} itself (\`env '${first.read}=…' node dist/index.js\` keeps the hyphen).`;
}
