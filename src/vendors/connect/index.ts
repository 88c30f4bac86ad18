import type { VendorModule } from '../vendor.js';
import { ConnectJobs } from './client.js';
import { connectRows, isJobKey, type ConnectRow } from './rows.js';

export { compareVersions, ConnectJobs, MINIMUM_VERSION } from './client.js';
export { connectRows, type ConnectRow } from './rows.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Connect's API key header: the word `Key`, a space, the key. */
export function connectHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Key ${apiKey}`, accept: 'application/json' };
}

/** Posit Connect: jobs of one content item, named by their keys. */
export const connect: VendorModule<ConnectRow, Record<string, never>> = {
  name: 'posit-connect',
  aliases: ['connect'],
  title: 'Posit Connect',
  apiKeyEnv: 'CONNECT_API_KEY',
  ownInputs: [],
  defaults: { 'poll-interval': '1' },
  target: {
    expected: 'the content GUID, a UUID like 951bf3ad-82d0-4bca-bba8-9b27e35c49fa',
    // Connect prints GUIDs in lower case; the rows and the summary say it the same way.
    parse: (text) => (UUID.test(text) ? text.toLowerCase() : null),
  },
  key: {
    one: 'a job key',
    many: 'job keys',
    expected: 'letters, digits, `-` and `_` (like k3sHkEoWJNwQim7g)',
    parse: (token) => (isJobKey(token) ? token : null),
  },
  server: {
    fallback: (env) => (env.CONNECT_SERVER ?? '').trim(),
    missing: 'Posit Connect needs the server URL (input `server` or env CONNECT_SERVER)',
    // Users write the server as `https://host`, `https://host/prefix` or with `/__api__`
    // already on it: all mean `{server}/__api__/`.
    apiRoot: (server) => new URL(`${server.replace(/\/__api__$/, '')}/__api__/`),
  },
  parseOptions: () => ({}),
  credentials: (apiKey) => [apiKey],
  headers: connectHeaders,
  rows: connectRows,
  client: (http, run) => new ConnectJobs(http, { guid: run.target, wait: run.wait }),
};
