import {
  RateLimited,
  rateResetMs,
  RequestAborted,
  retryAfterMs,
  TransportError,
  type ApiResponse,
} from './answer.js';
import { parseJson } from './json.js';
import { pause, RateGate } from './rate-gate.js';
import { Redactor } from './redact.js';
import { Transport } from './transport.js';

export interface HttpOptions {
  /** The API root, ending in `/`; request paths are resolved against it. */
  base: URL;
  /** Headers sent with every request (auth, accept, user agent). */
  headers: Record<string, string>;
  /** Every form of the run's secrets (`secretForms`): redacted from whatever comes back. */
  secrets?: readonly string[];
  /** Most requests in flight at once. */
  connections: number;
  /** Per attempt: no answer (headers and whole body) within this is a timeout. */
  timeoutMs: number;
  /** Retries after the first attempt for transient failures. */
  retries: number;
  /**
   * Longest one request may pause in all: its backoffs, Retry-After waits and the hold-off
   * after another request's 429. A retry whose pause would go beyond it is not made, so one
   * request takes at most `(retries + 1) * timeoutMs + retryBudgetMs`.
   */
  retryBudgetMs?: number;
  /** First backoff delay; doubles per retry, jittered. */
  backoffMs?: number;
  /** Larger bodies are refused. */
  maxBodyBytes?: number;
  /** Called once per attempt, for debug logs; never given headers. */
  log?: (line: string) => void;
}

/** What a request carries besides its method and path. */
export interface RequestInit {
  /** Query parameters, appended to those the path already has. */
  query?: Readonly<Record<string, string | number>>;
  /** An HTML form (RFC 8693's token request) or a JSON document. */
  body?: { form: Readonly<Record<string, string>> } | { json: unknown };
  /** Headers of this request only, over the client's own. */
  headers?: Readonly<Record<string, string>>;
  /** When it aborts, the request (and its retries) stop. */
  signal?: AbortSignal;
  /** Larger answers are refused (default: the client's `maxBodyBytes`). */
  maxBodyBytes?: number;
}

// Statuses that say "try again": the request did not take effect, or may be repeated safely.
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 10_000;

/**
 * The one HTTP client of a run: requests under the API root only, retries of transient
 * failures, the run-wide rate gate, JSON in and out, secrets redacted from every answer. It
 * knows nothing of vendors.
 *
 * Why not undici's RetryAgent / interceptors.retry (7.x, tried against the fakes):
 * - an answer cut off mid-body is "resumed" by sending the request again with a `Range`
 *   header, a DELETE included; a JSON API answers the whole body again, and the agent then
 *   throws "server does not support the range header" although the second DELETE was sent.
 *   Its resume cannot be turned off for responses with a Content-Length.
 * - the per-attempt deadline: an AbortSignal aborts the whole retry chain, not one attempt,
 *   and undici's headers/body timeouts are idle timers (a server trickling bytes never trips
 *   them), so "timeout per attempt, then retry" cannot be expressed.
 * - a 429 should hold back every request of the run, not only the one that got it; and the
 *   defaults (no jitter, no total cap, 408 and timeouts not retried) need a custom `retry`
 *   function anyway, which is most of this loop.
 * With `throwOnError: false` it would keep the last answer; the rest does not fit, so the
 * loop below is small, restarts each attempt from scratch and keeps every answer.
 */
export class HttpClient {
  /** The run-wide 429 hold-off and rate budget, shared by the kill phase and the wait. */
  readonly gate: RateGate;
  private readonly options: Required<Omit<HttpOptions, 'log'>> & Pick<HttpOptions, 'log'>;
  private readonly redactor: Redactor;
  private readonly transport: Transport;

  /** `parent`: the client a view (`under`) shares its connections, gate and redaction with. */
  constructor(options: HttpOptions, parent?: HttpClient) {
    this.options = {
      retryBudgetMs: 60_000,
      backoffMs: 500,
      maxBodyBytes: 10 * 1024 * 1024,
      secrets: [],
      ...options,
    };
    this.gate = parent?.gate ?? new RateGate();
    this.redactor = parent?.redactor ?? new Redactor(this.options.secrets);
    this.transport = parent?.transport ?? new Transport(this.options);
  }

  /**
   * A view of this client under `path` (relative to its root, ending in `/`): its requests
   * resolve there and share this client's connections, rate gate and redaction, so a 429 or a
   * budget one view meets holds for every view (the accounts of one key spend the key's one
   * budget). One client per root instead would give each its own gate, each believing the
   * whole budget its own. Closing this client closes its views.
   */
  under(path: string): HttpClient {
    const base = new URL(path, this.options.base);
    if (
      base.origin !== this.origin ||
      !base.href.startsWith(this.root) ||
      !base.href.endsWith('/')
    ) {
      throw new TransportError(
        `refused a client under ${base.href}: not a folder of ${this.root}`,
        false,
      );
    }
    return new HttpClient({ ...this.options, base }, this);
  }

  get origin(): string {
    return this.options.base.origin;
  }

  /** The API root requests resolve against, ending in `/`. */
  get root(): string {
    return this.options.base.href;
  }

  get requestCount(): number {
    return this.gate.requestCount;
  }

