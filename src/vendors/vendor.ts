import type { HttpClient } from '../http/client.js';
import type { Log } from '../log.js';
import type { Outcome } from '../outcomes.js';
import type { Problems } from '../problems.js';
import { timestampMs, type FilterContext, type JobFilter, type Listed } from '../selection.js';

/** A result row: the vendor's own fields plus `outcome`, the job's page and its log. */
export interface JobRow {
  outcome: Outcome;
  code: number | null;
  error: string | null;
  /** The job's page a person would open, or null. */
  page_url: string | null;
  /** The job's last log lines, only when they were fetched. */
  log?: string[];
}

/** One fact about a job for people deciding what to do: `host dogfood02`, `started …`. */
export interface JobFact {
  label: string;
  value: string;
}

/** One poll of a job being waited on. */
export type PollResult<Row> = { ended: true; row: Row } | { ended: false; row: Row; seen: string };

/** How one vendor's rows are made and read; needs no server. */
export interface RowFormat<Row extends JobRow> {
  /** The vendor's name for people: "Posit Connect". */
  readonly title: string;
  /** An error row for a key: never sent (and why), or no answer could be had. */
  errorRow(key: string, message: string): Row;
  /** The requested key of a row. */
  keyOf(row: Row): string;
  /** The job's status as the vendor words it, for the summary; '' when unknown. */
  statusOf(row: Row): string;
  /** The row with a new outcome (and message): `timed-out` at the wait's deadline. */
  withOutcome(row: Row, outcome: Outcome, error: string): Row;
  /**
   * Where a row's job lives when a target names several places (Connect: its content item,
   * with the title read from it, if one was), for the summary's grouping; absent for vendors
   * whose target is one place.
   */
  groupOf?(row: Row): RowGroupName | null;
}

/** A place rows are grouped by: its id and, when it was read, its title. */
export interface RowGroupName {
  id: string;
  title: string | null;
}

/**
 * One vendor's jobs API, in the vocabulary of its reference. Every method takes the run's
 * signal: when it aborts, no further request is sent.
 */
export interface JobVendor<Row extends JobRow> {
  readonly rows: RowFormat<Row>;
  /** Checks made once before any job is touched (Connect: the server version). */
  prepare(signal: AbortSignal): Promise<void>;
  /**
   * The filters that narrow `keys: all`, from the vendor's own inputs; read once, before the
   * list (Connect's `bundle: previous` asks for the content's active bundle).
   */
  filters(signal: AbortSignal): Promise<JobFilter[]>;
  /** The active jobs of the target, as dry-run rows with the job they come from, in a stable order. */
  activeJobs(signal: AbortSignal): Promise<Listed<Row>[]>;
  /** Sends the kill order for one job and reports the answer. */
  terminate(key: string, signal: AbortSignal): Promise<Row>;
  /** Reads one job without changing it, for dry-run. */
  inspect(key: string, signal: AbortSignal): Promise<Row>;
  /** Reads one job being waited on. */
  poll(row: Row, signal: AbortSignal): Promise<PollResult<Row>>;
  /** Lists that show many waited-on jobs at once; null when the vendor has none. */
  readonly lists: JobLists<Row> | null;
  /**
   * Reads the rate budget afresh before a long wait, where the API can do so for free (it
   * lands in the run's rate gate); nothing where it cannot.
   */
  readRateBudget(signal: AbortSignal): Promise<void>;
  /** The last `lines` lines of a job's log, or why there are none. */
  log(row: Row, lines: number, signal: AbortSignal): Promise<JobLog>;
  /** What the summary says of the job besides its row (host, bundle, package...), as last seen. */
  facts(row: Row, now: number): JobFact[];
  /** The target's own page (Connect: the content's dashboard), or null. */
  readonly targetPage: string | null;
}

/**
 * The lists a wait can read instead of one request per job. A list round for some rows (all
 * on one list) gives each row its poll, or null where the list does not show the job (the
 * wait then polls that job on its own).
 */
