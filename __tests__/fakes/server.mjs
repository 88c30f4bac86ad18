// A loopback HTTP server for the fakes: request log, added latency, and injected faults.
import { createServer } from 'node:http';

/**
 * @typedef {object} Fault
 * @property {string} [method]   only requests with this method
 * @property {RegExp|string} [path] only paths matching this (string: substring)
 * @property {string} [query]    only requests whose query string contains this
 * @property {number} [times]    how many matching requests it applies to (default: all)
 * @property {'status'|'reset'|'reset-mid-body'|'hang'|'redirect'|'huge'|'html'|'raw'|'delay'} kind
 *   'raw': `text` written to the socket as the whole answer (status line included), then closed;
 *   'delay': waits `ms`, calls `then()`, then answers as if there were no fault
 * @property {number} [status]
 * @property {Record<string,string>|((url: URL) => Record<string,string>)} [headers]
 * @property {unknown|((url: URL) => unknown)} [body]  JSON body for kind 'status'
 * @property {string|((url: URL) => string)} [text] raw body (kind 'status') or bytes (kind 'raw')
 * @property {string} [location]  for kind 'redirect'
 * @property {number} [ms]        for kind 'delay'
 * @property {() => void} [then]  for kind 'delay': runs before the answer is made
 * @property {boolean} [chunked]  for kind 'huge': sent in chunks without a Content-Length
 */

/**
 * @typedef {object} LoggedRequest
 * @property {string} method
 * @property {string} path      the path without the query
 * @property {URLSearchParams} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} body      the request body as text ('' for none)
 * @property {number} at        epoch ms when it arrived
 */

/**
 * Starts `route` on 127.0.0.1, on `options.port` or else a random free port.
 * @param {(req: import('node:http').IncomingMessage, url: URL, body: string) => {status:number, body?:unknown, headers?:Record<string,string>, text?:string}} route
 * @param {{ latencyMs?: number, port?: number, bom?: boolean }} [options]  `bom`: every JSON
 *        answer of `route` starts with a UTF-8 byte order mark (RFC 8259 lets readers ignore it)
 */
export async function startServer(route, options = {}) {
  /** @type {LoggedRequest[]} */
  const requests = [];
  /** @type {Fault[]} */
  const faults = [];
  const sockets = new Set();
  const state = { latencyMs: options.latencyMs ?? 0 };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      at: Date.now(),
    });
    if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
    const fault = takeFault(faults, req.method ?? 'GET', url);
    if (fault?.kind === 'delay') {
      await new Promise((r) => setTimeout(r, fault.ms ?? 0));
      fault.then?.();
    } else if (fault) return injectFault(fault, req, res, url);
    let answer;
    try {
      answer = route(req, url, body);
    } catch (error) {
      answer = { status: 500, body: { code: 1, error: String(error), payload: null } };
    }
    const headers = { ...(answer.headers ?? {}) };
    let text = answer.text;
    if (text === undefined) {
      text =
        answer.body === undefined
          ? ''
          : (options.bom ? '\uFEFF' : '') + JSON.stringify(answer.body);
      if (answer.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    }
    res.writeHead(answer.status, { 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    faults,
    state,
    /** @param {Fault} fault */
    inject(fault) {
      faults.push({ ...fault });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * The body of a request that has one (a token request's form); requests without a body are
 * not held up by reading.
 * @param {import('node:http').IncomingMessage} req
 */
async function readBody(req) {
  if (!req.headers['content-length'] && !req.headers['transfer-encoding']) return '';
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {Fault[]} faults @param {string} method @param {URL} url */
function takeFault(faults, method, url) {
  const path = url.pathname;
  const index = faults.findIndex(
    (f) =>
      (!f.method || f.method === method) &&
      (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path))) &&
      (!f.query || url.search.includes(f.query)),
  );
  if (index === -1) return null;
  const fault = /** @type {Fault} */ (faults[index]);
  if (fault.times !== undefined && --fault.times <= 0) faults.splice(index, 1);
  return fault;
}

/**
 * @param {Fault} fault
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
function injectFault(fault, req, res, url) {
  const of = (value) => (typeof value === 'function' ? value(url) : value);
  switch (fault.kind) {
    case 'status': {
      const body = of(fault.body);
      const text =
        fault.text !== undefined ? of(fault.text) : body === undefined ? '' : JSON.stringify(body);
      res.writeHead(fault.status ?? 500, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...of(fault.headers),
      });
      return res.end(text);
    }
    case 'raw':
      // Bytes no HTTP library would write: a bad status line, an unsolicited 100 Continue.
      req.socket.write(of(fault.text) ?? '');
      return req.socket.end();
    case 'html': {
      const text = `<html><head><title>${fault.status ?? 502} Bad Gateway</title></head><body><center><h1>${fault.status ?? 502} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;
      res.writeHead(fault.status ?? 502, {
        'content-type': 'text/html',
        'content-length': text.length,
      });
      return res.end(text);
    }
    case 'reset':
      return req.socket.destroy();
    case 'reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 200 });
      res.write('{"id": 1, "stat');
      return setTimeout(() => req.socket.destroy(), 20);
    case 'hang':
      return; // accept, read, never answer
    case 'redirect':
      res.writeHead(fault.status ?? 302, {
        location: fault.location ?? 'http://127.0.0.2:9/elsewhere',
        'content-length': 0,
      });
      return res.end();
    case 'huge': {
      const size = 11 * 1024 * 1024;
      // `chunked`: no Content-Length, so only counting the bytes as they come can bound it.
      const length = fault.chunked ? {} : { 'content-length': size };
      res.writeHead(200, { 'content-type': 'application/json', ...length });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
  }
}

/** A JSON answer. @param {number} status @param {unknown} body @param {Record<string,string>} [headers] */
export function json(status, body, headers) {
  return { status, body, headers };
}
