/**
 * JSON from a server, read with bounds. JSON.parse itself has none: an answer nested 200,000
 * levels deep either overflows the stack or yields a value that overflows it later (in
 * JSON.stringify of the rows), and an integer above 2^53 is silently rounded to another job's
 * id. No kept library bounds depth and keeps the digits at the speed of the built-in parser,
 * so this is a small pre-pass over the text plus JSON.parse.
 */

/** Deepest nesting kept; deeper arrays and objects become null. No API answer comes close. */
export const MAX_DEPTH = 64;
// An integer of 16+ digits may be beyond 2^53: only then is the slower reviver needed.
const LONG_INTEGER = /\d{16}/;
const BOM = '\uFEFF';

/**
 * Parses `text` as JSON; undefined when it is not JSON. Arrays and objects nested deeper than
 * `maxDepth` are replaced by null (the rest of the answer stays readable). Integers that are
 * not safe (above 2^53 - 1) come back as their digits, a string, so they are never mistaken
 * for the number they round to.
 */
export function parseJson(text: string, maxDepth = MAX_DEPTH): unknown {
  // RFC 8259 lets a reader ignore a byte order mark; JSON.parse refuses one.
  const json = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  if (json.trim() === '') return undefined;
  try {
    const bounded = cutDeepValues(json, maxDepth);
    return LONG_INTEGER.test(bounded) ? JSON.parse(bounded, keepLongIntegers) : JSON.parse(bounded);
  } catch {
    return undefined;
  }
}

function keepLongIntegers(
  this: unknown,
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source) {
    return /^-?\d+$/.test(context.source) ? context.source : value;
  }
  return value;
}

/**
 * The text with every array or object deeper than `maxDepth` replaced by `null`. Skips
 * strings (brackets in them do not count); malformed text is left for JSON.parse to refuse.
 */
export function cutDeepValues(text: string, maxDepth: number): string {
  // The regex engine jumps from one structural character to the next, which keeps this pass
  // several times faster than a loop over every character. (A regex matching whole strings
  // would be shorter, but it overflows the stack on a string of a million escapes.)
  const structural = /["\\[\]{}]/g;
  const parts: string[] = [];
  let from = 0;
  let depth = 0;
  let cutAt = -1;
  let inString = false;
  // `test` and `lastIndex` rather than `exec`: no match object per character, which on a list
  // of thousands of items is millions of objects for the collector.
  while (structural.test(text)) {
    const at = structural.lastIndex - 1;
    const c = text[at];
    if (c === '\\') {
      // Only inside strings; skip the escaped character.
      if (inString) structural.lastIndex = at + 2;
    } else if (c === '"') {
      inString = !inString;
    } else if (inString) {
      continue;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth === maxDepth + 1) cutAt = at;
    } else {
      if (depth === maxDepth + 1 && cutAt >= 0) {
        parts.push(text.slice(from, cutAt), 'null');
        from = at + 1;
        cutAt = -1;
      }
      depth--;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}
