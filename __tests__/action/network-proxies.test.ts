// The fault matrix of issue 4 (network-*.test.ts), proxies: HTTP_PROXY, HTTPS_PROXY and NO_PROXY as
// curl and undici read them, a proxy that refuses, a plain-http server off this machine. Each row
// runs the committed dist/index.js as the runner does (fakes/runner.mjs); nothing leaves
// 127.0.0.0/8: the proxy refuses (and never dials) anything else.
import { describe, expect, it } from '@jest/globals';
import { startProxy, startTlsFront } from '../fakes/proxy.mjs';
import { runAction } from '../fakes/runner.mjs';
import {
  commands,
  deletes,
  expectNoStack,
  expectOneRowPerKey,
  fakesForEachTest,
  rowsOf,
} from '../helpers/runs.js';

const { connect, xplenty, keep } = fakesForEachTest();

describe('fault matrix, through dist/index.js', () => {
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
});
