import { HttpClient } from '../http/client.js';
import { Redactor, secretForms } from '../http/redact.js';
import { VERSION } from '../runtime/version.js';
import { messageOf } from '../shared/failures.js';
import type { Log } from '../shared/log.js';
import { oneLine } from '../shared/text.js';
import { fetchOver } from './fetch.js';
import { commentsOf, openPullComments, type Found, type RepoReading } from './listings.js';
import { PERMISSION_FIX, Unreadable } from './pages.js';
import type { IssueComment } from './records.js';
import { repositoryOf, type Repository } from './repository.js';

export type { IssueComment } from './records.js';

export type CommentsRead =
  | { readable: true; comments: IssueComment[]; openPulls: number[]; requests: number }
  | { readable: false; reason: string; fix: string; requests: number };

/** Reads pull requests' comments from the repository the job runs for. */
export interface GitHubReader {
  /** The comments of every open pull request (openPulls: their numbers). */
  openPullRequestComments(signal: AbortSignal): Promise<CommentsRead>;
  /** The comments of one pull request, open or closed (openPulls: []). */
  pullRequestComments(pull: number, signal: AbortSignal): Promise<CommentsRead>;
}

export interface GitHubReaderOptions {
  /** GITHUB_API_URL (default https://api.github.com) and GITHUB_REPOSITORY (owner/name). */
  env: NodeJS.ProcessEnv;
  /** '' = no token: every read is unreadable, and nothing is sent. */
  token: string;
  timeoutMs: number;
  retries: number;
  /** The run's cancellation: every read stops with it (RequestAborted). */
  signal?: AbortSignal;
  /** Redacted from every answer and message; the token's forms are added here. */
  secrets: readonly string[];
  /** One line per read (how it read); `debug`, when there, gets each request's line. */
  log?: Log & { debug?(message: string): void };
}

/**
 * A reader of the repository's pull requests and their comments with the job's token, on
 * Octokit over the run's HTTP layer. Each read has a client of its own (its `requests` are
 * its own) and is closed when done; whatever stops it is an unreadable read with a reason
 * and a fix, but for the run's cancellation, which throws as every cancelled request does.
 */
export function gitHubReader(options: GitHubReaderOptions): GitHubReader {
  const secrets = [...new Set([...options.secrets, ...secretForms([options.token])])];
  const redactor = new Redactor(secrets);
  const read = async (signal: AbortSignal, work: (at: RepoReading) => Promise<Found>) => {
    let http: HttpClient | null = null;
    try {
      const repository = setUp(options);
      http = new HttpClient({
        base: new URL(`${repository.api}/`),
        headers: {},
        secrets,
        connections: 1,
        timeoutMs: options.timeoutMs,
        retries: options.retries,
        log: options.log?.debug && ((line) => options.log?.debug?.(line)),
      });
      const reading = await readingOver(http, repository, options, signal);
      return { readable: true as const, ...(await work(reading)), requests: http.requestCount };
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      const { reason, fix } = error;
      const requests = http?.requestCount ?? 0;
      return { readable: false as const, reason: redactor.text(reason), fix, requests };
    } finally {
      await http?.close();
    }
  };
  return {
    openPullRequestComments: (signal) => read(signal, (at) => openPullComments(at, options.log)),
    pullRequestComments: (pull, signal) =>
      read(signal, async (at) => {
        if (!Number.isSafeInteger(pull) || pull < 1) {
          throw new Unreadable(
            `${String(pull)} is not a pull request number`,
            'name a pull request by its number, like `${{ github.event.pull_request.number }}`',
          );
        }
        return { comments: await commentsOf(at, pull), openPulls: [] };
      }),
  };
}

function setUp(options: GitHubReaderOptions): Repository {
  if (options.token === '') {
    throw new Unreadable(
      'no GitHub token',
      `pass the job's token (\`\${{ github.token }}\`), and ${PERMISSION_FIX}`,
    );
  }
  return repositoryOf(options.env);
}

async function readingOver(
  http: HttpClient,
  repository: Repository,
  options: GitHubReaderOptions,
  signal: AbortSignal,
): Promise<RepoReading> {
  const { getOctokit } = await octokitModule();
  // Octokit's logger prints a server's deprecation notice (its URL and `Sunset` header) raw
  // with console.warn, where the runner would read it as a command: it goes to the guarded
  // log instead, one line.
  const log = {
    debug: () => {},
    info: () => {},
    warn: warnTo(options.log),
    error: warnTo(options.log),
  };
  const octokit = getOctokit(options.token, {
    baseUrl: repository.api,
    userAgent: `terminate-jobs/${VERSION}`,
    log,
    request: { fetch: fetchOver(http), log },
  });
  const cancel = options.signal ? AbortSignal.any([options.signal, signal]) : signal;
  const sent = () => http.requestCount;
  return { octokit, root: `${repository.api}/`, signal: cancel, repository, sent };
}

/**
 * Octokit, a chunk of dist/ of its own (runtime/octokit.ts): only runs that read GitHub load
 * it. Loading it reads the workflow's event file (@actions/github's `context`); a file that is
 * not JSON stops the read, not the run.
 */
async function octokitModule(): Promise<typeof import('../runtime/octokit.js')> {
  try {
    return await import('../runtime/octokit.js');
  } catch (error) {
    throw new Unreadable(
      `@actions/github could not be loaded: ${oneLine(messageOf(error), 300)}`,
      'check GITHUB_EVENT_PATH: the runner sets it to the workflow event, a JSON file',
    );
  }
}

function warnTo(log: GitHubReaderOptions['log']): (message: string) => void {
  return (message) => log?.info(oneLine(`GitHub: ${message}`, 300));
}
