import { olderThan, type Duration, type JobFilter, type Reason } from '../../shared/selection.js';
import { be, have } from '../../shared/text.js';
import { splitList } from '../../shared/values.js';
import { httpUrl } from '../kit.js';

/**
 * `bundle`: the jobs not on the content's active bundle, or those on one bundle; or, from
 * draft URLs in `target`, each drafted item's jobs on its drafts' bundles.
 */
export type BundleChoice =
  | { kind: 'previous' }
  | { kind: 'id'; id: string }
  | { kind: 'drafts' }
  | { kind: 'pull-request'; pull: number };

/**
 * What a job's bundle (not its item's active one) was found to be by previews.ts, for
 * `bundle: previous` and `pull-request`: a version live before, a pull request's preview, a
 * bundle newer than the active one (a draft or a version rolled back from), or unproven.
 */
export type BundleKind =
  | { kind: 'previous' }
  | { kind: 'preview'; pulls: readonly number[] }
  | { kind: 'newer' }
  | { kind: 'unproven'; why: string; fix: string };

/** The field of a listed job that carries its BundleKind. */
export const BUNDLE_KIND = 'bundle_kind';

export const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_ANYWHERE = new RegExp(GUID, 'gi');
/** A content GUID, any case. */
export const UUID = new RegExp(`^${GUID}$`, 'i');
const TAG = /^[A-Za-z0-9_]+$/;

/** The input messages, one place. */
export const TARGET_EXPECTED =
  'the content GUID (a UUID like 951bf3ad-82d0-4bca-bba8-9b27e35c49fa), an http(s) URL of the content with exactly one content GUID, or a draft URL exactly like {server}/connect/#/apps/{guid}/draft/{bundle id}';
export const BUNDLE_EXPECTED = '`previous` or a bundle id (digits, like 127015)';

/**
 * The content GUID from `target`: the GUID itself, or an http(s) URL that holds exactly one
 * (the dashboard's `…/connect/#/apps/{guid}/access`, the content's `…/content/{guid}/`). The
 * URL's host is not used: requests go to `server`. Null when there is not exactly one.
 */
export function contentGuid(target: string): string | null {
  if (UUID.test(target)) return target.toLowerCase();
  if (httpUrl(target) === null) return null;
  // The same GUID written twice is still one content item.
  const guids = new Set([...target.matchAll(UUID_ANYWHERE)].map(([guid]) => guid.toLowerCase()));
  return guids.size === 1 ? ([...guids][0] as string) : null;
}

/** `previous` (any case) or a bundle id; null for anything else. */
export function parseBundle(text: string): BundleChoice | null {
  if (/^previous$/i.test(text)) return { kind: 'previous' };
  const id = bundleIdOf(text);
  return id === null ? null : { kind: 'id', id };
}

/** Tags separated like keys; the ones that are not tags are returned apart. */
export function parseTags(text: string): { tags: string[]; bad: string[] } {
  const tokens = splitList(text);
  return {
    tags: [...new Set(tokens.filter((token) => TAG.test(token)))],
    bad: tokens.filter((token) => !TAG.test(token)),
  };
}

/**
 * A bundle id in one spelling, so that `"0127015"`, `"127015"` and `127015` compare equal;
 * null when the value is no id. Kept as text: ids are compared, never computed with.
 */
export function bundleIdOf(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== 'string' || !/^\d{1,30}$/.test(value)) return null;
  const id = value.replace(/^0+/, '');
  return id === '' ? null : id;
}

/** `bundle: previous`: leaves out the jobs on the active bundle, and those that name none. */
export function notOnBundle(active: string, previews = false): JobFilter {
  return notOnActive(() => active, `the active bundle ${active}`, previews);
}

/**
 * `bundle: previous` over several content items: each job against the active bundle of its
 * own item (`active_bundle`, read during the scan). The jobs of an item that names none are
 * left alone: nothing shows which version is previous.
 */
export function notOnItemsActiveBundle(previews = false): JobFilter {
  return notOnActive((job) => job.active_bundle, "their content item's active bundle", previews);
}

function notOnActive(
  activeOf: (job: Record<string, unknown>) => unknown,
  active: string,
  previews: boolean,
): JobFilter {
  const onActive: Reason = { clause: (count) => `${count} ${be(count)} on ${active}` };
  // A job whose bundle cannot be read is not proven to run the previous version.
  const unreadable: Reason = {
    clause: (count) => `${count} ${have(count)} no readable bundle_id`,
  };
  const noActive: Reason = {
    clause: (count) => `${count} ${be(count)} of a content item that names no active bundle`,
  };
  const spared = sparedReasons();
  return {
    keeps: `not on ${active}${previews ? ', nor on a preview' : ''}`,
    reason: onActive,
    leftOut(job) {
      const current = bundleIdOf(activeOf(job));
      if (current === null) return noActive;
      const bundle = bundleIdOf(job.bundle_id);
      if (bundle === null) return unreadable;
      if (bundle === current) return onActive;
      // Only a bundle proven to have been live before is stopped (previews.ts judged it).
      const kind = (job[BUNDLE_KIND] as BundleKind | undefined)?.kind ?? 'unproven';
      return kind === 'previous' ? null : spared[kind];
    },
  };
}

