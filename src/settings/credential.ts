import type { Problems } from '../shared/problems.js';
import type { ConfiguredVendor, VendorModule } from '../vendors/vendor.js';

/** How the run signs in, as the inputs and the environment say. */
export interface CredentialSettings {
  /** The API key given; empty when the vendor signs in without one (`configured.keyless`). */
  apiKey: string;
  /** How the run signs in, for the log and the summary: "the API key of input `api-key`". */
  signIn: string;
}

/**
 * The API key (`name`'s value, then the vendor's environment variable), or, without one, the
 * vendor's way to sign in without a key; null (with the problem recorded) when there is neither.
 */
export function readCredential(
  vendor: VendorModule,
  configured: ConfiguredVendor,
  name: string,
  input: string,
  env: NodeJS.ProcessEnv,
  problems: Problems,
): CredentialSettings | null {
  const apiKey = input || (env[vendor.apiKeyEnv] ?? '').trim();
  const problem = keyProblem(name, apiKey);
  if (problem !== null) {
    problems.add(problem);
    return null;
  }
  if (apiKey !== '') {
    const from = input ? `input \`${name}\`` : `env ${vendor.apiKeyEnv}`;
    return { apiKey, signIn: `the API key of ${from}` };
  }
  const { keyless } = configured;
  const unavailable = keyless ? keyless.unavailable(env) : null;
  if (!keyless || unavailable !== null) {
    problems.add(
      `${name}: missing; set the input or the ${vendor.apiKeyEnv} environment variable${unavailable ? ` (${unavailable})` : ''}`,
    );
    return null;
  }
  return { apiKey: '', signIn: keyless.method };
}

// A key that cannot travel in a header: undici refuses a value above U+00FF (headers are bytes)
// or with a control character, and the run would then blame the network. Tab and C1 controls
// would pass, but only a paste mistake puts them inside a key (the trim took those around it).
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const NOT_IN_A_HEADER = /[\u0000-\u001f\u007f-\u009f\u0100-\uffff]/;

/** What is wrong with a key's text (`name` is its input), or null. */
export function keyProblem(name: string, apiKey: string): string | null {
  if (/[\r\n]/.test(apiKey)) return `${name}: contains a line break; paste the key alone`;
  if (NOT_IN_A_HEADER.test(apiKey)) {
    return `${name}: contains a control character or one outside Latin-1, which cannot travel in an HTTP header; paste the key alone`;
  }
  return null;
}
