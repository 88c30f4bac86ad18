import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { listPages, PageBudget } from '../../http/pager.js';
import { RunStopped } from '../../shared/failures.js';
import { oneLine, quote, sentence } from '../../shared/text.js';
import { splitList } from '../../shared/values.js';
import { shownValue } from '../kit.js';
import type { Target } from '../vendor.js';
import { describeAnswer } from './answers.js';

/** `target`'s value for every account of the key. */
export const ALL_ACCOUNTS = 'all';

/** An account's `account_id`, as URLs name it (`{server}/{account_id}/api/`). */
export const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export const TARGET_EXPECTED =
  'the Xplenty account ID (letters, digits, `-` and `_`); several, separated by commas, spaces or newlines; or `all` for every account of the key';

/** The accounts a run reads: the ones `target` names, in order, or every one of the key. */
export type XplentyTarget = Target & ({ kind: 'all' } | { kind: 'ids'; ids: readonly string[] });

/**
 * `target` read: one account ID (today's case), several (duplicates collapse, first place
 * kept), or `all` alone. `all` among others is the token to name: whether it means every
 * account or one whose ID is `all` cannot be told (that account is given by its numeric `id`).
 */
export function parseAccounts(text: string): XplentyTarget | { bad: string } {
  const tokens = splitList(text);
  const [first] = tokens;
  if (tokens.length === 1 && first !== undefined && /^all$/i.test(first)) {
    return { kind: 'all', text: ALL_ACCOUNTS };
  }
  if (tokens.length === 0) return { bad: text };
  const bad = tokens.find((token) => /^all$/i.test(token) || !ACCOUNT_ID.test(token));
  if (bad !== undefined) return { bad };
  const ids = [...new Set(tokens)];
  return { kind: 'ids', ids, text: ids.join(',') };
}

/** The one account of the target, or null when it reaches several (or all). */
export function oneAccount(target: XplentyTarget): string | null {
  return target.kind === 'ids' && target.ids.length === 1 ? (target.ids[0] ?? null) : null;
}

/** An account of the key as `GET accounts` shows it: what names it, and what people read. */
export interface Account {
  /** `account_id`, checked: it names the account's URLs. */
  id: string;
  name: string | null;
  /** Its running jobs as the listing counted them (only `running`: never a reason to skip it). */
  running: number | null;
}

/** What `GET accounts` gave: the accounts to work in, and what it showed that names none. */
export interface AccountList {
  accounts: Account[];
  /** Listed entries whose `account_id` is no account ID, as shown: their jobs are left alone. */
  unusable: string[];
}

// The API's largest page.
const PAGE_SIZE = 100;

/**
 * `GET {server}/accounts`: the accounts the key's user is a member of, outside any account's
 * API root, oldest first (accounts created while paging land on later pages), paged and
 * bounded as every list (pager.ts). Each `account_id` is checked as the `target` input is
 * before it names a URL; an entry without one is no account to work in, and is said.
 */
export async function listAccounts(
  http: HttpClient,
  check: (response: ApiResponse, call: string) => void,
  signal: AbortSignal,
): Promise<AccountList> {
  const found = new Map<string, Account>();
  const unusable: string[] = [];
  await listPages(
    http,
    {
      what: 'the accounts',
      noun: 'account',
      path: 'accounts',
      query: { sort: 'created', direction: 'asc', offset: 0, limit: PAGE_SIZE },
      offset: { param: 'offset', pageSize: PAGE_SIZE },
      check,
      describe: describeAnswer,
      fail: (why) =>
        new RunStopped(
          sentence(`Could not list the accounts of the key: ${why}; nothing was terminated`),
          'listing the accounts failed',
        ),
      idOf: (account) =>
        accountIdOf(account.account_id) ?? `not an id: ${shownValue(account.account_id)}`,
      onItem: (account) => {
        const id = accountIdOf(account.account_id);
        if (id === null) unusable.push(quote(oneLine(shownValue(account.account_id), 100)));
        else if (!found.has(id)) found.set(id, accountOf(id, account));
      },
    },
    new PageBudget(),
    signal,
  );
  return { accounts: [...found.values()], unusable };
}

function accountIdOf(value: unknown): string | null {
  return typeof value === 'string' && ACCOUNT_ID.test(value) ? value : null;
}

function accountOf(id: string, account: Record<string, unknown>): Account {
  const { name, running_jobs_count: running } = account;
  return {
    id,
    name: typeof name === 'string' && name.trim() !== '' ? name : null,
    running:
      typeof running === 'number' && Number.isSafeInteger(running) && running >= 0 ? running : null,
  };
}

/**
 * A row's key with several accounts, `account/305` (a job) or `account/176` (a cluster), as
 * its account and id; a key without an account names none ('').
 */
export function splitKey(key: string): { account: string; id: string } {
  const slash = key.lastIndexOf('/');
  return slash < 0
    ? { account: '', id: key }
    : { account: key.slice(0, slash), id: key.slice(slash + 1) };
}
