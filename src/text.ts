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
  // HTML's five, and what Markdown needs to open a link, an image, a heading, a code span or a
  // table column (`*`, `_`, `(` only format or follow a `[`, so they stay readable).
  return oneLine(text, limit).replace(/[&<>"'[\]!#`|\\]/g, (c) => `&#${c.charCodeAt(0)};`);
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
