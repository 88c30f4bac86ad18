// Loopback network pieces for the network tests, all on 127.0.0.1 with random ports:
// - startProxy: a forward proxy as HTTP_PROXY / HTTPS_PROXY point to on a self-hosted runner:
//   absolute-form requests for http URLs (`GET http://host/path`), CONNECT tunnels for https.
//   It logs what it was asked for and never dials anything that is not loopback: a request
//   for another host gets a 502 page, a CONNECT a 403, as a proxy's policy would answer.
// - startTlsFront: https in front of a plain-http fake, with a throwaway self-signed
//   certificate (made by `openssl`) to trust through NODE_EXTRA_CA_CERTS.
// - startLossyFront: a reverse proxy that lets the server act on a request and then drops
//   the connection instead of passing the answer on (a kill order registered, its answer lost).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

/**
 * @typedef {object} ProxyEntry
 * @property {string} method     CONNECT, or the method of a forwarded request
 * @property {string} target     host:port asked for
 * @property {string} [path]     the path of a forwarded request
 * @property {boolean} refused   true when the proxy refused (it dialled nothing)
 */

/**
 * A forward proxy on 127.0.0.1.
 * @param {{ refuseAll?: boolean }} [options]  refuse every request and tunnel (a policy denial)
 */
export async function startProxy(options = {}) {
  /** @type {ProxyEntry[]} */
  const log = [];
  const server = createServer((req, res) => {
    // A forward-proxy request for an http URL: the request line carries the absolute URL.
    let target;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-length': 0 }).end();
      return;
    }
    const entry = {
      method: req.method ?? 'GET',
      target: target.host,
      path: target.pathname,
      refused: false,
    };
    log.push(entry);
    if (options.refuseAll || target.protocol !== 'http:' || !LOOPBACK.test(target.hostname)) {
      entry.refused = true;
      const page = `<html><body><h1>502 Bad Gateway</h1><p>The proxy will not connect to ${target.host}.</p></body></html>`;
      res.writeHead(502, {
        'content-type': 'text/html',
        'content-length': Buffer.byteLength(page),
      });
      res.end(page);
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port || 80,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(req.url ?? '');
    const host = match?.[1] ?? '';
    const entry = { method: 'CONNECT', target: req.url ?? '', refused: false };
    log.push(entry);
    socket.on('error', () => socket.destroy());
    if (options.refuseAll || !match || !LOOPBACK.test(host)) {
      entry.refused = true;
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = netConnect(Number(match[2]), host.replace(/^\[|\]$/g, ''), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  return { ...(await listen(server)), log };
}

/**
 * https://127.0.0.1:PORT in front of `target` (a plain-http fake's URL). `caFile` is the
 * certificate to trust (NODE_EXTRA_CA_CERTS); it is valid for 127.0.0.1 and localhost.
 * @param {string} target
 */
export async function startTlsFront(target) {
  const dir = mkdtempSync(join(tmpdir(), 'terminate-jobs-tls-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  const { hostname, port } = new URL(target);
  const server = createTlsServer(
    { key: readFileSync(keyFile), cert: readFileSync(caFile) },
    (tls) => {
      const upstream = netConnect(Number(port), hostname);
      tls.pipe(upstream).pipe(tls);
      tls.on('error', () => upstream.destroy());
      tls.on('close', () => upstream.destroy());
      upstream.on('error', () => tls.destroy());
    },
  );
  const listening = await listen(server);
  return {
    url: listening.url.replace(/^http:/, 'https:'),
    caFile,
    async close() {
      await listening.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A reverse proxy to `target` that loses answers: for a request matching a rule, the server
 * gets the request and answers, then the client's connection is dropped without that answer.
 * @param {string} target
 */
export async function startLossyFront(target) {
  /** @type {{ method?: string, path?: string, times: number }[]} */
  const rules = [];
  const lost = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const index = rules.findIndex(
      (rule) =>
        (!rule.method || rule.method === req.method) &&
        (!rule.path || url.pathname.includes(rule.path)),
    );
    const rule = rules[index];
    if (rule && --rule.times <= 0) rules.splice(index, 1);
    const upstream = httpRequest(url, { method: req.method, headers: req.headers }, (answer) => {
      if (rule) {
        answer.resume();
        answer.on('end', () => {
          lost.push({ method: req.method, path: url.pathname, status: answer.statusCode });
          req.socket.destroy();
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return {
    ...(await listen(server)),
    /** The answers that were dropped, in order. */
    lost,
    /** @param {{ method?: string, path?: string, times?: number }} rule */
    loseAnswers(rule) {
      rules.push({ ...rule, times: rule.times ?? 1 });
    },
  };
}

/**
 * Listens on 127.0.0.1 (random port); `close` also ends open connections and tunnels.
 * @param {import('node:net').Server} server
 */
async function listen(server) {
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
