import type { JobFact } from '../shared/rows.js';
import { timestampMs } from '../shared/selection.js';
import { durationText } from '../shared/text.js';

// Helpers every vendor's client shares: reading a server's values and facts for people.

/** A JSON object from an answer, or null for anything else (arrays, text, nothing). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * A number from a JSON number or numeric string (Connect sends ids both ways); null for
 * anything else. Only these two types are converted: `Number()` of a server's object runs
 * its `valueOf`/`toString`, which JSON can set to anything (and then it throws).
 */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A listed key or id that is not one, as text for its row. */
export function shownValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : (JSON.stringify(value) ?? '');
}

/** `started 2024-11-25 22:17 UTC (3 h 12 min ago)` from an RFC 3339 time; null when unreadable. */
export function startedFact(start: unknown, now: number): JobFact | null {
  const started = timestampMs(start);
  if (started === null) return null;
  const when = new Date(started).toISOString().slice(0, 16).replace('T', ' ');
  const age = now >= started ? ` (${durationText(now - started)} ago)` : '';
  return { label: 'started', value: `${when} UTC${age}` };
}

/** A fact from a server's value when it is a plain string or number; null for anything else. */
export function textFact(label: string, value: unknown): JobFact | null {
  if (typeof value === 'number' && Number.isFinite(value)) return { label, value: String(value) };
  return typeof value === 'string' && value !== '' ? { label, value } : null;
}

/** An http(s) URL from text, parsed; null for anything else. */
export function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

export function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
