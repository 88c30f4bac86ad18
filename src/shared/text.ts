/**
 * The one place where outside text (server bodies, headers, statuses, ids, echoed inputs) is
 * made safe to print. The runner reads the log as commands: a line that starts with `::`
 * (after trimming) is a workflow command, and `##[` anywhere in a line is one too; control
 * characters drive the terminal of whoever reads the log. GitHub renders the job summary as
 * Markdown with HTML, where a line break or a `[`, `!`, `#` can leave a table cell.
 * `results` never passes through here: it keeps the server's text exactly as it came.
 */

/** Longest message (one log line, one annotation) in characters. */
export const MESSAGE_LIMIT = 1_000;
/** Longest text in one summary cell, in characters, before escaping. */
export const CELL_LIMIT = 300;

// eslint-disable-next-line no-control-regex -- control characters are what this finds
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
// C0 and C1 controls (ESC and CSI start ANSI sequences, NUL cuts logs), DEL, and the
// bidirectional overrides that make a log line read differently from what it says.
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Outside text as one line: line breaks become spaces, then as `safeLine`. */
export function oneLine(text: string, limit = MESSAGE_LIMIT): string {
  return safeLine(text.replace(LINE_BREAK, ' '), limit);
}

/**
 * A message for the log that may span lines of our own making: every line is made safe, and
 * whatever the message, no line can be read by the runner as a command.
 */
export function logSafe(message: string, limit = MESSAGE_LIMIT): string {
  return message
    .split('\n')
    .map((line) => safeLine(line.replace(LINE_BREAK, ' '), limit))
    .join('\n');
}

/** Text for one summary table cell: one line, capped, HTML- and Markdown-escaped. */
export function cellSafe(text: string, limit = CELL_LIMIT): string {
  return markupEscaped(oneLine(text, limit));
}

/** A line already made safe (`oneLine`) with HTML and Markdown escaped, for the summary. */
export function markupEscaped(line: string): string {
  // HTML's five, and what Markdown needs to open a link, an image, a heading, a code span or a
  // table column (`*`, `_`, `(` only format or follow a `[`, so they stay readable).
  return line.replace(/[&<>"'[\]!#`|\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeLine(line: string, limit: number): string {
  let safe = line
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('##[', '## [')
    .replace(/^(\s*):(?=:)/, '$1: ');
  if (safe.length > limit) {
    // Never cut a surrogate pair in half: a lone surrogate is not valid UTF-8.
    const end = /[\ud800-\udbff]/.test(safe.charAt(limit - 2)) ? limit - 2 : limit - 1;
    safe = `${safe.slice(0, end)}…`;
  }
  return safe;
}

/** Longest log line kept in a row, in characters (a hostile server's line can be megabytes). */
export const LOG_LINE_LIMIT = MESSAGE_LIMIT;

/**
 * The last `count` lines of a log given as pieces of text (entries, or one body), each piece
 * split at its line breaks, without the empty line after a final break, each line cut at
 * LOG_LINE_LIMIT characters. The rows keep them otherwise as the server sent them.
 */
export function lastLines(pieces: readonly string[], count: number): string[] {
  const lines = pieces.flatMap((piece) => piece.replace(/\r?\n$/, '').split(/\r\n|\n|\r/));
  return lines.slice(-count).map((line) => {
    if (line.length <= LOG_LINE_LIMIT) return line;
    // Never cut a surrogate pair in half: a lone surrogate is not valid UTF-8.
    const end = /[\ud800-\udbff]/.test(line.charAt(LOG_LINE_LIMIT - 2)) ? -2 : -1;
    return `${line.slice(0, LOG_LINE_LIMIT + end)}…`;
  });
}

// Zero-width and other characters that show nothing (a pasted token's hidden part), and the
// backtick.
const QUOTE_ESCAPED = /[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff`]/g;

/**
 * An input value for a message: JSON-quoted, cut at 80 characters, without the `user:password@`
 * of any URL in it.
 */
export function quote(value: string): string {
  return quoteUpTo(value, 80);
}

/** An input value for a message, JSON-quoted, cut at `limit` characters (a whole URL). */
export function quoteUpTo(value: string, limit: number): string {
  const safe = withoutUserinfo(value);
  const shown = safe.length > limit ? `${safe.slice(0, limit)}…` : safe;
  // JSON escapes controls; the characters that print as nothing are made visible too, and a
  // backtick, so that a value quoted in a sentence cannot open a code span in the summary.
  return JSON.stringify(shown).replace(
    QUOTE_ESCAPED,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A URL-ish text without its `user:password@`, for messages: a mistyped URL (`htps://u:p@h`)
 * is not parsed by URL, so this works on the text, on each of the URLs of a list (separated
 * as lists of inputs are, by spaces or commas).
 */
export function withoutUserinfo(text: string): string {
  return text.replace(/(^|[\s,])((?:[^:/?#\s,]*:)?\/\/)?[^/?#\s,]*@/g, '$1$2***@');
}

/** The first five items and how many more: "a, b, c, d, e, and 3 more". */
export function someOf(items: readonly string[], separator = ', '): string {
  const more = items.length > 5 ? `${separator.trimEnd()} and ${items.length - 5} more` : '';
  return items.slice(0, 5).join(separator) + more;
}

/** `is` or `are`, for a count. */
export function be(count: number): string {
  return count === 1 ? 'is' : 'are';
}

/** `has` or `have`, for a count. */
export function have(count: number): string {
  return count === 1 ? 'has' : 'have';
}

/** Ends a message with a full stop, unless the server's text already ends it. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function count(n: number): string {
  return n.toLocaleString('en');
}

/** A duration for people: `40 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function durationText(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}
