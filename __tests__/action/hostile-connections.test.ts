// The hostile-server matrix of issue 10 (hostile-*.test.ts), connections: an untrusted certificate,
// a malformed status line, an unsolicited 100 Continue are not retried; TLS checks switched off
// warn. Each row runs the committed dist/index.js as the runner does (fakes/runner.mjs) against the
// loopback fakes, with the hostile answers injected through the fakes' fault vocabulary
// (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { startTlsFront } from '../fakes/proxy.mjs';
import { runAction } from '../fakes/runner.mjs';
import { fakesForEachTest, rowsOf, sent } from '../helpers/runs.js';

const { connect, xplenty, keep } = fakesForEachTest({ retries: '0' });

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
