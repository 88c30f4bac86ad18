import { quote, someOf } from '../../shared/text.js';
import type { Problems } from '../../shared/problems.js';
import {
  filterAllowed,
  OLDER_THAN,
  parseOlderThan,
  type FilterContext,
} from '../../shared/selection.js';
import type { KeylessSignIn, VendorModule } from '../vendor.js';
import { ConnectJobs } from './client.js';
import {
  BUNDLE_EXPECTED,
  type BundleChoice,
  type ConnectInputs,
  parseBundle,
  parseTags,
} from './selection.js';
import { DEPLOYMENT_FILE, locateDeployment, PATH } from './deployment.js';
import { connectRows, isJobKey, type ConnectRow } from './rows.js';
import {
  beyondOneItem,
  commentedTarget,
  CONTENT_NAME,
  CONTENT_TAG,
  parseTargets,
  readContentChoice,
  TARGETS_EXPECTED,
  type ConnectTarget,
  type Targets,
} from './targets.js';
import { AUDIENCE, DEFAULT_AUDIENCE, trustedPublishing } from './trusted-publishing.js';

export { ConnectJobs } from './client.js';
export { NO_FILTERS, type ConnectInputs } from './selection.js';
export { compareVersions, MINIMUM_VERSION } from './server.js';
export { connectRows, type ConnectRow } from './rows.js';

const BUNDLE = 'bundle';
const PULL_REQUEST = 'pull-request';
const PULL_EXPECTED =
  'the number of a pull request (a positive whole number, as `${{ github.event.pull_request.number }}` gives)';
const TAG = 'tag';
const TAG_EXPECTED = 'job tags of letters, digits and `_` (like run_app)';
// An audience is a string or URI the trusted publisher names: printable, no spaces.
const AUDIENCE_TEXT = /^[\x21-\x7e]{1,256}$/;

/** Connect's API key header: the word `Key`, a space, the key. */
export function connectHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Key ${apiKey}`, accept: 'application/json' };
}

/** Posit Connect: jobs of content items, named by their keys. */
export const connect: VendorModule<ConnectRow, ConnectTarget> = {
  name: 'posit-connect',
  aliases: ['connect'],
  title: 'Posit Connect',
  apiKeyEnv: 'CONNECT_API_KEY',
  ownInputs: [
    BUNDLE,
    PULL_REQUEST,
    TAG,
    OLDER_THAN,
    CONTENT_TAG,
    CONTENT_NAME,
    AUDIENCE,
    DEPLOYMENT_FILE,
  ],
  example: { target: '951bf3ad-82d0-4bca-bba8-9b27e35c49fa', keys: 'k3sHkEoWJNwQim7g' },
  target: {
    expected: TARGETS_EXPECTED,
    // Connect prints GUIDs in lower case; the rows and the summary say it the same way.
    parse: parseTargets,
    unnamed: (given) => commentedTarget(given(PULL_REQUEST)),
  },
  key: {
    one: 'a job key',
    many: 'job keys',
    expected: 'letters, digits, `-` and `_` (like k3sHkEoWJNwQim7g)',
    parse: (token) => (isJobKey(token) ? token : null),
  },
  server: {
    fallback: serverFallback,
    missing: 'Posit Connect needs the server URL (input `server` or env CONNECT_SERVER)',
    // Users write the server as `https://host`, `https://host/prefix` or with `/__api__`
    // already on it: all mean `{server}/__api__/`.
    apiRoot: (server) => new URL(`${server.replace(/\/__api__$/, '')}/__api__/`),
  },
  locate: (given, env, problems) =>
    locateDeployment(
      {
        target: given(TARGET),
        server: given(SERVER) || serverFallback(env),
        file: given(DEPLOYMENT_FILE),
        path: given(PATH),
        // `pull-request` needs no item: without one, the items its comments name are read.
        targetNeeded: given(PULL_REQUEST) === '',
      },
      env,
      problems,
    ),
  credentials: (apiKey) => [apiKey],
  headers: connectHeaders,
  rows: connectRows,
  configure: (read, context, problems, target) => {
    const pulled = readPullRequest(read, target, context, problems);
    const { bundle, notes } =
      pulled === undefined
        ? readBundle(read(BUNDLE), target, context, problems)
        : { bundle: pulled, notes: [] };
    const options: ConnectInputs = {
      bundle,
      tags: readTags(read(TAG), context, problems),
      olderThan: parseOlderThan(read(OLDER_THAN), context, problems),
      content: readContentChoice(read, context, problems, target),
    };
    // A client is only made once every input is valid, the target included.
    const targets: Targets = target ?? { kind: 'items', items: [] };
    return {
      options,
      client: (http, plan) => new ConnectJobs(http, { ...plan, target: targets }, options),
      keyless: forOneItem(
        trustedPublishing(readAudience(read(AUDIENCE), problems)),
        beyondOneItem(target, options.content),
      ),
      notes,
    };
  },
};

