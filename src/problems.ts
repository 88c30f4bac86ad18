/** The problems found in the inputs, collected so that one message can name them all. */
export class Problems {
  readonly list: string[] = [];

  /** `name: got "value", expected …` (or `missing` for an empty value). */
  expected(name: string, value: string, expected: string): void {
    this.list.push(
      `${name}: ${value === '' ? 'missing' : `got ${quote(value)}`}, expected ${expected}`,
    );
  }

  add(problem: string): void {
    this.list.push(problem);
  }
}

/** An input value for a message: JSON-quoted, cut at 80 characters. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(shown);
}

/**
 * A URL-ish text without its `user:password@`, for messages: a mistyped URL (`htps://u:p@h`)
 * is not parsed by URL, so this works on the text.
 */
export function withoutUserinfo(text: string): string {
  return text.replace(/^((?:[^:/?#\s]*:)?\/\/)?[^/?#\s]*@/, '$1***@');
}

/** The first five items and how many more: "a, b, c, d, e, and 3 more". */
export function someOf(items: readonly string[], separator = ', '): string {
  const more = items.length > 5 ? `${separator.trimEnd()} and ${items.length - 5} more` : '';
  return items.slice(0, 5).join(separator) + more;
}
