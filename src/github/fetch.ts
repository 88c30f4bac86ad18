import type { ApiResponse } from '../http/answer.js';
import type { HttpClient } from '../http/client.js';

// Statuses whose Response may carry no body (the Fetch standard's "null body status").
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
// Headers that described the bytes on the wire, not the body handed on (re-serialised below).
const WIRE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

/**
 * A `fetch` for Octokit's `request.fetch` over the run's own HttpClient, so GitHub's answers
 * meet every rule of the HTTP layer: retries and 429/Retry-After, the per-attempt deadline,
 * the body bound, redaction of the run's secrets, the API-root guard (the token goes nowhere
 * else) and redirects never followed. Octokit's own fetch (@actions/github's undici `fetch`
 * over a proxy agent) would have none of them.
 *
 * Octokit hands it absolute URLs (`baseUrl` joined with the route, or a `Link` page): the
 * client resolves a path against its base with `new URL`, which keeps an absolute URL as it
 * is, and then refuses any URL not under the base, so nothing had to be added to it.
 *
 * It sends no body: the reads it serves are GETs. The JSON Octokit parses is the HTTP
 * layer's bounded parse (no nesting past its depth, long integers kept as digits), written
 * out again: Octokit's plain `JSON.parse` never sees the server's own text when it is JSON.
 */
export function fetchOver(http: HttpClient): typeof fetch {
  return async (input, init) => {
    if (init?.body !== undefined && init.body !== null) {
      throw new TypeError('the GitHub reader sends no request body');
    }
    const url = input instanceof Request ? input.url : String(input);
    const answer = await http.request(init?.method ?? 'GET', url, {
      headers: headerRecord(init?.headers),
      signal: init?.signal ?? undefined,
    });
    return responseOf(answer);
  };
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/** The HTTP layer's answer as a fetch Response. */
export function responseOf(answer: ApiResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined || WIRE_HEADERS.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const body = NULL_BODY.has(answer.status)
    ? null
    : answer.json === undefined
      ? answer.text
      : JSON.stringify(answer.json);
  return new Response(body, { status: answer.status, headers });
}
