import type { IncomingHttpHeaders } from 'node:http';

/**
 * Every form in which a secret could come back from a server or proxy, or be printed: as it
 * is, URL-encoded (upper- and lower-case hex), JSON-escaped (`\u0063…`, both cases), and in
 * base64 (alone and as `secret:`, the Basic-auth user with an empty password), longest first.
 * Vendors name their secrets (the key, and the strings built from it that travel); this one
 * list feeds both the log's masking and the redaction of answers (which also catches these
 * encodings mixed within one string: see Redactor). Shorter than 4 characters is too common
 * to replace.
 */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret) => [
    secret,
    ...escapedForms(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${secret}:`).toString('base64'),
  ]);
  return [...new Set(forms)].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** A text URL-encoded and JSON-escaped, each with upper- and lower-case hex. */
function escapedForms(text: string): string[] {
  const encoded = encodeURIComponent(text);
  return [
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    jsonEscaped(text, 'lower'),
    jsonEscaped(text, 'upper'),
  ];
}

function jsonEscaped(text: string, hexCase: 'lower' | 'upper'): string {
  return [...text]
    .map((c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${hexCase === 'upper' ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

/**
 * Replaces every form of the run's secrets in outside text with `***`. The literal forms are
 * matched as they are; on top, each secret is matched character by character, where each
 * character may also come percent-encoded or JSON-escaped in any case of hex digits (and `/`,
 * `"`, `\` with JSON's short escapes), so a server that escapes only some characters, or
 * writes `%2f` for `%2F`, is caught too. One regex for all of it, longest first.
 */
export class Redactor {
  private readonly pattern: RegExp | null;

  constructor(forms: readonly string[]) {
    // A form that spells another one encoded is kept as it is (percent-encoding of non-ASCII
    // is UTF-8 bytes, which the per-character pattern does not spell); every other form, the
    // raw secret included even when it holds `%41` or `\u0041` itself, is matched character by
    // character too. Telling them apart by their look alone would leave such a secret literal.
    const encodings = new Set(
      forms.flatMap((form) => escapedForms(form).filter((e) => e !== form)),
    );
    const alternatives = forms.map((form) =>
      encodings.has(form) ? escapeRegExp(form) : [...form].map(charPattern).join(''),
    );
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
  }

  text(text: string): string {
    return this.pattern === null ? text : text.replace(this.pattern, '***');
  }

  headers(headers: IncomingHttpHeaders): IncomingHttpHeaders {
    if (this.pattern === null) return headers;
    const clean: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) {
      clean[name] = Array.isArray(value)
        ? value.map((v) => this.text(v))
        : value === undefined
          ? value
          : this.text(value);
    }
    return clean;
  }
}

const SHORT_ESCAPES: Record<string, string> = { '/': '\\\\/', '"': '\\\\"', '\\': '\\\\\\\\' };

/** One character, or its percent-encoding, or its JSON escape, in any case of hex. */
function charPattern(c: string): string {
  const code = c.charCodeAt(0);
  const literal = escapeRegExp(c);
  if (code > 0xff) return `(?:${literal}|\\\\u${hexAnyCase(code, 4)})`;
  const short = SHORT_ESCAPES[c];
  return `(?:${literal}|%${hexAnyCase(code, 2)}|\\\\u${hexAnyCase(code, 4)}${short ? `|${short}` : ''})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function hexAnyCase(code: number, digits: number): string {
  return [...code.toString(16).padStart(digits, '0')]
    .map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
    .join('');
}
