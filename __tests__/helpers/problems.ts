import { InputError, parseSettings } from '../../src/settings/settings.js';
import type { RawInputs } from '../../src/settings/inputs.js';

/** The input problems parseSettings finds; fails the test when it finds none. */
export function problemsOf(raw: RawInputs, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseSettings(raw, env);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}
