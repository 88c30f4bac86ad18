// The hostile-server matrix of issue 10: a server, a proxy or a careless input tries to make the
// action lie, loop, leak or kill the wrong job. Each row runs the committed dist/index.js as the
// runner does (fakes/runner.mjs) against the loopback fakes, with the hostile answers injected
// through the fakes' fault vocabulary (fakes/server.mjs), and checks what the runner would see.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { startTlsFront } from '../fakes/proxy.mjs';
import { runAction } from '../fakes/runner.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

type Closable = { close(): Promise<void> };
const open: Closable[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

type Run = Awaited<ReturnType<typeof runAction>>;
type Row = Record<string, unknown> & { outcome: string; error: string | null };
type Logged = { method: string; path: string; query: URLSearchParams };

async function keep<T extends Closable>(server: Promise<T>): Promise<T> {
  const started = await server;
  open.push(started);
  return started;
}

async function connect(keys: string[], options: Parameters<typeof startConnect>[0] = {}) {
  const server = await keep(startConnect({ jobs: keys.map((key) => ({ key })), ...options }));
  const inputs: Record<string, string> = {
    vendor: 'posit-connect',
    target: server.guid,
    server: server.server,
    'api-key': server.apiKey,
    keys: keys.join(' '),
    retries: '0',
  };
  return { server, inputs };
}

async function xplenty(ids: number[], options: Parameters<typeof startXplenty>[0] = {}) {
  const server = await keep(startXplenty({ jobs: ids.map((id) => ({ id })), ...options }));
  const inputs: Record<string, string> = {
    vendor: 'xplenty',
    target: server.account,
    server: server.server,
    'api-key': server.apiKey,
    keys: ids.join(' '),
    retries: '0',
  };
  return { server, inputs };
}

/** The `keys` that asks for every active job. */
const ALL = 'all';
const rowsOf = (run: Run): Row[] => run.rows as Row[];
const sent = (server: { requests: Logged[] }, method: string): string[] =>
  server.requests.filter((r) => r.method === method).map((r) => r.path);
const MARK = 'PWNED';
/** Server text that tries every way into the runner and the summary. */
const HOSTILE = [
  'boom',
  `::set-output name=failed::0`,
  `::add-mask::${MARK}`,
  `\r::error title=${MARK}::owned`,
  `  ::stop-commands::${MARK}`,
  `x ##[add-mask]${MARK} \u001b[31mred\u001b[0m \u0000nul \u009b2J \u2028sep`,
  '',
  `![img](https://evil.example/${MARK}.png)`,
  `# ${MARK} heading`,
  `[link](https://evil.example/${MARK}) <img src=x onerror=alert(1)>`,
].join('\n');

// The action's own commands; a group's name is the action's words, never server text.
const COMMANDS = new Set(['add-mask', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup']);
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What the runner would act on in stdout, as a list of violations (empty = clean): `##[`
 * anywhere, a `::command` the action never issues, a mask or a property holding server text,
 * control characters, line breaks smuggled into a command's data, over-long lines.
 */
function runnerViolations(stdout: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(stdout)) problems.push(`control character in stdout`);
  for (const line of stdout.split('\n')) {
    if (line.includes('##[')) problems.push(`##[ in: ${line.slice(0, 120)}`);
    if (line.length > 4000) problems.push(`line of ${line.length} characters`);
    const trimmed = line.trim();
    if (!trimmed.startsWith('::')) continue;
    const match = /^::([^ :]+)( [^:]*)?::(.*)$/.exec(trimmed);
    if (!match) {
      problems.push(`malformed command: ${trimmed.slice(0, 120)}`);
      continue;
    }
    const [, name = '', properties = '', data = ''] = match;
    if (!COMMANDS.has(name)) problems.push(`command ${name}: ${trimmed.slice(0, 120)}`);
    if (name === 'add-mask' && data.includes(MARK)) problems.push(`mask of server text`);
    if (name === 'group' && data.includes(MARK)) problems.push(`group named by server text`);
    if (properties.includes(MARK)) problems.push(`server text in properties: ${properties}`);
    const decoded = data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    if (/[\r\n]\s*::/.test(decoded) || decoded.includes('\r'))
      problems.push(`line break into a command in: ${trimmed.slice(0, 120)}`);
  }
  return problems;
}

/** What GitHub's Markdown renderer could make of the summary outside its cells. */
function summaryViolations(summary: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(summary)) problems.push('control character');
  if (/\n\s*\n/.test(summary.trimEnd())) problems.push('blank line');
  if (summary.includes('](') || summary.includes('![')) problems.push('Markdown link or image');
  if (summary.split('\n').some((line) => /^\s*#/.test(line))) problems.push('heading');
  if (/<img|<script/i.test(summary)) problems.push('HTML from the server');
  if (Buffer.byteLength(summary) >= 1024 * 1024) problems.push('summary of 1 MiB or more');
  return problems;
}

function expectClean(run: Run): void {
  expect(runnerViolations(run.stdout)).toEqual([]);
  expect(summaryViolations(run.summary)).toEqual([]);
}

describe('1. outside text is data', () => {
  it('a Connect error message full of workflow commands, ANSI and Markdown: clean log and summary, exact results', async () => {
    const { server, inputs } = await connect(['k1']);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { code: 1, error: HOSTILE },
    });
    const run = await runAction(inputs);
    expect(run.code).toBe(1);
    expect(rowsOf(run)).toEqual([expect.objectContaining({ job_key: 'k1', outcome: 'error' })]);
    expect(rowsOf(run)[0]!.error).toBe(HOSTILE);
    expect(run.summary).toContain('boom');
    expectClean(run);
  });

  it('an Xplenty status with ##[ and line breaks, and a Location with ##[: neither reaches the runner', async () => {
    const { server, inputs } = await xplenty([305, 306]);
    server.inject({
      method: 'DELETE',
      path: '/jobs/305',
      kind: 'status',
      status: 200,
      body: { id: 305, status: `running\n::set-output name=terminated::99\n##[add-mask]${MARK}` },
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/306',
      kind: 'redirect',
      location: `http://127.0.0.1:9/##[add-mask]${MARK}?q=::error::${MARK}`,
    });
    const run = await runAction(inputs);
    expect(rowsOf(run).map((row) => row.outcome)).toEqual(['terminated', 'error']);
    expect(rowsOf(run)[0]!.status).toBe(
      `running\n::set-output name=terminated::99\n##[add-mask]${MARK}`,
    );
    expect(run.outputs.terminated).toBe('1');
    expectClean(run);
  });

  it('an input echoed in the error cannot issue a command', async () => {
    const { server, inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, keys: `k1 ##[add-mask]${MARK}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('keys');
    expect(server.requests).toEqual([]);
    expectClean(run);
  });

  it('huge messages: every log line and the whole summary stay bounded', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const { server, inputs } = await connect(keys);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { code: 1, error: `${'<&'.repeat(10_000)}${'x'.repeat(20_000)}` },
    });
    const run = await runAction(inputs);
    expect(JSON.parse(run.resultsFileText ?? '[]')).toHaveLength(40);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(256 * 1024);
    expectClean(run);
  });
});

describe('3. what a server names is checked like an input', () => {
  it('Connect: listed keys `..`, `.`, `a/b` and a duplicate never reach a URL', async () => {
    const { server, inputs } = await connect(['ok1']);
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      kind: 'status',
      status: 200,
      body: ['..', '.', 'a/b', 'ok1', 'ok1', '%2e%2e'].map((key) => ({ key, id: '1', status: 0 })),
    });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(sent(server, 'DELETE')).toEqual([`/__api__/v1/content/${server.guid}/jobs/ok1`]);
    const rows = rowsOf(run);
    expect(rows.map((row) => [row.job_key, row.outcome])).toEqual([
      ['..', 'error'],
      ['.', 'error'],
      ['a/b', 'error'],
      ['ok1', 'terminated'],
      ['%2e%2e', 'error'],
    ]);
    expect(run.outputs.failed).toBe('4');
    expectClean(run);
  });

  it('Xplenty: an id above 2^53 is refused, not rounded; "305" counts as 305; "200" matches package 200', async () => {
    const { server, inputs } = await xplenty([305], { jobs: [{ id: 305, package_id: 200 }] });
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      query: 'status=running',
      kind: 'status',
      status: 200,
      text: '[{"id":9007199254740993,"status":"running","package_id":200},{"id":"305","status":"running","package_id":"200"},{"id":305,"status":"running","package_id":200}]',
    });
    const run = await runAction({ ...inputs, keys: ALL, 'package-id': '200' });
    expect(sent(server, 'DELETE')).toEqual([`/${server.account}/api/jobs/305`]);
    expect(rowsOf(run).map((row) => [String(row.id), row.outcome])).toEqual([
      ['305', 'terminated'],
      ['9007199254740993', 'error'],
    ]);
    expectClean(run);
  });
});

describe('4. lists are complete and bounded', () => {
  it('the same full page again and again: a clear error after two pages, nothing killed', async () => {
    const { server, inputs } = await xplenty([]);
    const page = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, status: 'running' }));
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      query: 'status=running',
      kind: 'status',
      status: 200,
      body: page,
    });
    const run = await runAction({ ...inputs, keys: ALL }, { killAfterMs: 20_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Could not list the running jobs: the page .* brings no new job/,
    );
    expect(sent(server, 'GET').length).toBeLessThan(10);
    expect(sent(server, 'DELETE')).toEqual([]);
    expectClean(run);
  });

  it('new ids on every page, for ever: stops at the page ceiling with a clear error', async () => {
    const { server, inputs } = await xplenty([]);
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      query: 'status=running',
      kind: 'status',
      status: 200,
      body: (url: URL) => [
        { id: 1_000_000 + Number(url.searchParams.get('offset') ?? 0), status: 'running' },
      ],
      headers: (url: URL) => {
        const next = new URL(url.href.replace('http://fake', server.url));
        next.searchParams.set('offset', String(Number(url.searchParams.get('offset') ?? 0) + 1));
        return { link: `<${next.href}>; rel="next"` };
      },
    });
    const run = await runAction({ ...inputs, keys: ALL }, { killAfterMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1,?000 pages/);
    expect(sent(server, 'GET').length).toBeLessThanOrEqual(1_010);
    expect(sent(server, 'DELETE')).toEqual([]);
  }, 90_000);

  it('a server that pages by 50 and says so with Link: rel="next": all 120 jobs terminated', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => 1000 + i);
    const { server, inputs } = await xplenty(ids, { maxPageSize: 50 });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(run.code).toBe(0);
    expect(sent(server, 'DELETE')).toHaveLength(120);
    expect(run.outputs.terminated).toBe('120');
  });

  it('a Link that leaves the API root is not followed', async () => {
    const { server, inputs } = await xplenty([305]);
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      query: 'status=running',
      kind: 'status',
      status: 200,
      body: [{ id: 305, status: 'running' }],
      headers: { link: `<${server.url}/other/api/jobs?offset=1>; rel="next"` },
    });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(run.code).toBe(1);
    expect(server.requests.some((r) => r.path.startsWith('/other'))).toBe(false);
    expect(sent(server, 'DELETE')).toEqual([]);
  });

  it('a job moving queued -> running while the statuses are listed is not missed', async () => {
    const { server, inputs } = await xplenty([], {
      jobs: [{ id: 305, status: 'queued' }, { id: 306 }],
    });
    // The queued list is answered late; by then the job runs (and the running list may be done).
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      query: 'status=queued',
      kind: 'delay',
      ms: 300,
      then: () => {
        const job = server.job(305) as { status: string } | undefined;
        if (job) server.addJob({ id: 305, status: 'running' });
      },
    });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(run.code).toBe(0);
    expect(sent(server, 'DELETE').sort()).toEqual([
      `/${server.account}/api/jobs/305`,
      `/${server.account}/api/jobs/306`,
    ]);
  });
});

describe('5. a wait ends only on an answer that says so', () => {
  it('Connect: a poll answered 200 without a status keeps the job waited on', async () => {
    const { server, inputs } = await connect([], { jobs: [{ key: 'k1', stopAfterMs: 60_000 }] });
    server.inject({
      method: 'GET',
      path: '/jobs/k1',
      kind: 'status',
      status: 200,
      body: { message: 'ok' },
    });
    const run = await runAction({
      ...inputs,
      keys: 'k1',
      wait: 'true',
      'wait-timeout': '1',
      'poll-interval': '0.2',
    });
    expect(rowsOf(run)[0]).toMatchObject({ job_key: 'k1', outcome: 'timed-out' });
    expect(run.code).toBe(1);
  });

  it('Xplenty: a gateway HTML 404 to a poll is not "ended"; its message shows at the deadline', async () => {
    const { server, inputs } = await xplenty([], { jobs: [{ id: 305, stopAfterMs: 60_000 }] });
    server.inject({ method: 'GET', path: '/jobs/305', kind: 'html', status: 404 });
    const run = await runAction({
      ...inputs,
      keys: '305',
      wait: 'true',
      'wait-timeout': '1',
      'poll-interval': '0.2',
    });
    expect(rowsOf(run)[0]).toMatchObject({ id: 305, outcome: 'timed-out' });
    expect(rowsOf(run)[0]!.error).toMatch(/404/);
  });
});

describe('6. rows survive anything', () => {
  const deep = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('Connect: a kill order answered with a 200,000-deep field and an object job_id stays terminated', async () => {
    const { server, inputs } = await connect(['k1', 'k2']);
    server.inject({
      method: 'DELETE',
      path: '/jobs/k1',
      kind: 'status',
      status: 200,
      text: `{"app_id":{"valueOf":1,"toString":1},"job_id":{"toString":1,"valueOf":1},"result":"Order to kill job registered","junk":${deep(200_000)}}`,
    });
    const run = await runAction(inputs);
    expect(rowsOf(run).map((row) => [row.job_key, row.outcome])).toEqual([
      ['k1', 'terminated'],
      ['k2', 'terminated'],
    ]);
    expect(run.outputs).toMatchObject({ terminated: '2', failed: '0' });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('k1');
  });

  it('Xplenty: odd types in kill answers and polls never lose the row of an accepted order', async () => {
    const { server, inputs } = await xplenty([305, 306], {
      jobs: [
        { id: 305, stopAfterMs: 60_000 },
        { id: 306, status: 'stopped' },
      ],
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/306',
      kind: 'status',
      status: 200,
      text: `{"id":306,"status":"pending_stoppage","variables":${deep(200_000)}}`,
    });
    server.inject({
      method: 'GET',
      path: '/jobs/305',
      kind: 'status',
      status: 200,
      text: '{"id":305,"status":{"toString":1,"valueOf":1},"progress":{"toString":1}}',
    });
    const run = await runAction({
      ...inputs,
      wait: 'true',
      'wait-timeout': '1',
      'poll-interval': '0.2',
    });
    expect(rowsOf(run).map((row) => [row.id, row.outcome])).toEqual([
      [305, 'timed-out'],
      [306, 'ended'],
    ]);
    expect(run.outputs).toMatchObject({ terminated: '2', failed: '1' });
    expect(run.stdout).not.toMatch(/Unexpected failure/);
  });
});

describe('7. rate limits beyond the run patience stop the run', () => {
  it('429 with Retry-After: 86400 stops sending at once; unsent keys say until when', async () => {
    const keys = ['k1', 'k2', 'k3', 'k4'];
    const { server, inputs } = await connect(keys);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '86400' },
      body: { code: 1, error: 'slow down' },
    });
    const run = await runAction(
      { ...inputs, concurrency: '1', retries: '4' },
      { killAfterMs: 30_000 },
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    expect(sent(server, 'DELETE')).toHaveLength(1);
    const rows = rowsOf(run);
    expect(rows).toHaveLength(4);
    expect(rows[0]!.error).toMatch(/rate limited until \d{4}-/);
    for (const row of rows.slice(1))
      expect(row.error).toMatch(/^not sent: rate limited until \d{4}-/);
  }, 40_000);
  it('an Xplenty 429 whose X-RateLimit-Reset is an hour away stops the run too', async () => {
    const { server, inputs } = await xplenty([305, 306, 307]);
    const reset = String(Math.ceil(Date.now() / 1000) + 3600);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 429,
      headers: { 'x-ratelimit-reset': reset, 'x-ratelimit-remaining': '0' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const run = await runAction(
      { ...inputs, concurrency: '1', retries: '4' },
      { killAfterMs: 30_000 },
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect(sent(server, 'DELETE')).toHaveLength(1);
    expect(rowsOf(run).map((row) => row.error)).toEqual([
      expect.stringMatching(/rate limited until \d{4}-/),
      expect.stringMatching(/^not sent: rate limited until \d{4}-/),
      expect.stringMatching(/^not sent: rate limited until \d{4}-/),
    ]);
  }, 40_000);

  it('a 429 beyond the run patience during the wait ends the wait at once; the row says why', async () => {
    const { server, inputs } = await connect([], { jobs: [{ key: 'k1', stopAfterMs: 60_000 }] });
    server.inject({
      method: 'GET',
      path: '/jobs/k1',
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '86400' },
      body: { code: 1, error: 'slow down' },
    });
    const run = await runAction(
      { ...inputs, keys: 'k1', wait: 'true', 'wait-timeout': '120', 'poll-interval': '0.2' },
      { killAfterMs: 60_000 },
    );
    expect(run.durationMs).toBeLessThan(10_000);
    expect(rowsOf(run)[0]).toMatchObject({ job_key: 'k1', outcome: 'timed-out' });
    expect(rowsOf(run)[0]!.error).toMatch(/not polled further: rate limited until \d{4}-/);
    expect(run.outputs).toMatchObject({ terminated: '1', failed: '1' });
  }, 70_000);
});

describe('8. hopeless errors are not retried', () => {
  it('a certificate the runner does not trust: one attempt, a clear message', async () => {
    const { server, inputs } = await connect(['k1']);
    const tls = await keep(startTlsFront(server.url));
    const run = await runAction({ ...inputs, server: tls.url, retries: '4' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/certificate/i);
    expect(run.stdout).not.toMatch(/retry 1 of 4/);
    expect(server.requests).toEqual([]);
  });

  it('a malformed status line: one attempt per request, not retries + 1', async () => {
    const { server, inputs } = await xplenty([305]);
    server.inject({
      method: 'DELETE',
      kind: 'raw',
      text: 'HTTP/1.1 2x0 OK\r\ncontent-length: 0\r\n\r\n',
    });
    const run = await runAction({ ...inputs, retries: '4' });
    expect(rowsOf(run)[0]).toMatchObject({ id: 305, outcome: 'error' });
    expect(sent(server, 'DELETE')).toHaveLength(1);
  });

  it('an unsolicited 100 Continue: read correctly or refused at once', async () => {
    const { server, inputs } = await xplenty([305]);
    const body = JSON.stringify({ id: 305, status: 'pending_stoppage' });
    server.inject({
      method: 'DELETE',
      kind: 'raw',
      text: `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    });
    const run = await runAction({ ...inputs, retries: '4' });
    expect(sent(server, 'DELETE')).toHaveLength(1);
    expect(['terminated', 'error']).toContain(rowsOf(run)[0]!.outcome);
  });

  it('NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment: a warning in the log', async () => {
    const { inputs } = await connect(['k1']);
    const run = await runAction(inputs, { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });
    expect(run.stdout).toMatch(/^::warning::.*NODE_TLS_REJECT_UNAUTHORIZED/m);
  });
});

