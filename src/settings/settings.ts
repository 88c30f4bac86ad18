import { Problems } from '../shared/problems.js';
import { OLDER_THAN } from '../shared/selection.js';
import { quote, someOf, withoutUserinfo } from '../shared/text.js';
import { parseBoolean, parseSeconds, parseWhole, splitList } from '../shared/values.js';
import { findVendor, VENDORS } from '../vendors/registry.js';
import type { ConfiguredVendor, Found, Located, Target, VendorModule } from '../vendors/vendor.js';
import { keyProblem, readCredential, type CredentialSettings } from './credential.js';
import { DEFAULTS, inputNames, Inputs, LIMITS, type InputName, type RawInputs } from './inputs.js';

export interface Settings extends CredentialSettings {
  /** Everything the action knows about the vendor. */
  vendor: VendorModule;
  /** The vendor with its own inputs read: it makes the run's client. */
  configured: ConfiguredVendor;
  /** The target as the vendor read it (content items, an account...), with its text. */
  target: Target;
  /** `keys: all`: every active job of the target (narrowed by the vendor's filters). */
  all: boolean;
  /** The requested job keys, as the vendor's requests name them, in order, unique; none with `all`. */
  keys: string[];
  /** Where values the inputs left empty came from, and what inputs made of others, for the log. */
  notes: string[];
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
  /**
   * `github-token` as given ('' for none: action.yml's default is the runner's expression,
   * never a token): it reads the pull requests' deploy comments, and goes only to GitHub's API.
   */
  githubToken: string;
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
 * validated Settings object. Sends nothing; reads nothing else but, where the vendor looks for
 * an empty target or server, the workspace (a deployment file). What differs by vendor
 * (target, keys, server, credentials, its own inputs) the vendor's module decides.
 */
export function parseSettings(raw: RawInputs, env: NodeJS.ProcessEnv = {}): Settings {
  const problems = new Problems();
  const given = (name: string): string => (raw[name] ?? '').trim();
  const get = (name: InputName): string => given(name) || DEFAULTS[name];
  const vendor = readVendor(given(Inputs.Vendor), problems);
  const jobs = vendor ? readJobs(vendor, given, get, env, problems) : undefined;
  const keyText = vendor ? null : keyProblem(Inputs.ApiKey, get(Inputs.ApiKey));
  if (keyText !== null) problems.add(keyText);
  const tokenText = keyProblem(Inputs.GitHubToken, given(Inputs.GitHubToken));
  if (tokenText !== null) problems.add(tokenText);
  const common = readCommon(get, problems);
  if (problems.list.length > 0 || !vendor || !jobs?.credential || !jobs.apiBase || !jobs.target) {
    // The keys that are keys get their "not sent" rows; the others, naming no job, are
    // named in the message.
    throw new InputError(problems.list, { vendor: vendor?.name, keys: jobs?.keys ?? [] });
  }
  const { located, configured, credential, target, apiBase, all, keys } = jobs;
  const notes = [...located.notes, ...(configured.notes ?? [])];
  // With `older-than` the run is a watchdog: the logs of every job it stopped are shown.
  const watchdog = given(OLDER_THAN) !== '';
  // A runner that does not evaluate action.yml's default (local-action) passes its text.
  const githubToken = given(Inputs.GitHubToken).includes('${{') ? '' : given(Inputs.GitHubToken);
  return {
    githubToken,
    ...common,
    ...credential,
    vendor,
    configured,
    target,
    all,
    keys,
    apiBase,
    notes,
    watchdog,
  };
}

function readVendor(text: string, problems: Problems): VendorModule | undefined {
  const vendor = findVendor(text);
  if (!vendor) {
    const names = VENDORS.map(
      (v) => `\`${v.name}\`${v.aliases.map((a) => ` (or \`${a}\`)`).join('')}`,
    );
    problems.expected(Inputs.Vendor, text, names.join(' or '));
  }
  return vendor;
}

/**
 * What the vendor's rules decide: where empty inputs are found, the target, the keys, its own
 * inputs, the key (or a sign-in without one) and the server.
 */
function readJobs(
  vendor: VendorModule,
  given: (name: string) => string,
  get: (name: InputName) => string,
  env: NodeJS.ProcessEnv,
  problems: Problems,
) {
  const located: Located = vendor.locate?.(given, env, problems) ?? { notes: [] };
  const targetText = given(Inputs.Target) || located.target?.value || DEFAULTS.target;
  const unnamed = targetText === '' ? (vendor.target.unnamed?.(given) ?? null) : null;
  const read = unnamed ?? vendor.target.parse(targetText);
  const target = 'bad' in read ? null : read;
  if ('bad' in read && !(targetText === '' && located.failed)) {
    // The token that is wrong, whole (a URL is longer than 80 characters), without userinfo.
    const bad = withoutUserinfo(read.bad);
    problems.expected(named(Inputs.Target, located.target), bad, vendor.target.expected, 300);
  }
  const keysText = get(Inputs.Keys);
  const all = ALL.test(keysText);
  const none = NONE.test(keysText);
  const keys = all || none ? [] : parseKeys(keysText, vendor, problems);
  refuseOtherVendorsInputs(vendor, given, problems);
  const configured = vendor.configure(given, { all, none }, problems, target);
  if (none && !configured.withoutJobs) {
    problems.add(
      `${Inputs.Keys}: \`none\` touches no job, so it goes only with \`clusters: idle\` (idle clusters alone); give ${vendor.key.many}, or \`all\``,
    );
  }
  const apiKey = get(Inputs.ApiKey);
  const credential = readCredential(vendor, configured, Inputs.ApiKey, apiKey, env, problems);
  const apiBase = readServer(vendor, get(Inputs.Server), env, located, target, problems);
  return { located, target, all, keys, configured, credential, apiBase };
}

