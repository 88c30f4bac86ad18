import { quote, withoutUserinfo } from '../shared/text.js';
import { Unreadable } from './pages.js';

/** The repository a job runs for, and the API that serves it. */
export interface Repository {
  owner: string;
  name: string;
  /** GITHUB_API_URL without a trailing `/`: `https://api.github.com`, `https://HOST/api/v3`. */
  api: string;
}

// GitHub's own rules for names: an owner of letters, digits and `-`; a repository of those,
// `.` and `_`.
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** GITHUB_REPOSITORY and GITHUB_API_URL, as the runner sets them; unreadable when they are not. */
export function repositoryOf(env: NodeJS.ProcessEnv): Repository {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const match = REPOSITORY.exec(repository);
  if (match === null || match[2] === '.' || match[2] === '..') {
    throw new Unreadable(
      repository === ''
        ? 'GITHUB_REPOSITORY is not set'
        : `GITHUB_REPOSITORY is ${quote(repository)}, not owner/name`,
      'run the step in GitHub Actions, which sets GITHUB_REPOSITORY to owner/name',
    );
  }
  return { owner: match[1] as string, name: match[2] as string, api: apiOf(env.GITHUB_API_URL) };
}

function apiOf(text: string | undefined): string {
  const given = text === undefined || text.trim() === '' ? 'https://api.github.com' : text.trim();
  let url: URL | null = null;
  try {
    url = new URL(given);
  } catch {
    // Refused below.
  }
  if (
    url === null ||
    !/^https?:$/.test(url.protocol) ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new Unreadable(
      `GITHUB_API_URL is ${quote(withoutUserinfo(given))}, not an http(s) URL of the API`,
      'leave GITHUB_API_URL as the runner sets it (https://api.github.com, or https://HOST/api/v3)',
    );
  }
  return url.href.replace(/\/+$/, '');
}