describe('9. the key in any encoding stays secret', () => {
  const jsonEscaped = (text: string, upper: boolean): string =>
    [...text]
      .map((c, i) => {
        const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
        return i % 2 === 0 ? `\\u${upper ? hex.toUpperCase() : hex}` : c;
      })
      .join('');
  const urlEncoded = (text: string): string =>
    [...text]
      .map((c, i) => `%${c.charCodeAt(0).toString(16)[i % 2 ? 'toUpperCase' : 'toLowerCase']()}`)
      .join('');

  it('echoed JSON-escaped (either case) or URL-encoded (mixed case): not in results, summary or log', async () => {
    const apiKey = 'k3y/with+special=chars&more';
    const { server, inputs } = await connect(['k1', 'k2'], { apiKey });
    server.inject({
      method: 'DELETE',
      path: '/jobs/k1',
      kind: 'status',
      status: 500,
      text: `{"code":1,"error":"bad key ${jsonEscaped(apiKey, true)} or ${jsonEscaped(apiKey, false)}"}`,
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/k2',
      kind: 'status',
      status: 500,
      text: `{"code":1,"error":"bad key ${urlEncoded(apiKey)}"}`,
    });
    const run = await runAction(inputs);
    expect(rowsOf(run).map((row) => row.outcome)).toEqual(['error', 'error']);
    const seen = [run.outputsText, run.summary, run.stdout.replace(/^::add-mask::.*$/gm, '')].join(
      '\n',
    );
    expect(seen).toContain('bad key');
    expect(seen).not.toContain(apiKey);
    expect(seen).not.toContain(encodeURIComponent(apiKey));
    expect(seen.toLowerCase()).not.toContain(urlEncoded(apiKey).toLowerCase());
    expect(seen.toLowerCase()).not.toContain(jsonEscaped(apiKey, false).toLowerCase());
  });

  it('a mistyped server URL with user:password: the password is not echoed', async () => {
    const { server, inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, server: 'htps://user:S3cret@connect.example.com' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('server');
    expect([run.stdout, run.summary, run.outputsText].join('\n')).not.toContain('S3cret');
    expect(server.requests).toEqual([]);
  });
});

describe('10. numbers that cannot mean anything are refused', () => {
  it.each([
    ['poll-interval', '0.0001'],
    ['timeout', '0.0004'],
    ['wait-timeout', '0.01'],
  ])('%s: %s is an input error before any request', async (name, value) => {
    const { server, inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, wait: 'true', [name]: value });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`::error::.*${name}: got "${value}", expected .*at least`),
    );
    expect(server.requests).toEqual([]);
  });
});

