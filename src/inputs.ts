/** Input names, as action.yml declares them. */
export const Inputs = {
  Vendor: 'vendor',
  Target: 'target',
  Keys: 'keys',
  PackageId: 'package-id',
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
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];
export type RawInputs = Partial<Record<InputName, string>>;

export type VendorName = 'posit-connect' | 'xplenty';

export interface Settings {
  vendor: VendorName;
  /** Connect: the content GUID (lower case). Xplenty: the account ID. */
  target: string;
  /** The requested job keys (Connect) or job IDs (Xplenty, in decimal), in order, unique. */
  keys: string[];
  /** Xplenty only: with no keys, only this package's jobs. */
  packageId: number | null;
  apiKey: string;
  /** The API root that request paths resolve against, ending in `/`. */
  apiBase: URL;
  dryRun: boolean;
  failOnError: boolean;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  wait: boolean;
  waitTimeoutMs: number;
  pollIntervalMs: number;
}

/** Every problem found in the inputs, in one message; nothing has been sent. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly problems: string[],
    /** What could be read despite the problems, so each valid key still gets its row. */
    readonly partial: { vendor?: VendorName; keys: string[] },
  ) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }
}

const VENDOR_ALIASES: Record<string, VendorName> = {
  'posit-connect': 'posit-connect',
  connect: 'posit-connect',
  xplenty: 'xplenty',
  'integrate-io': 'xplenty',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
// A Connect job key goes into a URL path: letters, digits, `-` and `_` only, so that no
// `..`, `/`, `%`, `?` or `#` can ever change which resource is addressed.
const CONNECT_KEY = /^[A-Za-z0-9_-]{1,128}$/;
const JOB_ID = /^0*[1-9][0-9]{0,15}$/;
const DEFAULT_XPLENTY_SERVER = 'https://api.xplenty.com';

/** Secret-bearing environment variables, per vendor, read when `api-key` is empty. */
export const API_KEY_ENV: Record<VendorName, string> = {
  'posit-connect': 'CONNECT_API_KEY',
  xplenty: 'XPLENTY_API_KEY',
};

/**
 * Turns the raw input strings (and the environment, for the documented fallbacks) into one
 * validated Settings object. Pure: reads nothing else, sends nothing.
 */
export function parseSettings(raw: RawInputs, env: NodeJS.ProcessEnv = {}): Settings {
  const problems: string[] = [];
  const get = (name: InputName): string => (raw[name] ?? '').trim();
  const problem = (name: InputName, value: string, expected: string): void => {
    problems.push(
      `${name}: ${value === '' ? 'missing' : `got ${quote(value)}`}, expected ${expected}`,
    );
  };

  const vendorText = get(Inputs.Vendor);
  const vendor = VENDOR_ALIASES[vendorText.toLowerCase()];
  if (!vendor)
    problem(
      Inputs.Vendor,
      vendorText,
      '`posit-connect` (or `connect`) or `xplenty` (or `integrate-io`)',
    );

  const target = get(Inputs.Target);
  if (vendor === 'posit-connect' && !UUID.test(target)) {
    problem(
      Inputs.Target,
      target,
      'the content GUID, a UUID like 951bf3ad-82d0-4bca-bba8-9b27e35c49fa',
    );
  }
  if (vendor === 'xplenty' && !ACCOUNT_SLUG.test(target)) {
    problem(Inputs.Target, target, 'the Xplenty account ID: letters, digits, `-` and `_`');
  }

  const keys = vendor ? parseKeys(get(Inputs.Keys), vendor, problems) : [];

  const packageText = get(Inputs.PackageId);
  let packageId: number | null = null;
  if (packageText !== '') {
    if (vendor === 'posit-connect') {
      problems.push(`${Inputs.PackageId}: only for vendor xplenty; Connect has no packages`);
    } else if (keys.length > 0) {
      problems.push(`${Inputs.PackageId}: give either \`keys\` or \`package-id\`, not both`);
    } else if (!JOB_ID.test(packageText)) {
      problem(Inputs.PackageId, packageText, 'a positive whole number');
    } else {
      packageId = Number(packageText);
    }
  }

  const apiKey = get(Inputs.ApiKey) || (vendor ? (env[API_KEY_ENV[vendor]] ?? '').trim() : '');
  if (vendor && apiKey === '') {
    problems.push(
      `${Inputs.ApiKey}: missing; set the input or the ${API_KEY_ENV[vendor]} environment variable`,
    );
  } else if (/[\r\n]/.test(apiKey)) {
    problems.push(`${Inputs.ApiKey}: contains a line break; paste the key alone`);
  }

  const apiBase = vendor
    ? parseServer(vendor, get(Inputs.Server) || serverFallback(vendor, env), target, problems)
    : null;

  const settings = {
    vendor,
    target: vendor === 'posit-connect' ? target.toLowerCase() : target,
    keys,
    packageId,
    apiKey,
    apiBase,
    dryRun: parseBoolean(Inputs.DryRun, get(Inputs.DryRun), false, problems),
    failOnError: parseBoolean(Inputs.FailOnError, get(Inputs.FailOnError), true, problems),
    concurrency: parseWhole(Inputs.Concurrency, get(Inputs.Concurrency), 8, 1, 64, problems),
    timeoutMs: parseSeconds(Inputs.Timeout, get(Inputs.Timeout), 30, 3600, problems),
    retries: parseWhole(Inputs.Retries, get(Inputs.Retries), 4, 0, 10, problems),
    wait: parseBoolean(Inputs.Wait, get(Inputs.Wait), false, problems),
    waitTimeoutMs: parseSeconds(Inputs.WaitTimeout, get(Inputs.WaitTimeout), 300, 21600, problems),
    pollIntervalMs: parseSeconds(
      Inputs.PollInterval,
      get(Inputs.PollInterval),
      vendor === 'xplenty' ? 5 : 1,
      3600,
      problems,
    ),
  };

  if (problems.length > 0 || !settings.vendor || !settings.apiBase) {
    throw new InputError(problems, {
      vendor,
      // The keys that are keys get their "not sent" rows; the others, naming no job, are
      // named in the message.
      keys,
    });
  }
  return { ...settings, vendor: settings.vendor, apiBase: settings.apiBase };
}

function serverFallback(vendor: VendorName, env: NodeJS.ProcessEnv): string {
  return vendor === 'posit-connect' ? (env.CONNECT_SERVER ?? '').trim() : DEFAULT_XPLENTY_SERVER;
}

function splitKeys(text: string): string[] {
  return text.split(/[\s,]+/).filter((token) => token !== '');
}

/** Keys separated by commas, spaces or newlines; duplicates collapse, first place kept. */
function parseKeys(text: string, vendor: VendorName, problems: string[]): string[] {
  const keys = new Set<string>();
  const bad: string[] = [];
  for (const token of splitKeys(text)) {
    if (vendor === 'posit-connect') {
      if (CONNECT_KEY.test(token)) keys.add(token);
      else bad.push(token);
    } else if (JOB_ID.test(token) && Number.isSafeInteger(Number(token))) {
      keys.add(String(Number(token)));
    } else {
      bad.push(token);
    }
  }
  if (bad.length > 0) {
    const shown =
      bad.slice(0, 5).map(quote).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
    problems.push(
      vendor === 'posit-connect'
        ? `${Inputs.Keys}: ${shown} ${bad.length === 1 ? 'is not a job key' : 'are not job keys'}; expected letters, digits, \`-\` and \`_\` (like k3sHkEoWJNwQim7g)`
        : `${Inputs.Keys}: ${shown} ${bad.length === 1 ? 'is not a job ID' : 'are not job IDs'}; expected positive whole numbers (like 305)`,
    );
  }
  return [...keys];
}

/**
 * The API root for the server URL. Connect: users write the server as `https://host`,
 * `https://host/prefix` or with `/__api__` already on it, with or without a trailing slash;
 * all mean `{server}/__api__/`. Xplenty: `{server}/{account}/api/`, the server possibly behind
 * a gateway path.
 */
function parseServer(
  vendor: VendorName,
  text: string,
  account: string,
  problems: string[],
): URL | null {
  const expected = 'an http(s) URL like https://connect.example.com';
  if (text === '') {
    problems.push(
      `${Inputs.Server}: missing; Posit Connect needs the server URL (input \`server\` or env CONNECT_SERVER)`,
    );
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problem(text);
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem(text);
  if (url.username || url.password) {
    problems.push(`${Inputs.Server}: must not carry credentials; give the key in \`api-key\``);
    return null;
  }
  if (url.search || url.hash) return problem(text);
  let path = url.pathname.replace(/\/+$/, '');
  if (vendor === 'posit-connect') {
    path = path.replace(/\/__api__$/, '');
    return new URL(`${url.origin}${path}/__api__/`);
  }
  return new URL(`${url.origin}${path}/${encodeURIComponent(account)}/api/`);

  function problem(value: string): null {
    problems.push(
      `${Inputs.Server}: got ${quote(value)}, expected ${expected} (no query or fragment)`,
    );
    return null;
  }
}

function parseBoolean(
  name: InputName,
  text: string,
  fallback: boolean,
  problems: string[],
): boolean {
  if (text === '') return fallback;
  if (/^(true|yes|on|1)$/i.test(text)) return true;
  if (/^(false|no|off|0)$/i.test(text)) return false;
  problems.push(`${name}: got ${quote(text)}, expected true or false`);
  return fallback;
}

function parseWhole(
  name: InputName,
  text: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`${name}: got ${quote(text)}, expected a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

/** Seconds, decimals allowed, in (0, max]; returned in milliseconds. */
function parseSeconds(
  name: InputName,
  text: string,
  fallback: number,
  max: number,
  problems: string[],
): number {
  if (text === '') return fallback * 1000;
  const value = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(value > 0) || value > max) {
    problems.push(`${name}: got ${quote(text)}, expected seconds, more than 0 and at most ${max}`);
    return fallback * 1000;
  }
  return Math.round(value * 1000);
}

function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(shown);
}
