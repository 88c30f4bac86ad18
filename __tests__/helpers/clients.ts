import { HttpClient, type HttpOptions } from '../../src/http/client.js';
import { secretForms } from '../../src/http/redact.js';
import { connect } from '../../src/vendors/connect/index.js';
import type { VendorModule } from '../../src/vendors/vendor.js';
import type { ConnectTarget } from '../../src/vendors/connect/targets.js';
import { xplenty } from '../../src/vendors/xplenty/index.js';

interface FakeServer {
  server: string;
  apiKey: string;
}

type ClientOptions = Partial<HttpOptions> & { apiKey?: string };

/** An HttpClient as the action builds it for `vendor` (retries off unless asked). */
function vendorHttp(vendor: VendorModule, base: URL, apiKey: string, options: ClientOptions) {
  return new HttpClient({
    base,
    headers: vendor.headers(apiKey),
    secrets: secretForms(vendor.credentials(apiKey)),
    connections: 4,
    timeoutMs: 5000,
    retries: 0,
    ...options,
  });
}

/** An HttpClient for a fake Connect. */
export function connectHttp(fake: FakeServer, options: ClientOptions = {}) {
  const { apiKey = fake.apiKey, ...rest } = options;
  return vendorHttp(connect, new URL(`${fake.server}/__api__/`), apiKey, rest);
}

/** An HttpClient for a fake Xplenty account. */
export function xplentyHttp(fake: FakeServer & { account: string }, options: ClientOptions = {}) {
  const { apiKey = fake.apiKey, ...rest } = options;
  return vendorHttp(xplenty, new URL(`${fake.server}/${fake.account}/api/`), apiKey, rest);
}

/** A Connect `target` as the settings read it; throws when it is not one. */
export function connectTarget(text: string): ConnectTarget {
  const target = connect.target.parse(text);
  if ('bad' in target) throw new Error(`not a Connect target: ${target.bad}`);
  return target;
}
