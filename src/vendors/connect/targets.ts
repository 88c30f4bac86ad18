import type { Problems } from '../../shared/problems.js';
import type { FilterContext } from '../../shared/selection.js';
import { quote } from '../../shared/text.js';
import { splitList } from '../../shared/values.js';
import { httpUrl } from '../kit.js';
import type { Target } from '../vendor.js';
import { bundleIdOf, contentGuid, GUID, TARGET_EXPECTED, type ContentChoice } from './selection.js';

/** `target`'s value for every content item the key can see. */
export const ALL_ITEMS = 'all';
export const CONTENT_TAG = 'content-tag';
export const CONTENT_NAME = 'content-name';

export const TARGETS_EXPECTED = `${TARGET_EXPECTED}; several, separated by commas, spaces or newlines; or \`all\` for every content item the key can see`;

/** One content item `target` names, and the bundles of the draft URLs that named it. */
export interface TargetItem {
  guid: string;
  /** Bundle ids of draft URLs (a pull request's preview) of this item; empty: the whole item. */
  drafts: readonly string[];
}

/**
 * The content items a run reads: the ones `target` names, in order, all the key can see, or,
 * with `pull-request` and no item given, the ones that pull request's trusted deploy comments
 * name on this server (known once the comments are read).
 */
export type Targets =
  | { kind: 'all' }
  | { kind: 'items'; items: readonly TargetItem[] }
  | { kind: 'commented'; pull: number };

/** `target` read once: its text for people, and its content items. */
export type ConnectTarget = Target & Targets;

// connect-actions' preview URL, `{server}/connect/#/apps/{guid}/draft/{bundle}`, exactly.
const DRAFT_URL = new RegExp(`^https?://[^\\s#]+#/apps/(${GUID})/draft/(\\d{1,30})$`, 'i');
// A token that means a draft: a path (or fragment) segment `draft`.
const LOOKS_LIKE_DRAFT = /\/draft(?:[/?#]|$)/i;

/**
 * `target` read: one content GUID or URL; several (duplicates collapse, first place kept),
 * each draft URL narrowing its own item to its own bundle; or `all`. `bad` names the token
 * that is none of these: a draft-looking URL that is not exactly a draft's is never read as
 * its whole item, which would widen the selection to production's jobs.
 */
export function parseTargets(text: string): ConnectTarget | { bad: string } {
  const tokens = splitList(text);
  const [first] = tokens;
  if (tokens.length === 1 && first !== undefined && /^all$/i.test(first)) {
    return { kind: 'all', text: ALL_ITEMS };
  }
  if (tokens.length === 0) return { bad: text };
  // `all` among others: that token is the one to name.
  const all = tokens.find((token) => /^all$/i.test(token));
  if (all !== undefined) return { bad: all };
  const items = new Map<string, { guid: string; drafts: string[] }>();
  for (const token of tokens) {
    const item = targetItem(token);
    if (item === null) return { bad: token };
    const seen = items.get(item.guid);
    // The whole item and a draft of it: which one was meant cannot be told.
    if (seen && (seen.drafts.length === 0) !== (item.drafts.length === 0)) return { bad: token };
    if (seen) seen.drafts.push(...item.drafts.filter((id) => !seen.drafts.includes(id)));
    else items.set(item.guid, { guid: item.guid, drafts: [...item.drafts] });
  }
  const read = [...items.values()];
  return { kind: 'items', items: read, text: read.map((item) => item.guid).join(',') };
}

/** A GUID, a content URL holding exactly one, or a draft URL (its GUID and bundle). */
function targetItem(token: string): { guid: string; drafts: string[] } | null {
  if (LOOKS_LIKE_DRAFT.test(token)) {
    const [, guid, bundle] = DRAFT_URL.exec(token) ?? [];
    const id = bundleIdOf(bundle);
    return guid !== undefined && id !== null && httpUrl(token) !== null
      ? { guid: guid.toLowerCase(), drafts: [id] }
      : null;
  }
  const guid = contentGuid(token);
  return guid === null ? null : { guid, drafts: [] };
}

/** The content GUIDs of the targets, in order (none for `all`). */
export function guidsOf(targets: Targets): string[] {
  return targets.kind === 'items' ? targets.items.map((item) => item.guid) : [];
}

/** Content items named whole, by their GUIDs. */
export function itemsOf(guids: readonly string[]): Targets {
  return { kind: 'items', items: guids.map((guid) => ({ guid, drafts: [] })) };
}

/**
 * The target when none is given (no `target`, no deployment file): with `pull-request`, the
 * content items its deploy comments name; null where an item is needed. An invalid number is
 * the `pull-request` input's own problem.
 */
export function commentedTarget(pullRequest: string): ConnectTarget | null {
  if (!/^[1-9]\d{0,9}$/.test(pullRequest)) return null;
  const pull = Number(pullRequest);
  return { kind: 'commented', pull, text: `the content items #${pull}'s deploy comments name` };
}

/**
 * What in the inputs reaches past one content item, which a keyless sign-in cannot serve:
 * Trusted Publishing's key is for the one item whose trusted publisher signed it in. Null when
 * the run stays within one item.
 */
export function beyondOneItem(target: Targets | null, content: ContentChoice): string | null {
  const reach = [
    target?.kind === 'all' && '`target: all`',
    target !== null && guidsOf(target).length > 1 && 'several content items in `target`',
    content.tags.length > 0 && `\`${CONTENT_TAG}\``,
    content.names.length > 0 && `\`${CONTENT_NAME}\``,
  ].filter((part): part is string => part !== false);
  return reach.length === 0 ? null : reach.join(' with ');
}

/**
 * Several content items, or all, are for `keys: all` only: explicit keys are the jobs of one
 * content item. Reads `content-tag` and `content-name`, which narrow `target: all` only.
 */
export function readContentChoice(
  read: (name: string) => string,
  context: FilterContext,
  problems: Problems,
  target: Targets | null,
): ContentChoice {
  const all = target?.kind === 'all';
  if (target !== null && (all || guidsOf(target).length > 1) && !context.all) {
    problems.add(
      'target: several content items or `all` go with `keys: all`; explicit keys are the jobs of one content item',
    );
  }
  return {
    // A tag's name may hold spaces ("Internal Solutions"): tags are separated by commas or
    // newlines only.
    tags: readNames(CONTENT_TAG, read(CONTENT_TAG), all, /[,\n]/, problems),
    names: readNames(CONTENT_NAME, read(CONTENT_NAME), all, /[\s,]+/, problems),
  };
}

function readNames(
  input: string,
  text: string,
  all: boolean,
  separator: RegExp,
  problems: Problems,
): string[] {
  if (text === '') return [];
  if (!all) {
    problems.add(
      `${input}: only with \`target: all\`; it narrows the content items the scan reads`,
    );
    return [];
  }
  const names = [...new Set(text.split(separator).map((name) => name.trim()))].filter(Boolean);
  // Separators alone (an expression that came out empty) must not widen the scan to every item.
  if (names.length === 0) problems.add(`${input}: got ${quote(text)}, no name in it`);
  return names;
}
