// Placeholder of the GitHub reader's contract (the h-github branch brings the reader itself).
export interface IssueComment {
  issue: number;
  author: string;
  association: string;
  body: string;
}
export type CommentsRead =
  | { readable: true; comments: IssueComment[]; openPulls: number[]; requests: number }
  | { readable: false; reason: string; fix: string; requests: number };
export interface GitHubReader {
  openPullRequestComments(signal: AbortSignal): Promise<CommentsRead>;
  pullRequestComments(pull: number, signal: AbortSignal): Promise<CommentsRead>;
}

export function gitHubReader(options: {
  env: NodeJS.ProcessEnv;
  token: string;
  timeoutMs: number;
  retries: number;
  signal?: AbortSignal;
  secrets: readonly string[];
  log?: unknown;
}): GitHubReader {
  void options;
  const none = async (): Promise<CommentsRead> => ({
    readable: false,
    reason: 'no GitHub token',
    fix: '',
    requests: 0,
  });
  return { openPullRequestComments: none, pullRequestComments: none };
}
