import { quote, someOf, type Problems } from '../../problems.js';
import { filterAllowed, OLDER_THAN, parseOlderThan, type FilterContext } from '../../selection.js';
import type { VendorModule } from '../vendor.js';
import { ConnectJobs, type ConnectInputs } from './client.js';
import { connectRows, isJobKey, type ConnectRow } from './rows.js';
import { BUNDLE_EXPECTED, parseBundle, parseTags } from './selection.js';
import {
  CONTENT_NAME,
  CONTENT_TAG,
  parseTargets,
  readContentChoice,
  TARGETS_EXPECTED,
} from './targets.js';

export { compareVersions, ConnectJobs, MINIMUM_VERSION, NO_FILTERS } from './client.js';
export { connectRows, type ConnectRow } from './rows.js';

const BUNDLE = 'bundle';
const TAG = 'tag';
const TAG_EXPECTED = 'job tags of letters, digits and `_` (like run_app)';

/** Connect's API key header: the word `Key`, a space, the key. */
export function connectHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Key ${apiKey}`, accept: 'application/json' };
}

/** Posit Connect: jobs of content items, named by their keys. */
export const connect: VendorModule<ConnectRow> = {
  name: 'posit-connect',
  aliases: ['connect'],
  title: 'Posit Connect',
  apiKeyEnv: 'CONNECT_API_KEY',
  ownInputs: [BUNDLE, TAG, OLDER_THAN, CONTENT_TAG, CONTENT_NAME],
  target: {
    expected: TARGETS_EXPECTED,
    // Connect prints GUIDs in lower case; the rows and the summary say it the same way.
    parse: parseTargets,
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
  credentials: (apiKey) => [apiKey],
  headers: connectHeaders,
  rows: connectRows,
  configure: (read, context, problems) => {
    const options: ConnectInputs = {
      bundle: readBundle(read(BUNDLE), context, problems),
      tags: readTags(read(TAG), context, problems),
      olderThan: parseOlderThan(read(OLDER_THAN), context, problems),
      content: readContentChoice(read, context, problems),
    };
    return { options, client: (http, plan) => new ConnectJobs(http, plan, options) };
  },
};

function readBundle(text: string, context: FilterContext, problems: Problems) {
  if (!filterAllowed(BUNDLE, text, context, problems)) return null;
  const bundle = parseBundle(text);
  if (bundle === null) problems.expected(BUNDLE, text, BUNDLE_EXPECTED);
  return bundle;
}

function readTags(text: string, context: FilterContext, problems: Problems): string[] {
  if (!filterAllowed(TAG, text, context, problems)) return [];
  const { tags, bad } = parseTags(text);
  // Separators alone (an expression that came out empty) must not widen the selection.
  if (tags.length === 0 && bad.length === 0) problems.expected(TAG, text, TAG_EXPECTED);
  if (bad.length > 0) {
    const shown = someOf(bad.map(quote));
    const verb = bad.length === 1 ? 'is not a tag' : 'are not tags';
    problems.add(`${TAG}: ${shown} ${verb}; expected ${TAG_EXPECTED}`);
  }
  return tags;
}
