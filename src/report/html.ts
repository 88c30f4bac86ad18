import { cellSafe, markupEscaped, oneLine } from '../shared/text.js';

/**
 * The one place where the job summary's HTML is put together. Text goes in through `cellSafe`
 * (text.ts: one line, capped, HTML and Markdown escaped) unless it is already `Html` made
 * here, and attributes are escaped, so whatever a server sends stays text. @actions/core's
 * summary builder writes text and attributes as they are, and appends to one buffer that
 * cannot be measured piece by piece against the summary's budget: these few pure functions
 * do both.
 */
export class Html {
  private constructor(readonly text: string) {}

  /** Markup written by this module; never call with outside text. */
  static trusted(text: string): Html {
    return new Html(text);
  }

  get bytes(): number {
    return Buffer.byteLength(this.text);
  }
}

/** Outside text, or markup already made here. */
export type Content = Html | string;

/** `<tag attrs>children</tag>`: children are escaped unless they are Html. */
export function element(
  tag: string,
  children: readonly Content[] = [],
  attributes: Readonly<Record<string, string>> = {},
): Html {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return Html.trusted(`<${tag}${attrs}>${children.map((child) => html(child)).join('')}</${tag}>`);
}

/** Content as markup: outside text through the guard, with a longer cap when given. */
export function html(content: Content, limit?: number): string {
  return content instanceof Html ? content.text : cellSafe(content, limit);
}

/** Outside text with its own cap (a message is longer than a cell). */
export function text(value: string, limit: number): Html {
  return Html.trusted(cellSafe(value, limit));
}

// A code span of the action's own sentences: `keys: all`, `api-key`.
const CODE_SPAN = /`([^`]+)`/g;

/**
 * A sentence of the action's own, which may hold outside text: one line, capped and escaped
 * as outside text is (text.ts), but for its code spans, shown as code. A quoted input value
 * cannot open a span (quote() writes its backticks as `\u0060`); a server's own message that
 * holds a pair of them has that part shown as code, its characters escaped all the same.
 */
export function words(sentence: string, limit: number): Html {
  const line = oneLine(sentence, limit);
  let shown = '';
  let from = 0;
  for (const span of line.matchAll(CODE_SPAN)) {
    shown += markupEscaped(line.slice(from, span.index));
    shown += `<code>${markupEscaped(span[1] as string)}</code>`;
    from = span.index + span[0].length;
  }
  return Html.trusted(shown + markupEscaped(line.slice(from)));
}

/** Pieces side by side, with an optional separator of our own. */
export function join(pieces: readonly Content[], separator = ''): Html {
  return Html.trusted(pieces.map((piece) => html(piece)).join(separator));
}

/** A link, only to an http(s) URL; anything else is shown without one. */
export function link(href: string | null | undefined, children: readonly Content[]): Html {
  return href && /^https?:\/\//i.test(href) ? element('a', children, { href }) : join(children);
}

/**
 * The newest lines of outside text that fit in `maxBytes`, in a `<pre>` block, each through the
 * guard with `limit` characters; and how many of them it holds.
 */
export function preformatted(
  lines: readonly string[],
  limit: number,
  maxBytes: number,
): { block: Html; shown: number } {
  const kept: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = cellSafe(lines[i] as string, limit);
    bytes += Buffer.byteLength(line) + 5;
    if (bytes > maxBytes) break;
    kept.push(line);
  }
  // `&#10;` rather than a line break: a blank line would end the HTML block, and Markdown would
  // read what follows it.
  const block = Html.trusted(`<pre>${kept.reverse().join('&#10;')}</pre>`);
  return { block, shown: kept.length };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