export interface JobLists<Row extends JobRow> {
  /** Which list shows the row's job (Connect: its content item; Xplenty: the account). */
  listOf(row: Row): string;
  /**
   * What a list round for these rows costs, in requests, as far as known: a list answer weighs
   * one request per 100 jobs it holds (a page of 100 on Xplenty, the same weight of body on
   * Connect), so a long list is not read for two of its jobs.
   */
  cost(rows: readonly Row[]): number;
  /** Reads the list once for these rows; `requests` is what it took. */
  poll(rows: readonly Row[], signal: AbortSignal): Promise<ListPoll<Row>>;
}

/** One list round: per row its poll, or null when the list did not show the job. */
export interface ListPoll<Row> {
  polls: (PollResult<Row> | null)[];
  requests: number;
}

/** A job's last log lines as the server sent them, or why they could not be had. */
export type JobLog = { lines: string[] } | { unavailable: string };

/** What the run tells a vendor's client, besides its own inputs. */
export interface ClientPlan {
  /** The target as the vendor's rules normalised it. */
  target: string;
  /** The run waits for the jobs to stop: rows may carry the last status seen. */
  wait: boolean;
  /** Requests in flight at once, for a listing that reads many places (default 8). */
  concurrency?: number;
  /** Where a listing of many places says what it scanned (default: nowhere). */
  log?: Log;
  /**
   * What to check when the server refuses the key, where the key did not come from the inputs
   * (a keyless sign-in's `refusedAdvice`); default: the vendor's own advice about its inputs.
   */
  keyAdvice?: string;
}

/** A vendor whose own inputs have been read: it makes the run's client. */
export interface ConfiguredVendor<Row extends JobRow = JobRow> {
  /** The vendor's own inputs as read (for the debug log and tests). */
  readonly options: object;
  client(http: HttpClient, plan: ClientPlan): JobVendor<Row>;
  /** How the vendor signs in when no API key is given; absent: a key is required. */
  readonly keyless?: KeylessSignIn;
  /** What the vendor's inputs made of other inputs (a URL's part that narrows), for the log. */
  readonly notes?: readonly string[];
}

/** A way to sign in without an API key, obtaining one for the run. */
export interface KeylessSignIn {
  /** How the run signs in, for the log and the summary: "Trusted Publishing for audience x". */
  readonly method: string;
  /** What to check when the server later refuses the key this sign-in obtained. */
  readonly refusedAdvice: string;
  /** Why this environment cannot sign in so (an input problem, said before any request), or null. */
  unavailable(env: NodeJS.ProcessEnv): string | null;
  /**
   * The API key for the rest of the run. Failures throw RunStopped (or the HTTP layer's
   * errors): the run stops before any kill order.
   */
  signIn(session: SignInSession): Promise<string>;
}

/** What a keyless sign-in gets from the run. */
export interface SignInSession {
  /** The run's API root (Settings.apiBase). */
  readonly apiBase: URL;
  readonly signal: AbortSignal;
  /** An OIDC token from GitHub for this audience (masked in every form before it is returned). */
  idToken(audience: string): Promise<string>;
  /** A client without credentials under `base`; the secrets so far are redacted from its answers. */
  http(base: URL): HttpClient;
}

/** Values for inputs left empty, found by the vendor (Connect: a deployment file). */
export interface Found {
  value: string;
  /** Where it was found, for messages and the log: "app.toml, field id". */
  from: string;
}

export interface Located {
  target?: Found;
  server?: Found;
  /** The lookup met a problem (recorded): a missing target or server is explained there. */
  failed?: boolean;
  /** Which values came from where, for the log. */
  notes: string[];
}

/**
 * Everything the action knows about one vendor: its names, its input rules, its credential
 * and its rows; `configure` reads its own inputs and hands back the configured client (the
 * way setup-node's installer factory hands back a distribution). `src/vendors/registry.ts`
 * lists the vendors; nothing outside a vendor's folder names one.
 */
