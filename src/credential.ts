import type { Problems } from './problems.js';
import type { ConfiguredVendor, VendorModule } from './vendors/vendor.js';

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
  if (/[\r\n]/.test(apiKey)) {
    problems.add(`${name}: contains a line break; paste the key alone`);
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
