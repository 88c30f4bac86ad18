import { quote } from '../../shared/text.js';
import type { Problems } from '../../shared/problems.js';
import type { FilterContext } from '../../shared/selection.js';
import { splitList } from '../../shared/values.js';
import { contentGuid, TARGET_EXPECTED } from './selection.js';

/** `target`'s value for every content item the key can see. */
export const ALL_ITEMS = 'all';
export const CONTENT_TAG = 'content-tag';
export const CONTENT_NAME = 'content-name';

export const TARGETS_EXPECTED = `${TARGET_EXPECTED}; several, separated by commas, spaces or newlines; or \`all\` for every content item the key can see`;

/** The content items a run reads: the ones `target` names, in order, or all the key can see. */
export type Targets = { kind: 'all' } | { kind: 'items'; guids: readonly string[] };

/** What narrows `target: all`: content items carrying one of the tags, or of one of the names. */
export interface ContentChoice {
  tags: readonly string[];
  names: readonly string[];
}

/**
 * `target` normalised: one content GUID; several, joined by commas (duplicates collapse, first
 * place kept); or `all`. Null when a token is neither, or `all` is not alone.
 */
export function parseTargets(text: string): string | null {
  const tokens = splitList(text);
  const [first] = tokens;
  if (tokens.length === 1 && first !== undefined && /^all$/i.test(first)) return ALL_ITEMS;
  const guids = tokens.map(contentGuid);
  if (guids.length === 0 || guids.includes(null)) return null;
  return [...new Set(guids)].join(',');
}

/** The targets of a normalised `target`. */
export function targetsOf(target: string): Targets {
  return target === ALL_ITEMS ? { kind: 'all' } : { kind: 'items', guids: splitList(target) };
}

/**
 * Several content items, or all, are for `keys: all` only: explicit keys are the jobs of one
 * content item. Reads `content-tag` and `content-name`, which narrow `target: all` only.
 */
export function readContentChoice(
  read: (name: string) => string,
  context: FilterContext,
  problems: Problems,
): ContentChoice {
  const target = parseTargets(read('target'));
  const all = target === ALL_ITEMS;
  if (target !== null && (all || target.includes(',')) && !context.all) {
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