/** `server`, or the vendor's fallback, or where the vendor found it; its API root. */
function readServer(
  vendor: VendorModule,
  input: string,
  env: NodeJS.ProcessEnv,
  located: Located,
  target: Target | null,
  problems: Problems,
): URL | null {
  const text = input || vendor.server.fallback(env) || located.server?.value;
  // The lookup said why it found none.
  if (text === undefined && located.failed) return null;
  const name = named(Inputs.Server, located.server);
  // Without a target (a problem is recorded) the root is only checked, never used.
  return parseServer(vendor, text ?? '', name, target ?? { text: '' }, problems);
}

/** An input's name in messages, with where its value was found when no input gave it. */
function named(name: InputName, found: Found | undefined): string {
  return found ? `${name} (from ${found.from})` : name;
}

/** The inputs every vendor reads the same way. */
function readCommon(get: (name: InputName) => string, problems: Problems) {
  const seconds = (name: keyof typeof LIMITS): number =>
    parseSeconds(name, get(name), LIMITS[name], problems);
  // In the order of action.yml, so the problems are listed in it.
  const common = {
    dryRun: parseBoolean(Inputs.DryRun, get(Inputs.DryRun), problems),
    failOnError: parseBoolean(Inputs.FailOnError, get(Inputs.FailOnError), problems),
    concurrency: parseWhole(Inputs.Concurrency, get(Inputs.Concurrency), 1, 64, problems),
    timeoutMs: seconds(Inputs.Timeout),
    retries: parseWhole(Inputs.Retries, get(Inputs.Retries), 0, 10, problems),
    wait: parseBoolean(Inputs.Wait, get(Inputs.Wait), problems),
    waitTimeoutMs: seconds(Inputs.WaitTimeout),
    pollIntervalMs: seconds(Inputs.PollInterval),
    logLines: parseWhole(Inputs.LogLines, get(Inputs.LogLines), 0, 200, problems),
  };
  if (common.wait && common.pollIntervalMs > common.waitTimeoutMs) {
    problems.add(
      `${Inputs.PollInterval}: ${get(Inputs.PollInterval)} s is longer than ${Inputs.WaitTimeout} (${get(Inputs.WaitTimeout)} s), so the wait could poll only once; shorten ${Inputs.PollInterval} or lengthen ${Inputs.WaitTimeout}`,
    );
  }
  return { ...common, waits: common.wait && !common.dryRun };
}

/** An input that only other vendors read is a mistake: say whose it is. */
function refuseOtherVendorsInputs(
  vendor: VendorModule,
  given: (name: string) => string,
  problems: Problems,
): void {
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
// `none`: no job at all, for a run that only terminates idle clusters (never the default).
const NONE = /^none$/i;

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
    // A shell's or a regexp's "everything" is this action's `all`.
    const star = bad.includes('*') ? '; for every active job give `all`' : '';
    problems.add(`${Inputs.Keys}: ${shown} ${verb}; expected ${vendor.key.expected}${star}`);
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
  name: string,
  target: Target,
  problems: Problems,
): URL | null {
  if (text === '') {
    problems.add(`${name}: missing; ${vendor.server.missing}`);
    return null;
  }
  // A host alone (`jobs.example.com`) is the most common slip: say what was meant.
  const scheme =
    text.includes('//') || /^https?:/i.test(text)
      ? ''
      : `; did you mean ${quote(`https://${text}`)}?`;
  const refuse = (): null => {
    problems.add(
      `${name}: got ${quote(withoutUserinfo(text))}, expected an http(s) URL like https://jobs.example.com (no query or fragment)${scheme}`,
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
    problems.add(`${name}: must not carry credentials; give the key in \`api-key\``);
    return null;
  }
  if (url.search || url.hash) return refuse();
  return vendor.server.apiRoot(`${url.origin}${url.pathname.replace(/\/+$/, '')}`, target);
}
