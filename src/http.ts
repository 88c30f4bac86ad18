import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

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
  /** Longest the retries of one request may sleep in all. */
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

/**
 * The one HTTP layer: a keep-alive pool that honours HTTP(S)_PROXY / NO_PROXY, per-attempt
 * deadlines, retries of transient failures, JSON in and out. It knows nothing of vendors.
 *
 * Why not undici's RetryAgent: it resumes a body cut off mid-way with a Range request (JSON
 * APIs answer those with the whole body again, which it then rejects), sleeps without jitter
 * or a total cap, and loses the last body when retries run out. The loop below is small and
 * keeps every answer.
 */
export class HttpClient {
  readonly rateLimit: RateLimit = { limit: null, remaining: Infinity };
  /** Epoch ms before which nothing is sent: a 429 asked every caller to hold off. */
  pausedUntil = 0;
  requestCount = 0;
  private dispatcher: Promise<Dispatcher> | undefined;
  private readonly options: Required<Omit<HttpOptions, 'log'>> & Pick<HttpOptions, 'log'>;

  constructor(options: HttpOptions) {
    this.options = {
      retryBudgetMs: 60_000,
      backoffMs: 500,
      maxBodyBytes: 10 * 1024 * 1024,
      ...options,
    };
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
    if (url.origin !== this.origin) {
      throw new TransportError(`refused to send ${method} ${url.href}: not on ${this.origin}`);
    }
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      await this.holdOff(signal);
      let outcome: ApiResponse | TransportError;
      try {
        outcome = await this.attempt(method, url, signal);
      } catch (error) {
        if (signal?.aborted) throw new RequestAborted(String(signal.reason ?? 'aborted'));
        outcome = error instanceof TransportError ? error : new TransportError(describe(error));
      }
      const retryable = outcome instanceof TransportError || RETRY_STATUSES.has(outcome.status);
      const delay = this.backoff(attempt, outcome);
      if (!(outcome instanceof TransportError) && outcome.status === 429) {
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
      }
      const spent = Date.now() - started;
      if (
        !retryable ||
        attempt >= this.options.retries ||
        spent + delay > this.options.retryBudgetMs
      ) {
        if (outcome instanceof TransportError) throw outcome;
        return outcome;
      }
      this.options.log?.(
        `${method} ${url.pathname}: ${outcome instanceof TransportError ? outcome.message : `HTTP ${outcome.status}`}; retry ${attempt + 1} of ${this.options.retries} in ${delay} ms`,
      );
      await pause(delay, signal);
    }
  }

  /** Sleeps through a pause a 429 asked for; throws RequestAborted once `signal` aborts. */
  private async holdOff(signal?: AbortSignal): Promise<void> {
    await pause(this.pausedUntil - Date.now(), signal);
  }

  async close(): Promise<void> {
    if (!this.dispatcher) return;
    const dispatcher = await this.dispatcher;
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
    const { request } = await import('undici');
    const dispatcher = await this.getDispatcher();
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const signals = signal ? AbortSignal.any([signal, deadline]) : deadline;
    // Many requests share the run's signal; each adds a listener to it.
    if (signal) setMaxListeners(0, signal);
    const began = Date.now();
    this.requestCount++;
    try {
      const response = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers: this.options.headers,
        dispatcher,
        signal: signals,
      });
      const text = await readCapped(response.body, this.options.maxBodyBytes);
      this.noteRateLimit(response.headers);
      this.options.log?.(
        `${method} ${url.pathname} -> ${response.statusCode} (${Date.now() - began} ms)`,
      );
      return {
        status: response.statusCode,
        headers: response.headers,
        json: parseJson(text),
        text,
      };
    } catch (error) {
      if (deadline.aborted && !signal?.aborted) {
        throw new TransportError(`no complete answer within ${this.options.timeoutMs / 1000} s`);
      }
      throw error;
    }
  }

  private getDispatcher(): Promise<Dispatcher> {
    this.dispatcher ??= import('undici').then(
      ({ EnvHttpProxyAgent }) =>
        new EnvHttpProxyAgent({
          connections: this.options.connections,
          connectTimeout: this.options.timeoutMs,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
          keepAliveTimeout: 10_000,
        }),
    );
    return this.dispatcher;
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

async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      // Leaving the loop destroys the stream, and with it the connection.
      throw new TransportError(`answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    }
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
  const code = (error as { code?: string }).code;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return code ? `${error.message}${cause} (${code})` : `${error.message}${cause}`;
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
