import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, request } from 'undici';

/** What a server answered, whatever the status: vendors decide what a status means. */
export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
  /** The raw body text (for messages when it is not JSON). */
  text: string;
}

/** No answer could be had (network failure, timeout, oversized body), after retries. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    /** False when another attempt cannot help (an oversized body, a request undici refuses). */
    readonly retryable = true,
  ) {
    super(message);
  }
}

/** The run was cancelled or stopped while this request waited or ran. */
export class RequestAborted extends Error {
  override name = 'RequestAborted';
}

export interface RateLimit {
  limit: number | null;
  remaining: number;
}

export interface HttpOptions {
  /** The API root, ending in `/`; request paths are resolved against it. */
  base: URL;
  /** Headers sent with every request (auth, accept, user agent). */
  headers: Record<string, string>;
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

// Statuses that say "try again": the request did not take effect, or may be repeated safely.
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 10_000;
// undici's own timers, kept as a backstop to the per-attempt deadline: same meaning, same words.
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
// undici refusing the request itself (a header it cannot send, a pool already closed): the
// same request fails again.
const HOPELESS_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
]);

/**
 * The one HTTP layer: a keep-alive pool that honours HTTP(S)_PROXY / NO_PROXY, per-attempt
 * deadlines, retries of transient failures, JSON in and out. It knows nothing of vendors.
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
  readonly rateLimit: RateLimit = { limit: null, remaining: Infinity };
  /** Epoch ms before which nothing is sent: a 429 asked every caller to hold off. */
  pausedUntil = 0;
  requestCount = 0;
  /** undici and the pool, loaded at the first request (a run with bad inputs needs neither). */
  private transport: Promise<{ request: typeof request; dispatcher: Dispatcher }> | undefined;
  private readonly options: Required<Omit<HttpOptions, 'log'>> & Pick<HttpOptions, 'log'>;
  /** The credential of the Authorization header in every form a server could echo it. */
  private readonly secrets: string[];

  constructor(options: HttpOptions) {
    this.options = {
      retryBudgetMs: 60_000,
      backoffMs: 500,
      maxBodyBytes: 10 * 1024 * 1024,
      ...options,
    };
    this.secrets = credentialForms(options.headers);
  }

  get origin(): string {
    return this.options.base.origin;
  }

  /**
   * Sends `method path` (path relative to the base, already encoded), retrying transient
   * failures. Any HTTP status comes back as an ApiResponse; redirects are never followed.
   */
  async request(method: string, path: string, signal?: AbortSignal): Promise<ApiResponse> {
    const url = new URL(path, this.options.base);
    // The key only goes to the API root it was given for: not another origin, and no `..`
    // (or `%2e%2e`, which URLs resolve the same) climbing out of the base path.
    const root = this.options.base.href;
    if (url.origin !== this.origin || !url.href.startsWith(root)) {
      throw new TransportError(`refused to send ${method} ${url.href}: not under ${root}`, false);
    }
    let paused = 0;
    for (let attempt = 0; ; attempt++) {
      paused += await this.holdOff(signal);
      let outcome: ApiResponse | TransportError;
      try {
        outcome = await this.attempt(method, url, signal);
      } catch (error) {
        if (signal?.aborted) throw new RequestAborted(String(signal.reason ?? 'aborted'));
        outcome = error instanceof TransportError ? error : this.transportError(error);
      }
      const retryable =
        outcome instanceof TransportError ? outcome.retryable : RETRY_STATUSES.has(outcome.status);
      const delay = this.backoff(attempt, outcome);
      if (!(outcome instanceof TransportError) && outcome.status === 429) {
        // Every request of the run holds off (the wait's polls too), not only this one; for
        // no longer than the retry budget, whatever the server asks.
        const hold = Math.min(delay, this.options.retryBudgetMs);
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + hold);
      }
      if (!retryable || attempt >= this.options.retries) return settle(outcome);
      if (paused + delay > this.options.retryBudgetMs) {
        this.options.log?.(
          `${method} ${url.pathname}: ${said(outcome)}; no retry: a pause of ${delay} ms would exceed the ${this.options.retryBudgetMs} ms retry budget`,
        );
        return settle(outcome);
      }
      this.options.log?.(
        `${method} ${url.pathname}: ${said(outcome)}; retry ${attempt + 1} of ${this.options.retries} in ${delay} ms`,
      );
      await pause(delay, signal);
      paused += delay;
    }
  }

  /**
   * Sleeps through a pause a 429 asked for; throws RequestAborted once `signal` aborts.
   * Returns how long it slept.
   */
  private async holdOff(signal?: AbortSignal): Promise<number> {
    const wait = Math.max(0, this.pausedUntil - Date.now());
    await pause(wait, signal);
    return wait;
  }

  async close(): Promise<void> {
    if (!this.transport) return;
    const { dispatcher } = await this.transport;
    await dispatcher.destroy();
  }

  /** Exponential backoff with equal jitter; a Retry-After from the server wins. */
  private backoff(attempt: number, outcome: ApiResponse | TransportError): number {
    const retryAfter =
      outcome instanceof TransportError ? null : retryAfterMs(outcome.headers['retry-after']);
    if (retryAfter !== null) return retryAfter;
    const ceiling = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private async attempt(method: string, url: URL, signal?: AbortSignal): Promise<ApiResponse> {
    const { request, dispatcher } = await this.getTransport();
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const signals = signal ? AbortSignal.any([signal, deadline]) : deadline;
    // Many requests share the run's signal; each adds a listener to it.
    if (signal) setMaxListeners(0, signal);
    const began = Date.now();
    this.requestCount++;
    try {
      const response = await request(url, {
        method: method as Dispatcher.HttpMethod,
        // A copy: undici's ProxyAgent writes a `host` into the headers object it is given.
        headers: { ...this.options.headers },
        dispatcher,
        signal: signals,
      });
      const text = this.redact(
        await readCapped(response.body, response.headers, this.options.maxBodyBytes),
      );
      this.noteRateLimit(response.headers);
      this.options.log?.(
        `${method} ${url.pathname} -> ${response.statusCode} (${Date.now() - began} ms)`,
      );
      return {
        status: response.statusCode,
        headers: this.redactHeaders(response.headers),
        json: parseJson(text),
        text,
      };
    } catch (error) {
      if (signal?.aborted || error instanceof TransportError) throw error;
      if (deadline.aborted || TIMEOUT_CODES.has(errorCode(error) ?? '')) {
        throw new TransportError(`no complete answer within ${this.options.timeoutMs / 1000} s`);
      }
      throw error;
    }
  }

  private transportError(error: unknown): TransportError {
    const code = errorCode(error);
    const hopeless = error instanceof TypeError || HOPELESS_CODES.has(code ?? '');
    return new TransportError(this.redact(describe(error)), !hopeless);
  }

  /** Replaces every form of the credential in server text with `***`. */
  private redact(text: string): string {
    return this.secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
  }

  private redactHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
    if (this.secrets.length === 0) return headers;
    const clean: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) {
      clean[name] = Array.isArray(value)
        ? value.map((v) => this.redact(v))
        : value === undefined
          ? value
          : this.redact(value);
    }
    return clean;
  }

  private getTransport(): Promise<{ request: typeof request; dispatcher: Dispatcher }> {
    this.transport ??= import('undici').then(({ EnvHttpProxyAgent, request }) => ({
      request,
      dispatcher: new EnvHttpProxyAgent({
        // http URLs go to HTTP_PROXY as plain forward-proxy requests, as curl sends them:
        // undici 7 would otherwise CONNECT-tunnel them too, which proxies commonly refuse
        // for ports other than 443 (Squid's default). https URLs are always tunnelled.
        proxyTunnel: false,
        connections: this.options.connections,
        connectTimeout: this.options.timeoutMs,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        keepAliveTimeout: 10_000,
      }),
    }));
    return this.transport;
  }

  private noteRateLimit(headers: IncomingHttpHeaders): void {
    const remaining = Number(headers['x-ratelimit-remaining']);
    if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining)) return;
    const limit = Number(headers['x-ratelimit-limit']);
    this.rateLimit.remaining = remaining;
    this.rateLimit.limit = Number.isFinite(limit) ? limit : this.rateLimit.limit;
  }
}

