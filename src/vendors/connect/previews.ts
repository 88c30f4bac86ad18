import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import type { CommentsRead, GitHubReader } from '../../github/comments.js';
import { RunStopped } from '../../shared/failures.js';
import { mapLimited } from '../../shared/pool.js';
import type { Listed } from '../../shared/selection.js';
import type { Log } from '../../shared/log.js';
import { count, someOf, sentence } from '../../shared/text.js';
import type { Notice } from '../vendor.js';
import {
  DRAFTS_SINCE,
  draftsPossible,
  newerBundle,
  readBundles,
  type BundleListing,
} from './bundles.js';
import { previewBundles, type PreviewBundles } from './preview-comments.js';
import type { ConnectRow } from './rows.js';
import { BUNDLE_KIND, bundleIdOf, type BundleChoice, type BundleKind } from './selection.js';

// Which of a content item's bundles are a pull request's preview, for `bundle: previous`
// (never one) and `pull-request` (exactly that one's). In order of trust: the bundle's deploy
// metadata, the trusted deploy comments of the pull requests, and (for `previous`) the bundle's
// age: one newer than the active bundle is a draft or a version rolled back from. What none of
// them proves is left running, and said.

/** What is asked: the versions live before (`previous`), or one pull request's previews. */
export type PreviewQuestion = { kind: 'previous' } | { kind: 'pull-request'; pull: number };

/** The question the inputs ask, or null when the bundles need no judging. */
export function previewQuestion(inputs: { bundle: BundleChoice | null }): PreviewQuestion | null {
  const { bundle } = inputs;
  if (bundle?.kind === 'previous') return { kind: 'previous' };
  return bundle?.kind === 'pull-request' ? { kind: 'pull-request', pull: bundle.pull } : null;
}

/** The server under its API root (`https://host/prefix/__api__/` → `https://host/prefix`). */
export function serverOf(root: string): string {
  return root.replace(/\/__api__\/?$/, '');
}

/** What judging needs of the client. */
export interface PreviewSources {
  http: HttpClient;
  check: (response: ApiResponse, call: string) => void;
  /** The server's version ('' when it hides it). */
  version: string;
  /** The server as `server` names it, to match the deploy comments' preview URLs. */
  server: string;
  github: GitHubReader | undefined;
  concurrency: number;
  log?: Log;
  /** The deploy comments read once for the run (commentsOnce), where others need them too. */
  comments?: () => Promise<PreviewBundles | Unread>;
}

/** A job on a bundle that is not its item's active one. */
interface Candidate {
  guid: string;
  bundle: string;
  active: string;
  job: Record<string, unknown>;
}

// What tells previews apart, for the fix: the comments (the reader says how to read them), or
// the bundles' own metadata.
const COMMENTS_FIX = 'give the job `permissions: pull-requests: read`';
const METADATA_FIX =
  'or deploy with posit-dev/connect-actions to Connect 2025.12.0 or later (its bundles carry the pull request in their metadata)';

/** The fix after `why`: how to read the comments (the reader's words), or the metadata. */
function fixOf(readerFix: string): string {
  const fix = readerFix || COMMENTS_FIX;
  return `${fix.charAt(0).toUpperCase()}${fix.slice(1)} (the deploy comments then tell), ${METADATA_FIX}.`;
}

/**
 * Marks every listed job on a bundle other than its item's active one with its BundleKind;
 * returns what was left running for people (the log, the summary, a warning where nothing could
 * tell). Reads each such item's bundle listing once, and the deploy comments once, only when
 * the metadata leaves a bundle unproven.
 */
export async function judgeBundles(
  listed: readonly Listed<ConnectRow>[],
  question: PreviewQuestion,
  signal: AbortSignal,
  sources: PreviewSources,
): Promise<Notice[]> {
  const candidates = candidatesOf(listed);
  if (!draftsPossible(sources.version)) {
    for (const { job } of candidates) job[BUNDLE_KIND] = { kind: 'previous' } satisfies BundleKind;
    return question.kind === 'previous'
      ? []
      : [
          {
            text: `Connect ${sources.version} has no drafts (${DRAFTS_SINCE} and later): no previews to stop.`,
            warning: false,
          },
        ];
  }
  if (candidates.length === 0) return [];
  const listings = await readListings(candidates, sources, signal);
  const comments = sources.comments ?? commentsOnce(question, sources, signal);
  const kinds: Judged[] = [];
  for (const candidate of candidates) {
    const kind = await kindOf(candidate, listings, comments, question);
    candidate.job[BUNDLE_KIND] = kind;
    kinds.push({ candidate, kind });
  }
  return noticesOf(kinds, question);
}

/** A candidate with the kind judged of its bundle. */
interface Judged {
  candidate: Candidate;
  kind: BundleKind;
}

function candidatesOf(listed: readonly Listed<ConnectRow>[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { row, job } of listed) {
    if (job === null || row.app_guid === null) continue;
    const bundle = bundleIdOf(job.bundle_id);
    const active = bundleIdOf(job.active_bundle);
    if (bundle !== null && active !== null && bundle !== active) {
      candidates.push({ guid: row.app_guid, bundle, active, job });
    }
  }
  return candidates;
}

