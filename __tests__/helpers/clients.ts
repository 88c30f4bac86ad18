import { HttpClient, type HttpOptions } from '../../src/http.js';
import { connectHeaders } from '../../src/vendors/connect.js';
import { xplentyHeaders } from '../../src/vendors/xplenty.js';

interface FakeServer {
  server: string;
  apiKey: string;
}

/** An HttpClient for a fake Connect, as the action builds it (retries off unless asked). */
export function connectHttp(
  fake: FakeServer,
  options: Partial<HttpOptions> & { apiKey?: string } = {},
) {
  const { apiKey = fake.apiKey, ...rest } = options;
  return new HttpClient({
    base: new URL(`${fake.server}/__api__/`),
    headers: connectHeaders(apiKey),
    connections: 4,
    timeoutMs: 5000,
    retries: 0,
    ...rest,
  });
}

/** An HttpClient for a fake Xplenty account, as the action builds it (retries off unless asked). */
export function xplentyHttp(
  fake: FakeServer & { account: string },
  options: Partial<HttpOptions> & { apiKey?: string } = {},
) {
  const { apiKey = fake.apiKey, ...rest } = options;
  return new HttpClient({
    base: new URL(`${fake.server}/${fake.account}/api/`),
    headers: xplentyHeaders(apiKey),
    connections: 4,
    timeoutMs: 5000,
    retries: 0,
    ...rest,
  });
}
