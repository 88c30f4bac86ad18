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

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
