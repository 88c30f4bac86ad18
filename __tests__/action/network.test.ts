// The fault matrix of issue 4: what a user sees when the network or the server misbehaves.
// Most rows run the committed dist/index.js as the runner does (fakes/runner.mjs) against the
// loopback fakes, with faults injected at the fake (fakes/server.mjs) or by the pieces in
// fakes/proxy.mjs; a few run HttpClient directly where that is as honest and cheaper.
// Nothing here leaves 127.0.0.0/8: the proxy refuses (and never dials) anything else.
import { afterEach, describe, expect, it } from '@jest/globals';
import { RateLimited, retryAfterMs, TransportError } from '../../src/http/answer.js';
import { HttpClient } from '../../src/http/client.js';
import { startConnect } from '../fakes/connect.mjs';
import { startLossyFront, startProxy, startTlsFront } from '../fakes/proxy.mjs';
import { runAction } from '../fakes/runner.mjs';
import { json, startServer } from '../fakes/server.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);
const keep = open.keep;

/** A Connect fake with active jobs `keys`, and the inputs that point the action at it. */
async function connect(keys: string[], options: Parameters<typeof startConnect>[0] = {}) {
  const server = await keep(startConnect({ jobs: keys.map((key) => ({ key })), ...options }));
  return { server, inputs: inputsFor(server, { keys: keys.join(' ') }) };
}

/** An Xplenty fake with running jobs `ids`, and the inputs that point the action at it. */
async function xplenty(ids: number[], options: Parameters<typeof startXplenty>[0] = {}) {
  const server = await keep(startXplenty({ jobs: ids.map((id) => ({ id })), ...options }));
  return { server, inputs: inputsFor(server, { keys: ids.join(' ') }) };
}

type Run = Awaited<ReturnType<typeof runAction>>;
type Row = Record<string, unknown> & { outcome: string; code: unknown; error: string | null };
type Logged = { method: string; path: string; at: number };

const rowsOf = (run: Run): Row[] => run.rows as Row[];
const keyOf = (row: Row): string => String(row.job_key ?? row.id);

/** Every requested key has exactly one row, in the order asked. */
function expectOneRowPerKey(run: Run, keys: readonly (string | number)[]): void {
  expect(rowsOf(run).map(keyOf)).toEqual(keys.map(String));
}

const deletes = (server: { requests: Logged[] }): Logged[] =>
  server.requests.filter((request) => request.method === 'DELETE');

/** Workflow commands (`::error::`, `::warning::`...) of a run, their data unescaped. */
function commands(run: Run, name: string): string[] {
  const prefix = `::${name}::`;
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) =>
      line.slice(prefix.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'),
    );
}

/** No JSON parser or other stack trace reached the log. */
function expectNoStack(run: Run): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toMatch(/SyntaxError|Unexpected token|JSON\.parse|^\s+at .+:\d+:\d+\)?$/m);
  }
  expect(run.stderr).toBe('');
}

/** Loopback http gets no "travels unencrypted" warning. */
function expectNoPlainHttpWarning(run: Run): void {
  expect(commands(run, 'warning').filter((w) => w.includes('plain http'))).toEqual([]);
}

/** Gaps in ms between consecutive requests. */
const gaps = (requests: Logged[]): number[] =>
  requests.slice(1).map((request, i) => request.at - (requests[i] as Logged).at);

