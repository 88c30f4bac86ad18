import { setMaxListeners } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { TransportError } from './answer.js';

/** One answer as it came off the wire, body read in full. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface TransportOptions {
  /** Most connections (and so requests in flight) at once. */
  connections: number;
  /** Per attempt: no answer (headers and whole body) within this is a timeout. */
  timeoutMs: number;
  /** Larger bodies are refused. */
  maxBodyBytes: number;
}

// undici's own timers, kept as a backstop to the per-attempt deadline: same meaning, same words.
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
// undici refusing the request itself (a header it cannot send, a pool already closed): the
// same request fails again.
const HOPELESS_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
]);

// Answers that are not HTTP as undici reads it (a malformed status line, an unsolicited
// 100 Continue: llhttp's HPE_* codes) and certificates this runner does not trust: sending
// the same request again meets the same server and the same certificate.
const HOPELESS_PATTERN =
  /^(HPE_|UND_ERR_INFO$|UND_ERR_RES_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_CERT|HOSTNAME_MISMATCH|ERR_SSL_)/;

/**
 * One attempt at a time over undici: a keep-alive pool that honours HTTP(S)_PROXY / NO_PROXY,
 * a deadline that covers the whole body, a cap on the body's size. Retrying is the client's.
 */
export class Transport {
  /** The pool, made at the first request (a run with bad inputs needs none). */
  private pool: Promise<Dispatcher> | undefined;

  constructor(private readonly options: TransportOptions) {}

  /** Sends once; throws TransportError (or the signal's abort) when no whole answer came. */
  async send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    signal?: AbortSignal,
    maxBodyBytes = this.options.maxBodyBytes,
  ): Promise<RawAnswer> {
    const dispatcher = await this.dispatcher();
    // A cancelled run sends nothing more: undici would still open a connection and send the request.
    signal?.throwIfAborted();
    const attempt = new AbortController();
    let timedOut = false;
    // A deadline cleared with the answer, not AbortSignal.timeout: that one keeps its timer and
    // signal alive for the whole timeout, and ten thousand requests keep ten thousand of them.
    const timer = setTimeout(() => {
      timedOut = true;
      attempt.abort(new DOMException('timed out', 'TimeoutError'));
    }, this.options.timeoutMs);
    const cancel = (): void => attempt.abort(signal?.reason);
    signal?.addEventListener('abort', cancel, { once: true });
    // Many requests share the run's signal; each adds a listener to it while it runs.
    if (signal) setMaxListeners(0, signal);
    const signals = attempt.signal;
    try {
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as Dispatcher.HttpMethod,
        // A copy: undici's ProxyAgent writes a `host` into the headers object it is given.
        headers: { ...headers },
        body,
        signal: signals,
      });
      const text = await readCapped(response.body, response.headers, maxBodyBytes);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof TransportError) throw error;
      if (timedOut || TIMEOUT_CODES.has(errorCode(error) ?? '')) {
        const within = `no complete answer within ${this.options.timeoutMs / 1000} s`;
        throw new TransportError(within, true, true);
      }
      throw new TransportError(describe(error), !isHopeless(error));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  async close(): Promise<void> {
    if (this.pool) await (await this.pool).destroy();
  }

  // undici comes with @actions/core, in the chunk of dist/ that src/runtime.ts makes.
  private dispatcher(): Promise<Dispatcher> {
    this.pool ??= import('../runtime/toolkit.js').then(
      ({ EnvHttpProxyAgent }) =>
        new EnvHttpProxyAgent({
          // http URLs go to HTTP_PROXY as plain forward-proxy requests, as curl sends them:
          // undici 7 would otherwise CONNECT-tunnel them too, which proxies commonly refuse
          // for ports other than 443 (Squid's default). https URLs are always tunnelled.
          proxyTunnel: false,
          connections: this.options.connections,
          connectTimeout: this.options.timeoutMs,
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
          keepAliveTimeout: 10_000,
        }),
    );
    return this.pool;
  }
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  headers: IncomingHttpHeaders,
  maxBytes: number,
): Promise<string> {
  const tooLarge = (): TransportError =>
    new TransportError(`answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, false);
  if (Number(headers['content-length']) > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    // Leaving the loop destroys the stream, and with it the connection.
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  const proxy = /^Proxy response \((\d+)\) !== 200/.exec(error.message);
  if (proxy) return `the proxy refused the connection (HTTP ${proxy[1]} to CONNECT)`;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return code ? `${error.message}${cause} (${code})` : `${error.message}${cause}`;
}

function isHopeless(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  // undici 7 names a malformed answer HTTPParserError (without a code), and an unsolicited
  // 1xx a socket error "bad response"; the same socket code also means "connection lost",
  // which is worth a retry, so the message tells them apart (a test pins it).
  const { name, message } = error instanceof Error ? error : { name: '', message: '' };
  if (name === 'HTTPParserError') return true;
  if (errorCode(error) === 'UND_ERR_SOCKET' && message === 'bad response') return true;
  const codes = [errorCode(error), errorCode((error as { cause?: unknown } | null)?.cause)];
  return codes.some(
    (code) => code !== undefined && (HOPELESS_CODES.has(code) || HOPELESS_PATTERN.test(code)),
  );
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
