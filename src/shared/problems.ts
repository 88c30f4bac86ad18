import { quote, quoteUpTo } from './text.js';

/** The problems found in the inputs, collected so that one message can name them all. */
export class Problems {
  readonly list: string[] = [];

  /** `name: got "value", expected …` (or `missing` for an empty value). */
  expected(name: string, value: string, expected: string, limit?: number): void {
    this.list.push(
      `${name}: ${value === '' ? 'missing' : `got ${limit === undefined ? quote(value) : quoteUpTo(value, limit)}`}, expected ${expected}`,
    );
  }

  add(problem: string): void {
    this.list.push(problem);
  }
}