/** Why `bundle: previous` leaves a job on a bundle that is not the active one running. */
function sparedReasons(): Record<Exclude<BundleKind['kind'], 'previous'>, Reason> {
  return {
    preview: { clause: (count) => `${count} ${be(count)} on a pull request's preview` },
    newer: {
      clause: (count) =>
        `${count} ${be(count)} on a bundle newer than the active one (a draft, or a version rolled back from)`,
    },
    unproven: {
      clause: (count) => `${count} ${be(count)} on a bundle that may be a preview (nothing tells)`,
    },
  };
}

/** `pull-request: N`: keeps the jobs on that pull request's previews (previews.ts judged them). */
export function onPreviewOf(pull: number): JobFilter {
  const reason: Reason = {
    clause: (count) => `${count} ${be(count)} not on a preview of #${pull}`,
  };
  return {
    keeps: `on a preview of pull request #${pull}`,
    reason,
    leftOut(job) {
      const kind = job[BUNDLE_KIND] as BundleKind | undefined;
      return kind?.kind === 'preview' && kind.pulls.includes(pull) ? null : reason;
    },
  };
}

/** `bundle: <id>`: keeps that bundle's jobs. */
export function onBundle(id: string): JobFilter {
  const reason: Reason = { clause: (count) => `${count} ${be(count)} not on bundle ${id}` };
  return {
    keeps: `on bundle ${id}`,
    reason,
    leftOut: (job) => (bundleIdOf(job.bundle_id) === id ? null : reason),
  };
}

/**
 * Draft URLs in `target`: the jobs of an item named by a draft URL are kept only on that
 * draft's bundle (`draft_bundles`, from the listing); an item named whole keeps all its jobs.
 */
export function onDraftBundles(): JobFilter {
  const reason: Reason = {
    clause: (count) => `${count} ${be(count)} not on the bundle of their item's draft URL`,
  };
  return {
    keeps: "on the bundle of their item's draft URL where target names one",
    reason,
    leftOut(job) {
      const drafts = Array.isArray(job.draft_bundles) ? (job.draft_bundles as unknown[]) : [];
      if (drafts.length === 0) return null;
      const bundle = bundleIdOf(job.bundle_id);
      return bundle !== null && drafts.includes(bundle) ? null : reason;
    },
  };
}

/** `tag`: keeps the jobs whose tag is one of these, compared exactly. */
export function taggedAs(tags: readonly string[]): JobFilter {
  const names = tags.join(' or ');
  const reason: Reason = { clause: (count) => `${count} ${be(count)} not tagged ${names}` };
  return {
    keeps: `tagged ${names}`,
    reason,
    leftOut: (job) => (typeof job.tag === 'string' && tags.includes(job.tag) ? null : reason),
  };
}

/**
 * What narrows `keys: all` on Connect (the inputs `bundle`, `tag`, `older-than`), and
 * `target: all` (`content-tag`, `content-name`).
 */
export interface ConnectInputs {
  bundle: BundleChoice | null;
  tags: readonly string[];
  olderThan: Duration | null;
  content: ContentChoice;
}

/** Explicit keys: nothing narrows them. */
export const NO_FILTERS: ConnectInputs = {
  bundle: null,
  tags: [],
  olderThan: null,
  content: { tags: [], names: [] },
};

/**
 * The filters of `keys: all`: bundle, then tag, then age (the order the log counts them in).
 * `bundle: previous` compares with the active bundle: one item's, read once (`activeBundle`),
 * or with several items each job's own item's, read during the scan.
 */
export async function connectFilters(
  inputs: ConnectInputs,
  severalItems: boolean,
  activeBundle: () => Promise<string>,
  /** The server may hold pull requests' previews (drafts). */
  previews = false,
): Promise<JobFilter[]> {
  const { bundle, tags, olderThan: age } = inputs;
  const filters: JobFilter[] = [];
  // Both compare with the active bundle: the single item's is read now (and kept by the
  // client for its jobs' records), several items' during the scan.
  if (bundle?.kind === 'previous') {
    filters.push(
      severalItems ? notOnItemsActiveBundle(previews) : notOnBundle(await activeBundle(), previews),
    );
  }
  if (bundle?.kind === 'pull-request' && !severalItems) await activeBundle();
  if (bundle?.kind === 'id') filters.push(onBundle(bundle.id));
  if (bundle?.kind === 'drafts') filters.push(onDraftBundles());
  if (bundle?.kind === 'pull-request') filters.push(onPreviewOf(bundle.pull));
  if (tags.length > 0) filters.push(taggedAs(tags));
  if (age) filters.push(olderThan(age, (job) => job.start_time));
  return filters;
}

/** What narrows `target: all`: content items carrying one of the tags, or of one of the names. */
export interface ContentChoice {
  tags: readonly string[];
  names: readonly string[];
}
