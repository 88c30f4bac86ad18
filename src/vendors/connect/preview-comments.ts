import type { IssueComment } from '../../github/comments.js';
import { bundleIdOf, UUID } from './selection.js';

/** What the deploy comments of pull requests say about one server's previews. */
export interface PreviewBundles {
  /** guid -> bundle id -> pull request numbers */
  bundles: Map<string, Map<string, number[]>>;
  /** reason -> count: the comments with the deploy's marker that were not taken, and why. */
  ignored: Map<string, number>;
}

// posit-dev/connect-actions, deploy/action.yml ("Comment preview URL on PR") writes, and its
// cleanup-previews/action.yml reads with these same patterns:
//   **Preview deployed to Connect** (`host`): [{server}/connect/#/apps/{guid}/draft/{bundle}](…)
//   …
//   <!-- preview-bundles:{every bundle the pull request deployed to this item, oldest first} -->
const MARKER = 'Preview deployed to Connect';
const PREVIEW_URL = /(https?:\/\/\S+?)\/connect\/#\/apps\/([^/\s]+)\/draft\/(\d+)/;
const BUNDLE_LIST = /<!-- preview-bundles:([\d,]+) -->/;
// Who connect-actions trusts to have written a deploy comment: the workflow's own token, or a
// custom token of someone who may push. Anyone else could plant one.
const ACTIONS_BOT = 'github-actions[bot]';
const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/** Why a comment with the marker is not taken (the log counts them). */
export const IGNORED = {
  untrusted: 'untrusted author',
  noUrl: 'no preview URL',
  otherServer: 'another server',
  notGuid: 'not a content GUID',
  noBundle: 'no bundle id',
} as const;

/**
 * The preview bundles that trusted deploy comments name on `server`, read by connect-actions'
 * own rules: the first preview URL of the comment gives the server (the text before
 * `/connect/`, compared as origin and path with trailing slashes removed) and the content
 * GUID; the bundles are every id of its `preview-bundles` list, or, without a list, the URL's
 * own. A comment without the marker is no deploy comment and is not counted.
 */
export function previewBundles(comments: readonly IssueComment[], server: string): PreviewBundles {
  const found: PreviewBundles = { bundles: new Map(), ignored: new Map() };
  const ours = serverKey(server);
  for (const comment of comments) {
    if (!comment.body.includes(MARKER)) continue;
    const preview = previewOf(comment, ours);
    if ('ignored' in preview) {
      found.ignored.set(preview.ignored, (found.ignored.get(preview.ignored) ?? 0) + 1);
      continue;
    }
    const byBundle = found.bundles.get(preview.guid) ?? new Map<string, number[]>();
    found.bundles.set(preview.guid, byBundle);
    for (const id of preview.bundles) {
      const pulls = byBundle.get(id) ?? [];
      if (!pulls.includes(comment.issue)) pulls.push(comment.issue);
      byBundle.set(
        id,
        pulls.sort((a, b) => a - b),
      );
    }
  }
  return found;
}

type Preview = { guid: string; bundles: string[] } | { ignored: string };

function previewOf(comment: IssueComment, server: string | null): Preview {
  const trusted = comment.author === ACTIONS_BOT || TRUSTED_ASSOCIATIONS.has(comment.association);
  if (!trusted) return { ignored: IGNORED.untrusted };
  const url = PREVIEW_URL.exec(comment.body);
  if (url === null) return { ignored: IGNORED.noUrl };
  const [, named = '', guid = '', urlBundle = ''] = url;
  if (server === null || serverKey(named) !== server) return { ignored: IGNORED.otherServer };
  if (!UUID.test(guid)) return { ignored: IGNORED.notGuid };
  const list = BUNDLE_LIST.exec(comment.body)?.[1];
  const ids = list === undefined ? [urlBundle] : list.split(',');
  const bundles = [...new Set(ids.map(bundleIdOf).filter((id) => id !== null))];
  if (bundles.length === 0) return { ignored: IGNORED.noBundle };
  return { guid: guid.toLowerCase(), bundles };
}

/**
 * A server as compared: origin (scheme, host in lower case, port unless the default) and
 * path, trailing slashes removed; null when it is no http(s) URL of a server.
 */
function serverKey(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.replace(/\/+$/, ''));
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
