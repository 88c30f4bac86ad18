// @actions/github's Octokit, for reading a repository's pull requests and comments: a lazy
// chunk of dist/ of its own, loaded only by a run that reads GitHub (most runs never do).
// The undici and @actions/http-client it imports are the ones of the toolkit's chunk
// (toolkit.ts): the bundle shares them, and package.json's override keeps one undici.
export { getOctokit } from '@actions/github';
