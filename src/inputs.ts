import { Problems, quote, someOf, withoutUserinfo } from './problems.js';
import { OLDER_THAN } from './selection.js';
import { findVendor, VENDORS } from './vendors/registry.js';
import type { ConfiguredVendor, VendorModule } from './vendors/vendor.js';
import { parseBoolean, parseSeconds, parseWhole, splitList } from './values.js';

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

export interface Settings {
  /** Everything the action knows about the vendor. */
  vendor: VendorModule;
  /** The vendor with its own inputs read: it makes the run's client. */
  configured: ConfiguredVendor;
  /** The target as the vendor's rules normalised it (a content item, an account...). */
  target: string;
  /** `keys: all`: every active job of the target (narrowed by the vendor's filters). */
  all: boolean;
  /** The requested job keys, as the vendor's requests name them, in order, unique; none with `all`. */
  keys: string[];
  apiKey: string;
  /** The API root that request paths resolve against, ending in `/`. */
  apiBase: URL;
  dryRun: boolean;
  failOnError: boolean;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  wait: boolean;
  /** The run waits for the jobs it stopped: `wait`, and not a dry run. */
  waits: boolean;
  waitTimeoutMs: number;
  pollIntervalMs: number;
  /** The last lines of a job's log to show (0: none). */
  logLines: number;
  /** `older-than` narrows `keys: all`: a watchdog run, which shows the log of every job it stopped. */
  watchdog: boolean;
}

/** Every problem found in the inputs, in one message; nothing has been sent. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly problems: string[],
    /** What could be read despite the problems, so each valid key still gets its row. */
    readonly partial: { vendor?: string; keys: string[] },
  ) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }

  /** The inputs the problems name (each problem starts with one), in order. */
  get inputs(): string[] {
    const names = new Set(inputNames());
    const named = this.problems.map((problem) => /^([a-z-]+):/.exec(problem)?.[1] ?? '');
    return [...new Set(named.filter((name) => names.has(name)))];
  }
}

/**
 * Turns the raw input strings (and the environment, for the documented fallbacks) into one
 * validated Settings object. Pure: reads nothing else, sends nothing. What differs by vendor
 * (target, keys, server, credentials, its own inputs) the vendor's module decides.
 */
