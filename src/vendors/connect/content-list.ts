import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { listPages, PageBudget } from '../../http/pager.js';
import { RunStopped } from '../../shared/failures.js';
import { count, sentence } from '../../shared/text.js';
import { asRecord, shownValue, textOf } from '../kit.js';
import { describeAnswer } from './answers.js';
import { bundleIdOf, UUID } from './selection.js';
import type { ContentChoice } from './selection.js';

// `target: all`: the content items the key can see, narrowed by `content-tag` and
// `content-name`, before the scan reads each one's jobs.

// `GET v1/content` is one answer, not paged: about 1.5 kB an item in full, tags more. The
// cap of other answers (10 MB) would refuse a server of 7,000 items.
export const CONTENT_LIST_MAX_BYTES = 64 * 1024 * 1024;

/** The listed content items (`GET v1/content`), narrowed by tag and name, and the odd ones. */
export interface ContentList {
  items: ContentItem[];
  /** Items listed under a GUID that is not one, as shown: never a path. */
  odd: string[];
  /** For the log: "Listed 2,000 content item(s), 1,500 of them tagged prod". */
  said: string;
}

/**
 * Every content item the key can see, checked like a typed GUID before it names a URL, each
 * once, kept only when it carries one of `choice.tags` and has one of `choice.names`.
 */
export async function listContent(
  http: HttpClient,
  choice: ContentChoice,
  check: ServerWideCheck,
  signal: AbortSignal,
): Promise<ContentList> {
  const listed = new Map<string, ContentItem>();
  const odd = new Set<string>();
  const chosen = new Set<string>();
  await listPages(
    http,
    {
      what: 'the content items',
      noun: 'content item',
      path: 'v1/content',
      query: choice.tags.length > 0 ? { include: 'tags' } : {},
      // One answer: only a `Link: rel="next"` would page it.
      offset: { param: 'offset', pageSize: Infinity },
      maxBodyBytes: CONTENT_LIST_MAX_BYTES,
      check,
      describe: describeAnswer,
      fail: (why) =>
        new RunStopped(
          sentence(`Could not list the content items: ${why}; nothing was terminated`),
          'listing the content items failed',
        ),
      // The server's value as text, cut short: it only ever names an error row.
      idOf: (item) =>
        (typeof item.guid === 'string' ? item.guid.toLowerCase() : shownValue(item.guid)).slice(
          0,
          100,
        ),
      onItem: (item, id) => {
        if (!UUID.test(id)) return void odd.add(id);
        if (listed.has(id)) return;
        listed.set(id, { guid: id, title: textOf(item.title), bundle: bundleIdOf(item.bundle_id) });
        if (isChosen(item, choice)) chosen.add(id);
      },
    },
    new PageBudget(),
    signal,
  );
  const items = [...listed.values()].filter((item) => chosen.has(item.guid));
  return { items, odd: [...odd], said: describeList(listed.size + odd.size, items.length, choice) };
}

/** The item carries one of the tags (by name, exactly) and has one of the names, where given. */
export function isChosen(item: Record<string, unknown>, { tags, names }: ContentChoice): boolean {
  const tagged =
    Array.isArray(item.tags) &&
    item.tags.some((tag) => {
      const name = asRecord(tag)?.name;
      return typeof name === 'string' && tags.includes(name);
    });
  const named = typeof item.name === 'string' && names.includes(item.name);
  return (tags.length === 0 || tagged) && (names.length === 0 || named);
}

export function describeList(
  listed: number,
  chosen: number,
  { tags, names }: ContentChoice,
): string {
  const by = [
    tags.length > 0 ? `tagged ${tags.join(' or ')}` : '',
    names.length > 0 ? `named ${names.join(' or ')}` : '',
  ].filter(Boolean);
  const narrowed = by.length > 0 ? `, ${count(chosen)} of them ${by.join(' and ')}` : '';
  return `Listed ${count(listed)} content item(s)${narrowed}`;
}

/** A content item to scan: its GUID, and what is known of it (`undefined`: not read). */
export interface ContentItem {
  guid: string;
  title: string | null;
  /** The active bundle id; null when the item names none, undefined when not read. */
  bundle: string | null | undefined;
}

/** An answer that holds for every item (a refused key, no jobs API): throws to stop the run. */
export type ServerWideCheck = (response: ApiResponse, call: string) => void;
