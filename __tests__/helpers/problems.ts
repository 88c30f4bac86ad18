import { InputError, parseSettings, type RawInputs } from '../../src/inputs.js';

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
