// Placeholder: the h-github branch brings the parser of connect-actions' deploy comments.
import type { IssueComment } from '../../github/comments.js';

export interface PreviewBundles {
  bundles: Map<string, Map<string, number[]>>;
  ignored: Map<string, number>;
}

export function previewBundles(comments: readonly IssueComment[], server: string): PreviewBundles {
  void comments;
  void server;
  return { bundles: new Map(), ignored: new Map() };
}