export interface VendorModule<Row extends JobRow = JobRow> {
  /** The `vendor` input's canonical value; rows and messages use it. */
  readonly name: string;
  /** Other values of `vendor` that mean this vendor (compared in lower case). */
  readonly aliases: readonly string[];
  /** The vendor's name for people. */
  readonly title: string;
  /** The environment variable read when `api-key` is empty. */
  readonly apiKeyEnv: string;
  /** Inputs only this vendor reads (action.yml declares them; other vendors refuse them). */
  readonly ownInputs: readonly string[];
  /** Valid inputs of this vendor, for the docs and the tests that need some (no server). */
  readonly example: { target: string; keys: string };
  /** What `target` must be; `parse` returns it normalised, or null when it is not one. */
  readonly target: { expected: string; parse(text: string): string | null };
  /** What a job key is, for the `keys` input and for messages. */
  readonly key: {
    /** "a job key" / "job keys", in "x is not a job key". */
    one: string;
    many: string;
    expected: string;
    /** The key as requests name it; null when the token is not one. */
    parse(token: string): string | null;
  };
  /** Where the API is: `server` (or its fallback) plus the target, as the API root URL. */
  readonly server: {
    /** The server when the input is empty ('' when there is none). */
    fallback(env: NodeJS.ProcessEnv): string;
    /** Said when there is neither input nor fallback. */
    missing: string;
    /** The API root for a server URL (origin plus path, no trailing slash) and the target. */
    apiRoot(server: string, target: string): URL;
  };
  /**
   * Finds `target` and `server` where the inputs leave them empty (Connect: Posit Publisher's
   * deployment file in the workspace); absent: they must be given. Explicit values win.
   */
  locate?(given: (name: string) => string, env: NodeJS.ProcessEnv, problems: Problems): Located;
  /** Every string built from the key that travels in a request (masked and redacted). */
  credentials(apiKey: string): string[];
  /** Headers of every request: auth and the media type. */
  headers(apiKey: string): Record<string, string>;
  /** The row format; with `wait`, rows may carry the last status seen. */
  rows(wait: boolean): RowFormat<Row>;
  /**
   * Reads this vendor's own inputs (recording what is wrong in `problems`) and returns the
   * vendor configured with them.
   */
  configure(
    read: (name: string) => string,
    /** `all`: the run lists the active jobs, and the vendor's filters narrow that list. */
    context: FilterContext,
    problems: Problems,
  ): ConfiguredVendor<Row>;
}

/** A JSON object from an answer, or null for anything else (arrays, text, nothing). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * A number from a JSON number or numeric string (Connect sends ids both ways); null for
 * anything else. Only these two types are converted: `Number()` of a server's object runs
 * its `valueOf`/`toString`, which JSON can set to anything (and then it throws).
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A listed key or id that is not one, as text for its row. */
export function shownValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : (JSON.stringify(value) ?? '');
}

/** `started 2024-11-25 22:17 UTC (3 h 12 min ago)` from an RFC 3339 time; null when unreadable. */
export function startedFact(start: unknown, now: number): JobFact | null {
  const started = timestampMs(start);
  if (started === null) return null;
  const when = new Date(started).toISOString().slice(0, 16).replace('T', ' ');
  const age = now >= started ? ` (${durationText(now - started)} ago)` : '';
  return { label: 'started', value: `${when} UTC${age}` };
}

/** A duration for people: `40 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function durationText(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}

/** A fact from a server's value when it is a plain string or number; null for anything else. */
export function textFact(label: string, value: unknown): JobFact | null {
  if (typeof value === 'number' && Number.isFinite(value)) return { label, value: String(value) };
  return typeof value === 'string' && value !== '' ? { label, value } : null;
}

/** An http(s) URL from text, parsed; null for anything else. */
export function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}
