import type { IncomingHttpHeaders } from 'node:http';

/**
 * Every form in which a secret could come back from a server or proxy, or be printed: as it
 * is, URL-encoded, and in base64 (alone and as `secret:`, the Basic-auth user with an empty
 * password), longest first. Vendors name their secrets (the key, and the strings built from it
 * that travel); this one list feeds both the log's masking and the redaction of answers.
 * Shorter than 4 characters is too common to replace.
 */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${secret}:`).toString('base64'),
  ]);
  return [...new Set(forms)].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** Replaces every form of the run's secrets in outside text with `***`. */
export class Redactor {
  constructor(private readonly forms: readonly string[]) {}

  text(text: string): string {
    return this.forms.reduce((out, form) => out.replaceAll(form, '***'), text);
  }

  headers(headers: IncomingHttpHeaders): IncomingHttpHeaders {
    if (this.forms.length === 0) return headers;
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