export function parseSettings(raw: RawInputs, env: NodeJS.ProcessEnv = {}): Settings {
  const problems = new Problems();
  const given = (name: string): string => (raw[name] ?? '').trim();

  const vendorText = given(Inputs.Vendor);
  const vendor = findVendor(vendorText);
  if (!vendor) {
    const names = VENDORS.map(
      (v) => `\`${v.name}\`${v.aliases.map((a) => ` (or \`${a}\`)`).join('')}`,
    );
    problems.expected(Inputs.Vendor, vendorText, names.join(' or '));
  }
  const get = (name: InputName): string => given(name) || DEFAULTS[name];

  const targetText = get(Inputs.Target);
  const target = vendor ? vendor.target.parse(targetText) : null;
  if (vendor && target === null)
    problems.expected(Inputs.Target, targetText, vendor.target.expected);

  const keysText = get(Inputs.Keys);
  const all = ALL.test(keysText);
  const keys = vendor && !all ? parseKeys(keysText, vendor, problems) : [];
  refuseOtherVendorsInputs(vendor, given, problems);
  const configured = vendor?.configure(given, { all }, problems);

  const apiKey = get(Inputs.ApiKey) || (vendor ? (env[vendor.apiKeyEnv] ?? '').trim() : '');
  if (vendor && apiKey === '') {
    problems.add(
      `${Inputs.ApiKey}: missing; set the input or the ${vendor.apiKeyEnv} environment variable`,
    );
  } else if (/[\r\n]/.test(apiKey)) {
    problems.add(`${Inputs.ApiKey}: contains a line break; paste the key alone`);
  }

  const apiBase = vendor
    ? parseServer(vendor, get(Inputs.Server) || vendor.server.fallback(env), target ?? '', problems)
    : null;

  const settings = {
    dryRun: parseBoolean(Inputs.DryRun, get(Inputs.DryRun), problems),
    failOnError: parseBoolean(Inputs.FailOnError, get(Inputs.FailOnError), problems),
    concurrency: parseWhole(Inputs.Concurrency, get(Inputs.Concurrency), 1, 64, problems),
    timeoutMs: parseSeconds(Inputs.Timeout, get(Inputs.Timeout), LIMITS.timeout, problems),
    retries: parseWhole(Inputs.Retries, get(Inputs.Retries), 0, 10, problems),
    wait: parseBoolean(Inputs.Wait, get(Inputs.Wait), problems),
    waitTimeoutMs: parseSeconds(
      Inputs.WaitTimeout,
      get(Inputs.WaitTimeout),
      LIMITS['wait-timeout'],
      problems,
    ),
    pollIntervalMs: parseSeconds(
      Inputs.PollInterval,
      get(Inputs.PollInterval),
      LIMITS['poll-interval'],
      problems,
    ),
    logLines: parseWhole(Inputs.LogLines, get(Inputs.LogLines), 0, 200, problems),
  };

  if (problems.list.length > 0 || !vendor || !configured || !apiBase || target === null) {
    // The keys that are keys get their "not sent" rows; the others, naming no job, are
    // named in the message.
    throw new InputError(problems.list, { vendor: vendor?.name, keys });
  }
  return {
    ...settings,
    waits: settings.wait && !settings.dryRun,
    watchdog: given(OLDER_THAN) !== '',
    vendor,
    configured,
    target,
    all,
    keys,
    apiKey,
    apiBase,
  };
}

/** An input that only other vendors read is a mistake: say whose it is. */
function refuseOtherVendorsInputs(
  vendor: VendorModule | undefined,
  given: (name: string) => string,
  problems: Problems,
): void {
  if (!vendor) return;
  for (const name of inputNames()) {
    if (given(name) === '' || vendor.ownInputs.includes(name)) continue;
    const owners = VENDORS.filter((v) => v.ownInputs.includes(name)).map((v) => v.name);
    if (owners.length > 0) {
      problems.add(`${name}: only for vendor ${owners.join(' or ')}; not read for ${vendor.name}`);
    }
  }
}

// `all` alone, any case: the one way to ask for every active job. Blank keys are a mistake
// (an expression that came out empty), never "everything".
const ALL = /^all$/i;

/** Keys separated by commas, spaces or newlines; duplicates collapse, first place kept. */
function parseKeys(text: string, vendor: VendorModule, problems: Problems): string[] {
  const tokens = splitList(text);
  if (tokens.length === 0) {
    problems.add(
      `${Inputs.Keys}: ${text === '' ? 'missing' : `got ${quote(text)}, no key in it`}; give ${vendor.key.many}, or \`all\` for every active job of the target`,
    );
    return [];
  }
  if (tokens.some((token) => ALL.test(token))) {
    problems.add(
      `${Inputs.Keys}: \`all\` stands alone; give either \`all\` or ${vendor.key.many}, not both`,
    );
  }
  const keys = new Set<string>();
  const bad: string[] = [];
  for (const token of tokens.filter((t) => !ALL.test(t))) {
    const key = vendor.key.parse(token);
    if (key === null) bad.push(token);
    else keys.add(key);
  }
  if (bad.length > 0) {
    const shown = someOf(bad.map(quote));
    const verb = bad.length === 1 ? `is not ${vendor.key.one}` : `are not ${vendor.key.many}`;
    problems.add(`${Inputs.Keys}: ${shown} ${verb}; expected ${vendor.key.expected}`);
  }
  return [...keys];
}

/**
 * The API root for the server URL, which users write with or without a trailing slash; the
 * vendor adds its own path (and the target, where the API names it).
 */
function parseServer(
  vendor: VendorModule,
  text: string,
  target: string,
  problems: Problems,
): URL | null {
  if (text === '') {
    problems.add(`${Inputs.Server}: missing; ${vendor.server.missing}`);
    return null;
  }
  const refuse = (): null => {
    problems.add(
      `${Inputs.Server}: got ${quote(withoutUserinfo(text))}, expected an http(s) URL like https://jobs.example.com (no query or fragment)`,
    );
    return null;
  };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse();
  if (url.username || url.password) {
    problems.add(`${Inputs.Server}: must not carry credentials; give the key in \`api-key\``);
    return null;
  }
  if (url.search || url.hash) return refuse();
  return vendor.server.apiRoot(`${url.origin}${url.pathname.replace(/\/+$/, '')}`, target);
}