// The common inputs this module reads too: the draft URL in `target`, and the server given
// (and `path`, where the deployment file is looked up).
const TARGET = 'target';
const SERVER = 'server';

function serverFallback(env: NodeJS.ProcessEnv): string {
  return (env.CONNECT_SERVER ?? '').trim();
}

/**
 * `bundle`; or, with `keys: all` and no `bundle`, the bundles of the draft URLs in `target`
 * (connect-actions' `content-url` on a pull request): each drafted item's jobs on its draft's
 * bundle only, said in the log.
 */
function readBundle(
  text: string,
  target: Targets | null,
  context: FilterContext,
  problems: Problems,
): { bundle: BundleChoice | null; notes: string[] } {
  const items = context.all && target?.kind === 'items' ? target.items : [];
  const drafted = items.filter((item) => item.drafts.length > 0);
  const drafts = drafted.map((item) => `${item.guid} (bundle ${item.drafts.join(', ')})`);
  const [only] = drafted;
  if (text === '' && only !== undefined) {
    if (items.length === 1 && only.drafts.length === 1) {
      const id = only.drafts[0] as string;
      const note = `target is a draft of bundle ${id}: only the jobs on bundle ${id} are selected (\`bundle\` chooses otherwise).`;
      return { bundle: { kind: 'id', id }, notes: [note] };
    }
    const note = `target names drafts of ${someOf(drafts)}: of those items only the jobs on those bundles are selected (\`bundle\` chooses otherwise).`;
    return { bundle: { kind: 'drafts' }, notes: [note] };
  }
  if (!filterAllowed(BUNDLE, text, context, problems)) return { bundle: null, notes: [] };
  const bundle = parseBundle(text);
  if (bundle === null) problems.expected(BUNDLE, text, BUNDLE_EXPECTED);
  const notes =
    drafted.length === 0
      ? []
      : [`target names drafts of ${someOf(drafts)}; \`bundle: ${text}\` wins.`];
  return { bundle, notes };
}

/**
 * The keyless sign-in, unavailable where the run reaches past one content item (`reach`): its
 * key could see only one, so the others would fail one by one, after a sign-in for nothing.
 */
function forOneItem(keyless: KeylessSignIn, reach: string | null): KeylessSignIn {
  if (reach === null) return keyless;
  const why = `${reach} cannot use Trusted Publishing, which signs in for one content item: give the API key of an account that may see those items`;
  return { ...keyless, unavailable: () => why };
}

/**
 * `pull-request`: the jobs on that pull request's previews, which `bundle` and a draft URL in
 * `target` choose otherwise (refused together); undefined when the input is empty.
 */
function readPullRequest(
  read: (name: string) => string,
  target: Targets | null,
  context: FilterContext,
  problems: Problems,
): BundleChoice | null | undefined {
  const text = read(PULL_REQUEST);
  if (text === '') return undefined;
  if (!filterAllowed(PULL_REQUEST, text, context, problems)) return null;
  if (read(BUNDLE) !== '') {
    problems.add(
      `${PULL_REQUEST}: not with \`${BUNDLE}\`: both choose the bundles whose jobs stop; give one of them`,
    );
  }
  if (target?.kind === 'items' && target.items.some((item) => item.drafts.length > 0)) {
    problems.add(
      `${PULL_REQUEST}: not with a draft URL in \`${TARGET}\`: both choose the bundles whose jobs stop; give the content item (its GUID) in \`${TARGET}\``,
    );
  }
  if (!/^[1-9]\d{0,9}$/.test(text)) {
    problems.expected(PULL_REQUEST, text, PULL_EXPECTED);
    return null;
  }
  return { kind: 'pull-request', pull: Number(text) };
}

function readAudience(text: string, problems: Problems): string {
  if (text === '') return DEFAULT_AUDIENCE;
  if (!AUDIENCE_TEXT.test(text)) {
    problems.expected(
      AUDIENCE,
      text,
      "the audience of the content's trusted publisher (printable characters without spaces, like connect)",
    );
  }
  return text;
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
