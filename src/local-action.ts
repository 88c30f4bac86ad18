// The entry point of `npm run local-action`: @github/local-action imports this file and calls
// `run()` with no arguments, after replacing @actions/core with its own stand-in (which prints
// inputs, outputs and the summary as tables). index.ts stays the runner's entry point.
import * as core from '@actions/core';
import { Context } from '../node_modules/@actions/github/lib/context.js';
import { run as runAction } from './main.js';

export async function run(): Promise<void> {
  const context = new Context();
  await runAction(
    core,
    {
      serverUrl: context.serverUrl,
      repository: process.env.GITHUB_REPOSITORY
        ? `${context.repo.owner}/${context.repo.repo}`
        : null,
      runId: context.runId > 0 ? context.runId : null,
    },
    process.env,
    new AbortController().signal,
  );
}
