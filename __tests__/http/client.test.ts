// HttpClient (src/http/client.ts) against a loopback server: which statuses it retries, the body
// cap, the shared 429 gate, the retry budget, the API-root guard, Retry-After. The runs of
// dist/index.js through the same faults are in __tests__/action/network-*.test.ts.
import { afterEach, describe, expect, it } from '@jest/globals';
import { RateLimited, retryAfterMs, TransportError } from '../../src/http/answer.js';
import { HttpClient } from '../../src/http/client.js';
import { json, startServer } from '../fakes/server.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);
const keep = open.keep;

describe('HttpClient against a loopback server', () => {
  /** A server answering `answer` to everything, and a client for it with tiny backoffs. */
  async function setup(
    answer: () => { status: number; body?: unknown; headers?: Record<string, string> },
    options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {},
  ) {
    const server = await keep(startServer(() => answer()));
    const http = new HttpClient({
      base: new URL(`${server.url}/api/`),
      headers: { authorization: 'Key abcdefgh12345678' },
      connections: 4,
      timeoutMs: 2000,
      retries: 3,
      backoffMs: 5,
      ...options,
    });
    await keep(http);
    return { server, http };
  }

  it.each([400, 401, 403, 404, 409, 422])('never retries a %i', async (status) => {
    const { server, http } = await setup(() => json(status, { message: 'no' }));
    const response = await http.request('DELETE', 'jobs/1');
    expect(response.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a %i, then has the answer', async (status) => {
    const { server, http } = await setup(() => json(200, { ok: true }));
    server.inject({ kind: 'status', status, times: 2, headers: { 'retry-after': '0' } });
    const response = await http.request('DELETE', 'jobs/1');
    expect(response).toMatchObject({ status: 200, json: { ok: true } });
    expect(server.requests).toHaveLength(3);
  });

  it('keeps the last answer, status and message, when the retries run out', async () => {
    const { server, http } = await setup(() =>
      json(503, { message: 'overloaded, try again later' }),
    );
    const response = await http.request('DELETE', 'jobs/1');
    expect(response).toMatchObject({
      status: 503,
      json: { message: 'overloaded, try again later' },
    });
    expect(server.requests).toHaveLength(4);
  });

  it('refuses a body over the cap once, without retrying it', async () => {
    const { server, http } = await setup(() => json(200, {}));
    server.inject({ kind: 'huge' });
    const started = Date.now();
    await expect(http.request('GET', 'jobs')).rejects.toThrow(
      new TransportError('answer larger than 10 MB'),
    );
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('holds every request back while a 429 asks to, not only the one that got it', async () => {
    const { server, http } = await setup(() => json(200, {}));
    server.inject({
      path: '/jobs/1',
      kind: 'status',
      status: 429,
      times: 1,
      headers: { 'retry-after': '1' },
    });
    const first = http.request('DELETE', 'jobs/1');
    // jobs/2 is asked for once the 429 is in (the gate holds off), not after a guess of how
    // long that takes: a loaded machine once took more than the 100 ms this test waited.
    const given = Date.now() + 2000;
    while (http.gate.pausedUntil <= Date.now() && Date.now() < given) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const asked = Date.now();
    const second = http.request('DELETE', 'jobs/2');
    await Promise.all([first, second]);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/jobs/1',
      expect.stringMatching(/^\/api\/jobs\/[12]$/),
      expect.stringMatching(/^\/api\/jobs\/[12]$/),
    ]);
    const [limited, ...later] = server.requests.map((r) => r.at) as number[];
    // jobs/2 was asked for well within the second after the 429, yet waited it out.
    expect(asked - (limited as number)).toBeLessThan(900);
    for (const at of later) expect(at - (limited as number)).toBeGreaterThanOrEqual(950);
  });

  it('stops sending when Retry-After exceeds the retry budget: RateLimited at once, for every request', async () => {
    const { server, http } = await setup(() => json(200, {}), { retryBudgetMs: 300 });
    server.inject({ kind: 'status', status: 429, times: 1, headers: { 'retry-after': '3600' } });
    const started = Date.now();
    const first = await http.request('DELETE', 'jobs/1').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(RateLimited);
    expect((first as RateLimited).until).toBeGreaterThan(Date.now() + 3_500_000);
    await expect(http.request('DELETE', 'jobs/2')).rejects.toThrow(/rate limited until/);
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sends nothing outside its API root', async () => {
    const { server, http } = await setup(() => json(200, {}));
    for (const path of [
      '../admin',
      '%2e%2e/admin',
      'http://127.0.0.2:9/api/jobs',
      '//127.0.0.2/x',
    ]) {
      await expect(http.request('DELETE', path)).rejects.toThrow(/^refused to send DELETE/);
    }
    expect(server.requests).toEqual([]);
  });

  it('a view under a folder of the root sends there, and nothing outside that folder', async () => {
    const { server, http } = await setup(() => json(200, {}));
    const view = http.under('acct-1/api/');
    expect(view.root).toBe(`${server.url}/api/acct-1/api/`);
    await view.request('GET', 'jobs');
    expect(server.requests.map((r) => r.path)).toEqual(['/api/acct-1/api/jobs']);
    await expect(view.request('GET', '../../other/api/jobs')).rejects.toThrow(/^refused to send/);
    for (const path of ['../', '//127.0.0.2/api/', 'acct-1', 'http://127.0.0.2:9/api/x/']) {
      expect(() => http.under(path)).toThrow(/^refused a client under/);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('views share the rate gate: a 429 to one holds back the others, one request count', async () => {
    const { server, http } = await setup(() => json(200, {}));
    server.inject({ kind: 'status', status: 429, times: 1, headers: { 'retry-after': '1' } });
    const [one, two] = [http.under('a/'), http.under('b/')];
    const first = one.request('GET', 'jobs');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await two.request('GET', 'jobs');
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    await first;
    expect(http.requestCount).toBe(3);
    expect(one.gate).toBe(http.gate);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
