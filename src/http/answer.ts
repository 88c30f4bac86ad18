import type { IncomingHttpHeaders } from 'node:http';

/** What a server answered, whatever the status: vendors decide what a status means. */
export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
  /** The raw body text (for messages when it is not JSON). */
  text: string;
}

/** A 2xx status. */
export function isSuccess(response: ApiResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** No answer could be had (network failure, timeout, oversized body), after retries. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    /** False when another attempt cannot help (an oversized body, a request undici refuses). */
    readonly retryable = true,
    /** No whole answer came within the attempt's timeout (the server is there but silent). */
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/**
 * The server asked the run to hold off longer than it may wait (a 429's Retry-After, or its
 * rate limit's reset): nothing more is sent until then, which is after the run's patience.
 */
export class RateLimited extends TransportError {
  override name = 'RateLimited';
  constructor(
    /** Epoch ms the server named. */
    readonly until: number,
    said: string,
  ) {
    super(`${said}: rate limited until ${new Date(until).toISOString()}`, false);
  }

  /** For the rows of keys not sent. */
  get reason(): string {
    return `rate limited until ${new Date(this.until).toISOString()}`;
  }
}

/** The run was cancelled or stopped while this request waited or ran. */
export class RequestAborted extends Error {
  override name = 'RequestAborted';
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

/**
 * A rate limit's reset (`X-RateLimit-Reset`) as milliseconds from now: epoch seconds (as
 * GitHub and most APIs send it) or, for small values, seconds from now; null when absent.
 */
export function rateResetMs(
  header: string | string[] | undefined,
  now = Date.now(),
): number | null {
  const value = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(value) || value <= 0) return null;
  return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.round(value * 1000);
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