describe('12. nothing is silently cut', () => {
  it('results-file always names a JSON file under RUNNER_TEMP with every row', async () => {
    const { inputs } = await connect(['k1', 'k2']);
    const run = await runAction(inputs);
    expect(run.outputs['results-file']).toMatch(new RegExp(`^${run.runnerTemp}/`));
    expect(JSON.parse(run.resultsFileText ?? 'null')).toEqual(run.rows);
  });

  it('an input error still writes the results file', async () => {
    const { inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, concurrency: 'many' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.resultsFileText ?? 'null')).toEqual(run.rows);
  });

  it('rows over the budget of `results`: what fits, a warning with the count, every row in the file', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const { server, inputs } = await connect(keys);
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 500,
      body: { code: 1, error: 'e'.repeat(4000) },
    });
    const run = await runAction(inputs);
    const all = JSON.parse(run.resultsFileText ?? '[]') as Row[];
    expect(all).toHaveLength(300);
    const kept = rowsOf(run);
    expect(Buffer.byteLength(run.outputs.results ?? '')).toBeLessThanOrEqual(800_000);
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(300);
    expect(run.stdout).toMatch(
      new RegExp(`::warning::.*${300 - kept.length} of 300 rows .*results-file`),
    );
    expect(run.outputs.failed).toBe('300');
  });
});
