import { Unreadable } from './pages.js';

/** A comment on an issue or pull request, as a listing gave it, every field checked. */
export interface IssueComment {
  /** The comment's own id: the same comment on two pages counts once. */
  id: number;
  /** The issue or pull request it is on (from its `issue_url`). */
  issue: number;
  /** Its author's login; '' for a deleted account (`user: null`). */
  author: string;
  /** Its `author_association`: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, … */
  association: string;
  body: string;
}

/** An open pull request, as the listing of open ones gave it. */
export interface OpenPull {
  number: number;
  /** Its `created_at`, as GitHub wrote it (ISO 8601): no comment on it is older. */
  createdAt: string;
}

// GitHub's timestamps, as its REST API writes them (Date.parse alone takes far more, such as
// an RFC 2822 date with a comment in brackets, text that then lands in a query and a message).
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const MALFORMED_FIX =
  'check that GITHUB_API_URL is the GitHub REST API (https://api.github.com, or https://HOST/api/v3)';

/**
 * A listing's items as comments. One that is not a comment (a field missing or of another
 * kind) makes the listing unreadable: what it was cannot be told, so it is never skipped.
 */
export function issueComments(items: readonly unknown[], what: string): IssueComment[] {
  return items.map((item, index) => {
    const comment = (item ?? {}) as Record<string, unknown>;
    const user = comment.user;
    const login = user === null ? '' : (user as { login?: unknown } | undefined)?.login;
    const issue = /\/issues\/(\d{1,15})$/.exec(String(comment.issue_url ?? ''))?.[1];
    const fields = {
      id: positive(comment.id),
      issue: positive(issue === undefined ? NaN : Number(issue)),
      author: typeof login === 'string' ? login : null,
      association:
        typeof comment.author_association === 'string' ? comment.author_association : null,
      body: typeof comment.body === 'string' ? comment.body : null,
    };
    const bad = Object.entries(fields).find(([, value]) => value === null)?.[0];
    if (bad !== undefined) throw malformed(what, index, 'comment', FIELD_NAMES[bad] ?? bad);
    return fields as IssueComment;
  });
}

const FIELD_NAMES: Record<string, string> = {
  id: '`id` (a positive integer)',
  issue: '`issue_url` (ending /issues/{number})',
  author: '`user.login` (a string)',
  association: '`author_association` (a string)',
  body: '`body` (a string)',
};

/** A listing's items as open pull requests: a positive `number` and a `created_at` each. */
export function openPulls(items: readonly unknown[], what: string): OpenPull[] {
  return items.map((item, index) => {
    const pull = (item ?? {}) as Record<string, unknown>;
    const number = positive(pull.number);
    if (number === null)
      throw malformed(what, index, 'pull request', '`number` (a positive integer)');
    const created = pull.created_at;
    if (
      typeof created !== 'string' ||
      !ISO_TIME.test(created) ||
      Number.isNaN(Date.parse(created))
    ) {
      throw malformed(what, index, 'pull request', '`created_at` (a date)');
    }
    return { number, createdAt: created };
  });
}

function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function malformed(what: string, index: number, noun: string, field: string): Unreadable {
  return new Unreadable(
    `GitHub listed ${what} with a ${noun} (item ${index + 1} of the listing) without ${field}`,
    MALFORMED_FIX,
  );
}
