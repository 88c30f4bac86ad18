import type { Problems } from './problems.js';
import { quote } from './text.js';

// The scalar inputs every vendor shares, read the way the README's inputs table words them.
// Each records what is wrong in `problems` (naming input, value and what was expected) and
// returns a value that is only used when there is no problem.

export function parseBoolean(name: string, text: string, problems: Problems): boolean {
  if (/^(true|yes|on|1)$/i.test(text)) return true;
  if (!/^(false|no|off|0)$/i.test(text)) problems.expected(name, text, 'true or false');
  return false;
}

export function parseWhole(
  name: string,
  text: string,
  min: number,
  max: number,
  problems: Problems,
): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.add(`${name}: got ${quote(text)}, expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Seconds, decimals allowed, in [min, max]; returned in milliseconds. */
export function parseSeconds(
  name: string,
  text: string,
  { min, max }: { min: number; max: number },
  problems: Problems,
): number {
  const value = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(value >= min) || value > max) {
    problems.add(
      `${name}: got ${quote(text)}, expected seconds, at least ${min} and at most ${max}`,
    );
  }
  return Math.round(value * 1000);
}

/** Items separated by commas, spaces or newlines (keys, tags), as the README words it. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((token) => token !== '');
}