  /**
   * Sends `method path` (path relative to the base, already encoded), retrying transient
   * failures. Any HTTP status comes back as an ApiResponse; redirects are never followed.
   */
  async request(method: string, path: string, init: RequestInit = {}): Promise<ApiResponse> {
    const url = this.urlFor(method, path, init.query);
    const outgoing = {
      ...encodeBody(init.body),
      signal: init.signal,
      extraHeaders: init.headers,
      maxBodyBytes: init.maxBodyBytes,
    };
    const call = `${method} ${url.pathname}`;
    let paused = 0;
    for (let attempt = 0; ; attempt++) {
      // Once a server asked for more patience than the run has, nothing more is sent.
      const limited = this.gate.limitedUntil;
      if (limited > Date.now()) throw new RateLimited(limited, `${call} not sent`);
      paused += await this.gate.pass(init.signal);
      const outcome = await this.attemptOrFailure(method, url, outgoing);
      const retryable =
        outcome instanceof TransportError ? outcome.retryable : RETRY_STATUSES.has(outcome.status);
      const delay = this.backoff(attempt, outcome);
      if (!(outcome instanceof TransportError) && outcome.status === 429) {
        this.holdOff(outcome, delay, call);
      }
      if (!retryable || attempt >= this.options.retries) return settle(outcome);
      if (paused + delay > this.options.retryBudgetMs) {
        this.options.log?.(
          `${call}: ${said(outcome)}; no retry: a pause of ${delay} ms would exceed the ${this.options.retryBudgetMs} ms retry budget`,
        );
        return settle(outcome);
      }
      this.options.log?.(
        `${call}: ${said(outcome)}; retry ${attempt + 1} of ${this.options.retries} in ${delay} ms`,
      );
      await pause(delay, init.signal);
      paused += delay;
    }
  }

  /**
   * The URL of a request. The key only goes to the API root it was given for: not another
   * origin, and no `..` (or `%2e%2e`, which URLs resolve the same) climbing out of the base.
   */
  private urlFor(method: string, path: string, query: RequestInit['query']): URL {
    const url = new URL(path, this.options.base);
    for (const [name, value] of Object.entries(query ?? {})) {
      url.searchParams.append(name, String(value));
    }
    const root = this.options.base.href;
    if (url.origin !== this.origin || !url.href.startsWith(root)) {
      throw new TransportError(`refused to send ${method} ${url.href}: not under ${root}`, false);
    }
    return url;
  }

  /** One attempt's answer, or the transport's failure (redacted) to decide on. */
  private async attemptOrFailure(
    method: string,
    url: URL,
    outgoing: Outgoing,
  ): Promise<ApiResponse | TransportError> {
    const { signal } = outgoing;
    try {
      return await this.attempt(method, url, outgoing);
    } catch (error) {
      if (signal?.aborted) throw new RequestAborted(String(signal.reason ?? 'aborted'));
      if (!(error instanceof TransportError)) throw error;
      return new TransportError(this.redactor.text(error.message), error.retryable, error.timedOut);
    }
  }

  /** A 429: every request of the run holds off (the wait's polls too), not only this one. */
  private holdOff(answer: ApiResponse, delay: number, call: string): void {
    const asked =
      retryAfterMs(answer.headers['retry-after']) ??
      rateResetMs(answer.headers['x-ratelimit-reset']);
    if (asked !== null && asked > this.options.retryBudgetMs) {
      // Longer than the run may wait: stop sending at once rather than wait it out
      // request after request.
      this.gate.limitAll(Date.now() + asked);
      throw new RateLimited(Date.now() + asked, `${call} answered HTTP 429`);
    }
    this.gate.holdAll(Date.now() + delay);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async attempt(method: string, url: URL, outgoing: Outgoing): Promise<ApiResponse> {
    const began = Date.now();
    const headers = { ...this.options.headers, ...outgoing.extraHeaders, ...outgoing.headers };
    const answer = await this.transport.send(
      method,
      url,
      headers,
      outgoing.body,
      outgoing.signal,
      outgoing.maxBodyBytes,
    );
    const text = this.redactor.text(answer.text);
    this.gate.note(answer.headers);
    this.options.log?.(`${method} ${url.pathname} -> ${answer.status} (${Date.now() - began} ms)`);
    return {
      status: answer.status,
      headers: this.redactor.headers(answer.headers),
      json: parseJson(text),
      text,
    };
  }

  /** Exponential backoff with equal jitter; a Retry-After from the server wins. */
  private backoff(attempt: number, outcome: ApiResponse | TransportError): number {
    const retryAfter =
      outcome instanceof TransportError ? null : retryAfterMs(outcome.headers['retry-after']);
    if (retryAfter !== null) return retryAfter;
    const ceiling = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }
}

interface Outgoing {
  body?: string;
  headers?: Record<string, string>;
  extraHeaders?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  maxBodyBytes?: number;
}

/** The body as text with its media type; built once, sent again as it is on a retry. */
function encodeBody(body: RequestInit['body']): Pick<Outgoing, 'body' | 'headers'> {
  if (body === undefined) return {};
  if ('form' in body) {
    return {
      body: new URLSearchParams(body.form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  return { body: JSON.stringify(body.json), headers: { 'content-type': 'application/json' } };
}

function said(outcome: ApiResponse | TransportError): string {
  return outcome instanceof TransportError ? outcome.message : `HTTP ${outcome.status}`;
}

function settle(outcome: ApiResponse | TransportError): ApiResponse {
  if (outcome instanceof TransportError) throw outcome;
  return outcome;
}
