import * as core from '@actions/core';
// Only the run context of @actions/github: its entry point also loads Octokit (about 220 kB
// of bundle) that this action never calls, and its `exports` map hides the context module.
import { Context } from '../node_modules/@actions/github/lib/context.js';
import { run } from './main.js';

// The runner cancels a step with SIGINT, then SIGTERM: stop sending, report what is known.
const context = new Context();
const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => cancel.abort(new Error(`received ${signal}`)));
}

try {
  await run(
    core,
    {
      serverUrl: context.serverUrl,
      repository: process.env.GITHUB_REPOSITORY
        ? `${context.repo.owner}/${context.repo.repo}`
        : null,
      runId: context.runId > 0 ? context.runId : null,
    },
    process.env,
    cancel.signal,
  );
} catch (error) {
  core.setFailed(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
}