async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    if (ms > 0) await sleep(ms, undefined, { signal });
    else signal?.throwIfAborted();
  } catch {
    throw new RequestAborted(String(signal?.reason ?? 'aborted'));
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent. */
export function retryAfterMs(
  header: string | string[] | undefined,
  now = Date.now(),
): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  headers: IncomingHttpHeaders,
  maxBytes: number,
): Promise<string> {
  const tooLarge = (): TransportError =>
    new TransportError(`answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, false);
  if (Number(headers['content-length']) > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    // Leaving the loop destroys the stream, and with it the connection.
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  const proxy = /^Proxy response \((\d+)\) !== 200/.exec(error.message);
  if (proxy) return `the proxy refused the connection (HTTP ${proxy[1]} to CONNECT)`;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return code ? `${error.message}${cause} (${code})` : `${error.message}${cause}`;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function said(outcome: ApiResponse | TransportError): string {
  return outcome instanceof TransportError ? outcome.message : `HTTP ${outcome.status}`;
}

function settle(outcome: ApiResponse | TransportError): ApiResponse {
  if (outcome instanceof TransportError) throw outcome;
  return outcome;
}

/**
 * The credential of an Authorization header as a server might echo it back: as sent, and for
 * each secret in it (Basic: the user and the password) raw, URL-encoded and in base64 (alone
 * and as `secret:`), longest first. Shorter than 4 characters is too common to replace.
 */
function credentialForms(headers: Record<string, string>): string[] {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
  const match = value && /^(\S+)\s+(.+)$/.exec(value[1].trim());
  if (!match) return [];
  const [, scheme = '', credential = ''] = match;
  const secrets = [credential];
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    secrets.push(
      decoded,
      ...(colon === -1 ? [] : [decoded.slice(0, colon), decoded.slice(colon + 1)]),
    );
  }
  const forms = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${secret}:`).toString('base64'),
  ]);
  return [...new Set(forms)].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * A short, single-line account of a failed answer, for rows and logs: the server's own
 * message when its body carries one, else the status and the start of the body text.
 */
export function failureText(response: ApiResponse, message: string | null): string {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.location;
    return `HTTP ${response.status} redirect to ${location ?? '(no Location)'}: not followed, the API should answer directly`;
  }
  if (message) return message;
  const type = String(response.headers['content-type'] ?? 'no content type').split(';')[0];
  const snippet = response.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
  const body = snippet ? `: ${snippet}` : '';
  return response.json === undefined && response.text.trim() !== ''
    ? `HTTP ${response.status} with a ${type} body, not JSON${body}`
    : `HTTP ${response.status}${body}`;
}
