import type { Problems } from '../../shared/problems.js';
import { OLDER_THAN, parseOlderThan } from '../../shared/selection.js';
import type { VendorModule } from '../vendor.js';
import { XplentyJobs } from './client.js';
import type { XplentyInputs } from './selection.js';
import { xplentyRows, type XplentyRow } from './rows.js';

export { XplentyJobs } from './client.js';
export { NO_FILTERS, type XplentyInputs } from './selection.js';
export { JOB_FIELDS, xplentyRows, type XplentyRow } from './rows.js';

const ACCOUNT_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const WHOLE_NUMBER = /^0*[1-9][0-9]{0,15}$/;
const PACKAGE_ID = 'package-id';

/**
 * HTTP Basic with the key as user name and an empty password (what `curl -u key:` sends), and
 * the versioned media type the API needs to route the request.
 */
export function xplentyHeaders(apiKey: string): Record<string, string> {
  return {
    authorization: `Basic ${basicCredential(apiKey)}`,
    accept: 'application/vnd.xplenty+json; version=2',
  };
}

function basicCredential(apiKey: string): string {
  return Buffer.from(`${apiKey}:`).toString('base64');
}

/** Xplenty (Integrate.io ETL): jobs of one account, named by their numeric IDs. */
export const xplenty: VendorModule<XplentyRow> = {
  name: 'xplenty',
  aliases: ['integrate-io'],
  title: 'Xplenty',
  apiKeyEnv: 'XPLENTY_API_KEY',
  ownInputs: [PACKAGE_ID, OLDER_THAN],
  example: { target: 'an-account', keys: '305' },
  target: {
    expected: 'the Xplenty account ID: letters, digits, `-` and `_`',
    parse: (text) => (ACCOUNT_SLUG.test(text) ? { text } : { bad: text }),
  },
  key: {
    one: 'a job ID',
    many: 'job IDs',
    expected: 'positive whole numbers (like 305)',
    parse: (token) => wholeNumber(token),
  },
  server: {
    fallback: () => 'https://api.xplenty.com',
    missing: 'Xplenty needs the API base URL',
    // `{server}/{account}/api/`, the server possibly behind a gateway path.
    apiRoot: (server, account) => new URL(`${server}/${encodeURIComponent(account.text)}/api/`),
  },
  // The key travels inside the Basic credential: `key:` in base64.
  credentials: (apiKey) => [apiKey, `${apiKey}:`, basicCredential(apiKey)],
  headers: xplentyHeaders,
  rows: () => xplentyRows,
  configure: (read, context, problems) => {
    const options: XplentyInputs = {
      packageId: parsePackageId(read(PACKAGE_ID), context.all, problems),
      olderThan: parseOlderThan(read(OLDER_THAN), context, problems),
    };
    return { options, client: (http, plan) => new XplentyJobs(http, plan, options) };
  },
};

function parsePackageId(text: string, all: boolean, problems: Problems): number | null {
  if (text === '') return null;
  if (!all) {
    problems.add(
      `${PACKAGE_ID}: narrows \`keys: all\`; with explicit keys it would be ignored, so give one or the other`,
    );
    return null;
  }
  const id = wholeNumber(text);
  if (id === null) problems.expected(PACKAGE_ID, text, 'a positive whole number');
  return id === null ? null : Number(id);
}

/** A positive whole number within JavaScript's safe integers, in canonical decimal. */
function wholeNumber(text: string): string | null {
  return WHOLE_NUMBER.test(text) && Number.isSafeInteger(Number(text))
    ? String(Number(text))
    : null;
}
