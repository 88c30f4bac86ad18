import type { GitHubReader } from '../github/comments.js';
import type { HttpClient } from '../http/client.js';
import type { Log } from '../shared/log.js';
import type { Problems } from '../shared/problems.js';
import type { JobFact, JobRow, RowFormat } from '../shared/rows.js';
import { type FilterContext, type JobFilter, type Listed } from '../shared/selection.js';

/** One poll of a job being waited on. */
export type PollResult<Row> = { ended: true; row: Row } | { ended: false; row: Row; seen: string };

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
  /**
   * What the selection left running on purpose and people should know (Connect: jobs on pull
   * requests' previews), once the active jobs are listed; `warning` where it needs their action.
   */
  notices(): readonly Notice[];
  /** What the run releases after the jobs, where the inputs ask it (Xplenty's clusters). */
  readonly clusters?: ClusterPhase;
}

/** What a wait reads of the things it waits on: their rows, lists, one poll, the budget. */
export type Waited<Row extends JobRow> = Pick<
  JobVendor<Row>,
  'rows' | 'lists' | 'poll' | 'readRateBudget'
>;

/**
 * The clusters the jobs ran on, terminated after them (Xplenty's `clusters` input): chosen
 * once the kill is done, each read fresh right before its order, then waited on like jobs.
 */
export interface ClusterPhase<Row extends JobRow = JobRow> extends Waited<Row> {
  /** The jobs this run stopped must have stopped first (`emptied`): the run waits for them. */
  readonly afterJobsStopped: boolean;
  /** The clusters to consider, as keys: those of `jobs`, or the ones a listing finds idle. */
  choose(jobs: readonly JobRow[], dryRun: boolean, signal: AbortSignal): Promise<string[]>;
  /** Reads the cluster and terminates it when that read allows (dry run: says it would). */
  settle(key: string, dryRun: boolean, signal: AbortSignal): Promise<Row>;
}

/** A sentence about the selection for the log and the summary; a warning annotation too. */
export interface Notice {
  text: string;
  warning: boolean;
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

/**
 * One list round: per row its poll, or null when the list did not show the job; `unread`, why
 * the list could not be read (its jobs are then read on their own, as jobs it did not show).
 */
export interface ListPoll<Row> {
  polls: (PollResult<Row> | null)[];
  requests: number;
  unread?: string;
}

/** A job's last log lines as the server sent them, or why they could not be had. */
export type JobLog = { lines: string[] } | { unavailable: string };

/**
 * `target` as a vendor read it, once: its text for people (the log, the summary), and
 * whatever the vendor's own reading adds (Connect: its content items and their drafts).
 */
export interface Target {
  readonly text: string;
}

/** What the run tells a vendor's client, besides its own inputs and its target. */
export interface ClientPlan {
  /** The run waits for the jobs to stop: rows may carry the last status seen. */
  wait: boolean;
  /** Requests in flight at once, for a listing that reads many places (default 8). */
  concurrency?: number;
  /** Where a listing of many places says what it scanned (default: nowhere). */
  log?: Log;
  /** The repository's pull requests and their comments, where a vendor's selection needs them. */
  github?: GitHubReader;
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
  /** The inputs give the run work without jobs (Xplenty's `clusters: idle`): `keys: none` may be given. */
  readonly withoutJobs?: boolean;
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
export interface VendorModule<Row extends JobRow = JobRow, T extends Target = Target> {
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
  /**
   * What `target` must be; `parse` reads it once into the vendor's typed value, or names the
   * part of it that is not one (`bad`: a token, or the whole text).
   */
  readonly target: {
    expected: string;
    parse(text: string): T | { bad: string };
    /**
     * The target when no input gives one and `locate` found none, where the vendor's own
     * inputs say what to read instead (Connect: `pull-request`, the items its deploy comments
     * name); absent or null: a target is needed.
     */
    unnamed?(given: (name: string) => string): T | null;
  };
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
    apiRoot(server: string, target: T): URL;
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
    /** The target as `target.parse` read it; null when it is not one (a problem is recorded). */
    target: T | null,
  ): ConfiguredVendor<Row>;
}