describe('fault matrix, through dist/index.js', () => {
  it('429 with Retry-After: 1, then success: retried once after about a second', async () => {
    const { server, inputs } = await xplenty([305]);
    server.inject({
      method: 'DELETE',
      times: 1,
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, [305]);
    expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated', status: 'pending_stoppage' });
    expect(run.outputs).toMatchObject({ terminated: '1', failed: '0' });
    const sent = deletes(server);
    expect(sent).toHaveLength(2);
    // Retry-After, not the 250-500 ms backoff: the second DELETE came a second later.
    expect(gaps(sent)[0]).toBeGreaterThanOrEqual(950);
    expect(gaps(sent)[0]).toBeLessThan(2000);
    expect(run.durationMs).toBeGreaterThanOrEqual(1000);
    expect(run.durationMs).toBeLessThan(6000);
    expectNoPlainHttpWarning(run);
  });

  it('503 three times, then success: retried with growing, jittered backoff', async () => {
    const { server, inputs } = await connect(['k1']);
    server.inject({
      method: 'DELETE',
      times: 3,
      kind: 'status',
      status: 503,
      body: { code: 0, error: 'Service Unavailable', payload: null },
    });
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated', code: null, error: null });
    const sent = deletes(server);
    expect(sent).toHaveLength(4);
    // 500 ms doubling, equal jitter: [250, 500], [500, 1000], [1000, 2000] (+ loopback time).
    const [first, second, third] = gaps(sent) as [number, number, number];
    expect(first).toBeGreaterThanOrEqual(240);
    expect(first).toBeLessThan(900);
    expect(second).toBeGreaterThanOrEqual(490);
    expect(second).toBeLessThan(1500);
    expect(third).toBeGreaterThanOrEqual(990);
    expect(third).toBeLessThan(2600);
    expect(run.durationMs).toBeLessThan(8000);
  });

  it.each(['reset-mid-body', 'reset'] as const)(
    'a connection %s before the whole answer: retried, row terminated',
    async (kind) => {
      const { server, inputs } = await connect(['k1', 'k2']);
      server.inject({ method: 'DELETE', path: '/jobs/k2', times: 1, kind });
      const run = await runAction(inputs);
      expect(run.code).toBe(0);
      expectOneRowPerKey(run, ['k1', 'k2']);
      expect(rowsOf(run).map((row) => row.outcome)).toEqual(['terminated', 'terminated']);
      expect(deletes(server).filter((r) => r.path.endsWith('/k2'))).toHaveLength(2);
      expect(deletes(server).filter((r) => r.path.endsWith('/k1'))).toHaveLength(1);
      expect(run.durationMs).toBeLessThan(5000);
      expectNoStack(run);
    },
  );

  it('a Connect DELETE retried after its answer was lost meets 409/163: row not-active', async () => {
    const { server, inputs } = await connect(['k1']);
    const front = await keep(startLossyFront(server.url));
    front.loseAnswers({ method: 'DELETE', times: 1 });
    const run = await runAction({ ...inputs, server: front.url });
    // The first DELETE killed the job (the fake answered 200), the client never saw it.
    expect(front.lost).toEqual([expect.objectContaining({ method: 'DELETE', status: 200 })]);
    expect(deletes(server)).toHaveLength(2);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toEqual({
      app_id: null,
      app_guid: null,
      job_key: 'k1',
      job_id: null,
      result: null,
      code: 163,
      error: 'The specified job cannot be terminated because it is not active',
      outcome: 'not-active',
      // The page is on the server the action was given: here the front in its place.
      page_url: `${front.url}/connect/#/apps/${server.guid}/logs?logKey=k1`,
    });
    expect(run.outputs).toMatchObject({ terminated: '0', failed: '0' });
  });

  it('an Xplenty DELETE retried after its answer was lost finds the job stopping: terminated', async () => {
    const server = await keep(startXplenty({ jobs: [{ id: 305, stopAfterMs: 60_000 }] }));
    const front = await keep(startLossyFront(server.url));
    front.loseAnswers({ method: 'DELETE', times: 1 });
    const run = await runAction(inputsFor(server, { server: front.url, keys: '305' }));
    expect(front.lost).toEqual([expect.objectContaining({ method: 'DELETE', status: 200 })]);
    expect(run.code).toBe(0);
    expectOneRowPerKey(run, [305]);
    expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated', status: 'stopping' });
  });

  it('a server that never answers: fails after timeout x attempts, not longer', async () => {
    const { server, inputs } = await connect(['k1']);
    server.inject({ method: 'DELETE', kind: 'hang' });
    const run = await runAction({ ...inputs, timeout: '0.5', retries: '1' });
    expect(run.code).toBe(1);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toMatchObject({
      outcome: 'error',
      code: null,
      error: 'no complete answer within 0.5 s',
    });
    const sent = deletes(server);
    expect(sent).toHaveLength(2);
    // Two attempts of 0.5 s and one pause of 250-500 ms; then the run ends, within the second
    // attempt's 0.5 s and its exit (records, and under `npm test` its V8 coverage: 0.6 s
    // quiet, 1.6 s seen on a loaded machine). Start-up, which load stretches most, comes before
    // the first request and is left out. A run kept alive by a socket or a timer takes seconds.
    expect(run.durationMs).toBeGreaterThanOrEqual(1250);
    expect(run.endedAt - (sent[1] as Logged).at).toBeLessThan(3000);
    expect(commands(run, 'error')).toEqual([
      '1 of 1 job(s) failed: k1 error (no complete answer within 0.5 s)',
    ]);
    expectNoStack(run);
  });

  it('a server that never answers at all: the run stops with one message, a row per key', async () => {
    const { server, inputs } = await connect(['k1', 'k2', 'k3']);
    server.inject({ kind: 'hang' });
    const run = await runAction({ ...inputs, timeout: '0.5', retries: '1' });
    expect(run.code).toBe(1);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/__api__/server_settings',
      '/__api__/server_settings',
    ]);
    expectOneRowPerKey(run, ['k1', 'k2', 'k3']);
    for (const row of rowsOf(run)) {
      expect(row).toMatchObject({
        outcome: 'error',
        error: 'not sent: the server could not be reached',
      });
    }
    expect(commands(run, 'error')).toEqual([
      'Could not reach the server: no complete answer within 0.5 s.',
    ]);
    // The second attempt's 0.5 s and the exit, not more (see the test above).
    expect(run.endedAt - (server.requests[1] as Logged).at).toBeLessThan(3000);
  });

  it('500 every time: row error after retries + 1 attempts, step fails', async () => {
    const { server, inputs } = await xplenty([305, 306]);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { message: 'Internal Server Error' },
    });
    const run = await runAction({ ...inputs, retries: '2' });
    expect(run.code).toBe(1);
    expectOneRowPerKey(run, [305, 306]);
    for (const row of rowsOf(run)) {
      expect(row).toMatchObject({
        outcome: 'error',
        code: 500,
        error: 'Internal Server Error',
        status: null,
      });
    }
    for (const id of [305, 306]) {
      expect(deletes(server).filter((r) => r.path.endsWith(`/jobs/${id}`))).toHaveLength(3);
    }
    expect(server.requests).toHaveLength(6); // 500 is no refusal: no follow-up GET
    expect(run.outputs).toMatchObject({ terminated: '0', failed: '2' });
    expect(commands(run, 'error')).toEqual([
      '2 of 2 job(s) failed: 305 error (Internal Server Error); 306 error (Internal Server Error)',
    ]);
    // Two pauses per key, 250-500 and 500-1000 ms, the two keys side by side.
    expect(run.durationMs).toBeGreaterThanOrEqual(750);
    expect(run.durationMs).toBeLessThan(5000);
  });

  it.each(['posit-connect', 'xplenty'] as const)(
    '401 from %s: one clear failure, no further DELETE sent, a row for every key',
    async (vendor) => {
      const fake =
        vendor === 'posit-connect'
          ? await connect(['k1', 'k2', 'k3', 'k4'])
          : await xplenty([305, 306, 307, 308]);
      const keys = fake.inputs.keys!.split(' ');
      const run = await runAction({ ...fake.inputs, 'api-key': 'wrong-key', concurrency: '1' });
      expect(run.code).toBe(1);
      expect(deletes(fake.server)).toHaveLength(1);
      expectOneRowPerKey(run, keys);
      const [first, ...rest] = rowsOf(run);
      expect(first).toMatchObject({ outcome: 'error', code: vendor === 'xplenty' ? 401 : 30 });
      for (const row of rest) {
        expect(row).toMatchObject({ outcome: 'error', error: 'not sent: authentication failed' });
      }
      const errors = commands(run, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/did not accept the API key/);
      expect(run.outputs.failed).toBe('4');
    },
  );

  it.each(['posit-connect', 'xplenty'] as const)(
    'an HTML 502 page from %s: a clear error, no JSON parse stack',
    async (vendor) => {
      const fake = vendor === 'posit-connect' ? await connect(['k1']) : await xplenty([305]);
      fake.server.inject({ method: 'DELETE', kind: 'html', status: 502 });
      const run = await runAction({ ...fake.inputs, retries: '1' });
      expect(run.code).toBe(1);
      expectOneRowPerKey(run, [fake.inputs.keys!]);
      const message =
        'HTTP 502 with a text/html body, not JSON: 502 Bad Gateway 502 Bad Gateway nginx';
      expect(rowsOf(run)[0]).toMatchObject({
        outcome: 'error',
        code: vendor === 'xplenty' ? 502 : null,
        error: message,
      });
      expect(deletes(fake.server)).toHaveLength(2); // 502 is retried
      expect(commands(run, 'error')).toEqual([
        `1 of 1 job(s) failed: ${fake.inputs.keys} error (${message})`,
      ]);
      expect(run.summary).not.toContain('<html>');
      expectNoStack(run);
    },
  );

  it('a redirect to another origin is not followed: the other origin receives nothing', async () => {
    const { server, inputs } = await connect(['k1']);
    const elsewhere = await keep(startServer(() => json(200, { stolen: true })));
    const location = `${elsewhere.url}/collect`;
    server.inject({ method: 'DELETE', kind: 'redirect', status: 307, location });
    const run = await runAction(inputs);
    expect(elsewhere.requests).toEqual([]);
    expect(run.code).toBe(1);
    expectOneRowPerKey(run, ['k1']);
    expect(rowsOf(run)[0]).toMatchObject({
      outcome: 'error',
      code: null,
      error: `HTTP 307 redirect to ${location}: not followed, the API should answer directly`,
    });
    expect(deletes(server)).toHaveLength(1); // a redirect is not retried either
  });

  describe('proxies (the fakes are plain http: HTTP_PROXY applies to them)', () => {
    it.each(['HTTP_PROXY', 'http_proxy'])(
      '%s: every request goes through the proxy as a forward request, no stderr noise',
      async (variable) => {
        const { server, inputs } = await connect(['k1', 'k2']);
        const proxy = await keep(startProxy());
        const run = await runAction(inputs, { env: { [variable]: proxy.url } });
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        expectOneRowPerKey(run, ['k1', 'k2']);
        expect(rowsOf(run).map((row) => row.outcome)).toEqual(['terminated', 'terminated']);
        // As curl does for http URLs: `DELETE http://host/path`, no CONNECT (undici 7 would
        // tunnel unless told `proxyTunnel: false`). Everything the fake saw came this way.
        const host = new URL(server.url).host;
        expect(proxy.log).toEqual(
          server.requests.map((request) => ({
            method: request.method,
            target: host,
            path: request.path,
            refused: false,
          })),
        );
        expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
          'GET /__api__/server_settings',
          `DELETE /__api__/v1/content/${server.guid}/jobs/k1`,
          `DELETE /__api__/v1/content/${server.guid}/jobs/k2`,
        ]);
      },
    );

    it.each(['NO_PROXY', 'no_proxy'])('%s bypasses HTTP_PROXY for its hosts', async (variable) => {
      const { server, inputs } = await connect(['k1']);
      const proxy = await keep(startProxy());
      const run = await runAction(inputs, {
        env: { HTTP_PROXY: proxy.url, [variable]: 'example.com,127.0.0.1' },
      });
      expect(run.code).toBe(0);
      expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated' });
      expect(proxy.log).toEqual([]);
      expect(deletes(server)).toHaveLength(1);
    });

    it('HTTPS_PROXY: an https server is reached through a CONNECT tunnel, trusted by NODE_EXTRA_CA_CERTS', async () => {
      const { server, inputs } = await xplenty([305]);
      const tls = await keep(startTlsFront(server.url));
      const proxy = await keep(startProxy());
      const run = await runAction(
        { ...inputs, server: tls.url },
        { env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.caFile } },
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expectOneRowPerKey(run, [305]);
      expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated' });
      expect(proxy.log).toEqual([
        { method: 'CONNECT', target: new URL(tls.url).host, refused: false },
      ]);
      expect(deletes(server)).toHaveLength(1);
    });

    it('https_proxy with no_proxy: the https server is reached directly', async () => {
      const { server, inputs } = await xplenty([305]);
      const tls = await keep(startTlsFront(server.url));
      const proxy = await keep(startProxy());
      const run = await runAction(
        { ...inputs, server: tls.url },
        {
          env: {
            https_proxy: proxy.url,
            no_proxy: '127.0.0.1',
            NODE_EXTRA_CA_CERTS: tls.caFile,
          },
        },
      );
      expect(run.code).toBe(0);
      expect(rowsOf(run)[0]).toMatchObject({ outcome: 'terminated' });
      expect(proxy.log).toEqual([]);
      expect(deletes(server)).toHaveLength(1);
    });

    it('HTTPS_PROXY alone does not apply to an http server (as curl and undici define it)', async () => {
      const { server, inputs } = await connect(['k1']);
      const proxy = await keep(startProxy());
      const run = await runAction(inputs, { env: { HTTPS_PROXY: proxy.url } });
      expect(run.code).toBe(0);
      expect(proxy.log).toEqual([]);
      expect(deletes(server)).toHaveLength(1);
    });

    it('a proxy that refuses the tunnel: a clear error row, no stack', async () => {
      const { server, inputs } = await xplenty([305]);
      const tls = await keep(startTlsFront(server.url));
      const proxy = await keep(startProxy({ refuseAll: true }));
      const run = await runAction(
        { ...inputs, server: tls.url, retries: '0' },
        { env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.caFile } },
      );
      expect(run.code).toBe(1);
      expectOneRowPerKey(run, [305]);
      expect(rowsOf(run)[0]).toMatchObject({
        outcome: 'error',
        error: 'the proxy refused the connection (HTTP 403 to CONNECT)',
      });
      expect(proxy.log).toEqual([
        { method: 'CONNECT', target: new URL(tls.url).host, refused: true },
      ]);
      expect(server.requests).toEqual([]);
      expectNoStack(run);
    });

    it('a plain-http server off this machine gets the warning; the proxy saw it, dialled nothing', async () => {
      // The requests go to the loopback proxy, which refuses every non-loopback target, so
      // no packet leaves 127.0.0.0/8 (and .invalid never resolves anyway).
      const proxy = await keep(startProxy());
      const run = await runAction(
        {
          vendor: 'posit-connect',
          target: '951bf3ad-82d0-4bca-bba8-9b27e35c49fa',
          server: 'http://connect.example.invalid',
          'api-key': 'connect-fake-api-key-0123456789',
          keys: 'k1',
          retries: '0',
        },
        { env: { HTTP_PROXY: proxy.url } },
      );
      expect(commands(run, 'warning')).toEqual([
        'The server http://connect.example.invalid is plain http: the API key travels unencrypted. Use https.',
      ]);
      expect(proxy.log.length).toBeGreaterThanOrEqual(1);
      for (const entry of proxy.log) {
        expect(entry).toMatchObject({ target: 'connect.example.invalid', refused: true });
      }
      expect(run.code).toBe(1);
      expectOneRowPerKey(run, ['k1']);
      expect(rowsOf(run)[0]?.error).toMatch(/^HTTP 502 with a text\/html body, not JSON/);
    });
  });

  it.each(['posit-connect', 'xplenty'] as const)(
    'RUNNER_DEBUG=1 with %s: the key and its base64 forms appear nowhere, echoed answers included',
    async (vendor) => {
      const fake =
        vendor === 'posit-connect'
          ? await connect(['k1', 'k2', 'k3'])
          : await xplenty([305, 306, 307]);
      const [first, second, third] = fake.inputs.keys!.split(' ') as [string, string, string];
      const key = fake.server.apiKey;
      const forms = [
        key,
        Buffer.from(`${key}:`).toString('base64'),
        Buffer.from(key).toString('base64'),
      ];
      const echo = `you sent ${forms.join(' and ')}`;
      // A retry (debug lines), a server echoing the credential, a redirect carrying it.
      fake.server.inject({
        method: 'DELETE',
        path: `/${first}`,
        times: 1,
        kind: 'status',
        status: 503,
        headers: { 'retry-after': '0' },
      });
      fake.server.inject({
        method: 'DELETE',
        path: `/${second}`,
        kind: 'status',
        status: 400,
        body: { code: 3, error: echo, message: echo },
      });
      fake.server.inject({
        method: 'DELETE',
        path: `/${third}`,
        kind: 'redirect',
        location: `http://127.0.0.2:9/login?key=${key}`,
      });
      const run = await runAction(fake.inputs, { env: { RUNNER_DEBUG: '1' } });
      expect(run.code).toBe(1);
      expect(commands(run, 'debug').length).toBeGreaterThan(3);
      expect(commands(run, 'debug').join('\n')).toMatch(/HTTP 503; retry 1 of 4/);
      // The mask commands must carry the key (the runner consumes them and masks from then
      // on): they are the only lines allowed to, and exactly those lines are left out here.
      const masks = commands(run, 'add-mask');
      expect(masks).toEqual(expect.arrayContaining(forms));
      const stdout = run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
      for (const form of forms) {
        for (const [where, text] of Object.entries({
          stdout,
          stderr: run.stderr,
          outputs: run.outputsText,
          summary: run.summary,
        })) {
          expect({ where, leaked: text.includes(form) }).toEqual({ where, leaked: false });
        }
      }
      expectOneRowPerKey(run, [first, second, third]);
      const rows = rowsOf(run);
      expect(rows[0]).toMatchObject({ outcome: 'terminated' });
      expect(rows[1]?.error).toBe('you sent *** and *** and ***');
      expect(rows[2]?.error).toContain('redirect to http://127.0.0.2:9/login?key=***');
    },
  );

  it.each([
    ['posit-connect', '../k1'],
    ['posit-connect', 'k1%2F..%2Fk2'],
    ['posit-connect', 'k1?x=1'],
    ['posit-connect', 'k1#top'],
    ['xplenty', '../305'],
    ['xplenty', '305%2F306'],
    ['xplenty', '305?x=1'],
    ['xplenty', '305#top'],
  ] as const)('%s key %s: a clear input error and no request at all', async (vendor, bad) => {
    const fake = vendor === 'posit-connect' ? await connect(['k1']) : await xplenty([305]);
    const run = await runAction({ ...fake.inputs, keys: `${fake.inputs.keys} ${bad}` });
    expect(run.code).toBe(1);
    expect(fake.server.requests).toEqual([]);
    const errors = commands(run, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^Invalid input: keys: ${escapeRegExp(JSON.stringify(bad))} is not a job`),
    );
    // The outputs are written; whatever rows there are say nothing was sent.
    expect(run.outputs.results).toBeDefined();
    for (const row of rowsOf(run)) {
      expect(row).toMatchObject({ outcome: 'error', error: 'not sent: invalid input' });
    }
  });

  it('5,000 keys in one input: one row per key, in order, every request on the job path', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `job-${String(i).padStart(5, '0')}-abcdef`);
    const text = keys.join('\n');
    // About what a runner can pass in one environment variable (128 KiB at most).
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024);
    expect(Buffer.byteLength(text)).toBeLessThan(128 * 1024);
    const { server, inputs } = await connect([]);
    for (const key of keys) server.addJob({ key });
    const run = await runAction({ ...inputs, keys: text, concurrency: '32' });
    expect(run.code).toBe(0);
    // 5,000 rows are more than `results` holds: every row is in the results file.
    const all = { ...run, rows: JSON.parse(run.resultsFileText ?? '[]') } as Run;
    expectOneRowPerKey(all, keys);
    expect(rowsOf(all).every((row) => row.outcome === 'terminated')).toBe(true);
    expect(run.outputs).toMatchObject({ terminated: '5000', failed: '0' });
    const jobs = `/__api__/v1/content/${server.guid}/jobs/`;
    const sent = deletes(server).map((request) => request.path);
    expect(sent).toHaveLength(5000);
    expect(new Set(sent)).toEqual(new Set(keys.map((key) => `${jobs}${key}`)));
    expect(server.requests.filter((r) => r.method !== 'DELETE').map((r) => r.path)).toEqual([
      '/__api__/server_settings',
    ]);
    expect(run.summary).toContain('4500 more row(s) are in the <code>results-file</code> output.');
    expect(run.durationMs).toBeLessThan(30_000);
  }, 60_000);
});

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

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
