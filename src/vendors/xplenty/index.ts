import type { Problems } from '../../shared/problems.js';
import { OLDER_THAN, parseOlderThan } from '../../shared/selection.js';
import { CLUSTERS, IDLE_FOR, parseClusters } from './cluster-inputs.js';
import type { VendorModule } from '../vendor.js';
import { oneAccount, parseAccounts, TARGET_EXPECTED, type XplentyTarget } from './accounts.js';
import { XplentyAccounts } from './accounts-jobs.js';
import { XplentyJobs } from './client.js';
import type { XplentyInputs } from './selection.js';
import { xplentyRows, type XplentyRow } from './rows.js';

export { XplentyJobs } from './client.js';
export { NO_FILTERS, type XplentyInputs } from './selection.js';
export { JOB_FIELDS, xplentyRows, type XplentyRow } from './rows.js';

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
export const xplenty: VendorModule<XplentyRow, XplentyTarget> = {
  name: 'xplenty',
  aliases: ['integrate-io'],
  title: 'Xplenty',
  apiKeyEnv: 'XPLENTY_API_KEY',
  ownInputs: [PACKAGE_ID, OLDER_THAN, CLUSTERS, IDLE_FOR],
  example: { target: 'an-account', keys: '305' },
  target: { expected: TARGET_EXPECTED, parse: parseAccounts },
  key: {
    one: 'a job ID',
    many: 'job IDs',
    expected: 'positive whole numbers (like 305)',
    parse: (token) => wholeNumber(token),
  },
  server: {
    fallback: () => 'https://api.xplenty.com',
    missing: 'Xplenty needs the API base URL',
    // `{server}/{account}/api/`, the server possibly behind a gateway path; for several
    // accounts the server itself, where `accounts` lives and each account's root below it.
    apiRoot: (server, target) => {
      const account = oneAccount(target);
      return new URL(
        account === null ? `${server}/` : `${server}/${encodeURIComponent(account)}/api/`,
      );
    },
  },
  // The key travels inside the Basic credential: `key:` in base64.
  credentials: (apiKey) => [apiKey, `${apiKey}:`, basicCredential(apiKey)],
  headers: xplentyHeaders,
  rows: () => xplentyRows,
  configure: (read, context, problems, target) => {
    const options: XplentyInputs = {
      packageId: parsePackageId(read(PACKAGE_ID), context.all, problems),
      olderThan: parseOlderThan(read(OLDER_THAN), context, problems),
      clusters: parseClusters(read, context, problems),
    };
    const account = target === null ? null : oneAccount(target);
    if (target !== null && account === null && !context.all && !context.none) {
      problems.add(
        'target: several accounts or `all` go with `keys: all`; a job ID names a job of one account',
      );
    }
    // One account is today's client, request for request; several fan out over views of it.
    return {
      options,
      withoutJobs: options.clusters?.mode === 'idle',
      client: (http, plan) =>
        target === null || account !== null
          ? new XplentyJobs(http, plan, options, account)
          : new XplentyAccounts(http, plan, options, target),
    };
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