/** Each item's bundle listing, once, `concurrency` at once. */
async function readListings(
  candidates: readonly Candidate[],
  { http, check, concurrency }: PreviewSources,
  signal: AbortSignal,
): Promise<Map<string, BundleListing>> {
  const guids = [...new Set(candidates.map((candidate) => candidate.guid))];
  const listings = await mapLimited(guids, concurrency, (guid) =>
    readBundles(http, guid, signal, check),
  );
  return new Map(guids.map((guid, i) => [guid, listings[i] as BundleListing]));
}

/**
 * The deploy comments that bear on the question, read on first use and then shared (only if
 * needed; one read for the run when several steps ask).
 */
export function commentsOnce(
  question: PreviewQuestion,
  sources: PreviewSources,
  signal: AbortSignal,
): () => Promise<PreviewBundles | Unread> {
  return once(() => readComments(question, sources, signal));
}

/** The deploy comments that bear on the question, parsed; or why they could not be read. */
async function readComments(
  question: PreviewQuestion,
  { github, server, log }: PreviewSources,
  signal: AbortSignal,
): Promise<PreviewBundles | Unread> {
  const read: CommentsRead = github
    ? await (question.kind === 'previous'
        ? github.openPullRequestComments(signal)
        : github.pullRequestComments(question.pull, signal))
    : { readable: false, reason: 'no GitHub token', fix: '', requests: 0 };
  if (!read.readable) {
    return { unreadable: `the deploy comments could not be read (${read.reason})`, fix: read.fix };
  }
  const found = previewBundles(read.comments, server);
  const ignored = [...found.ignored].map(([why, n]) => `${n} ${why}`);
  if (ignored.length > 0) {
    log?.info(
      `Deploy comments left out (${someOf(ignored)}): only trusted comments for this server count.`,
    );
  }
  return found;
}

/** Why the deploy comments could not be read, and what the reader says to do. */
export interface Unread {
  unreadable: string;
  fix: string;
}

async function kindOf(
  { guid, bundle, active }: Candidate,
  listings: Map<string, BundleListing>,
  comments: () => Promise<PreviewBundles | Unread>,
  question: PreviewQuestion,
): Promise<BundleKind> {
  const listing = listings.get(guid);
  const metadata = listing && 'metadata' in listing ? listing.metadata.get(bundle) : undefined;
  if (metadata !== undefined) {
    return metadata.pull === null
      ? { kind: 'previous' }
      : { kind: 'preview', pulls: metadata.pull === 0 ? [] : [metadata.pull] };
  }
  if (question.kind === 'previous' && newerBundle(bundle, active)) return { kind: 'newer' };
  const found = await comments();
  if ('unreadable' in found) {
    const unlisted = listing && 'unreadable' in listing ? `; ${listing.unreadable}` : '';
    const why = `no deploy metadata${unlisted}, and ${found.unreadable}`;
    if (question.kind === 'previous') return { kind: 'unproven', why, fix: fixOf(found.fix) };
    throw new RunStopped(
      `Could not tell which bundles of content ${guid} are previews of #${question.pull}: bundle ${bundle} has ${sentence(why)} Nothing was terminated. ${fixOf(found.fix)}`,
      `the previews of #${question.pull} could not be told`,
    );
  }
  const pulls = found.bundles.get(guid)?.get(bundle);
  return pulls === undefined ? { kind: 'previous' } : { kind: 'preview', pulls };
}

/** What was left running, for people: previews (counted by pull request), newer, unproven. */
function noticesOf(kinds: readonly Judged[], question: PreviewQuestion): Notice[] {
  const notices: Notice[] = [];
  // `pull-request` selects previews: the filter's line counts those of other pull requests.
  const previews = kinds.filter(
    ({ kind }) => kind.kind === 'preview' && question.kind === 'previous',
  );
  if (previews.length > 0) {
    const pulls = new Set(
      previews.flatMap(({ kind }) => (kind.kind === 'preview' ? kind.pulls : [])),
    );
    const of =
      pulls.size === 0
        ? 'pull requests'
        : someOf([...pulls].sort((a, b) => a - b).map((n) => `#${n}`));
    notices.push({
      text: `${count(previews.length)} job(s) on previews of ${of} left running: \`bundle: previous\` never stops a preview.`,
      warning: false,
    });
  }
  const bundlesOf = (wanted: BundleKind['kind']): string[] => [
    ...new Set(
      kinds
        .filter(({ kind }) => kind.kind === wanted)
        .map(({ candidate }) => `${candidate.bundle} (content ${candidate.guid})`),
    ),
  ];
  const newer = bundlesOf('newer');
  if (newer.length > 0) {
    const jobs = kinds.filter(({ kind }) => kind.kind === 'newer').length;
    notices.push({
      text: `${count(jobs)} job(s) on bundles newer than their item's active one left running, ${someOf(newer)}: each is a draft or a version rolled back from, and nothing shows which; \`bundle: {id}\` stops the jobs of one bundle.`,
      warning: false,
    });
  }
  const unproven = kinds.filter(({ kind }) => kind.kind === 'unproven');
  if (unproven.length > 0) {
    const { why, fix } = unproven[0]?.kind as { why: string; fix: string };
    notices.push({
      text: `${count(unproven.length)} job(s) on bundles ${someOf(bundlesOf('unproven'))} left running: this server may hold pull requests' previews (Connect 2025.06.0 and later) and nothing tells whether these bundles are: ${why}. ${fix}`,
      warning: true,
    });
  }
  return notices;
}

/** `make`'s promise, made on first use and then shared (the comments: read only if needed). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
