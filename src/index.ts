// First: the signal handlers (see cancel.ts), before the rest of the action is evaluated.
import { cancel } from './cancel.js';
import * as core from '@actions/core';
import { messageOf } from './failures.js';
import { logSafe } from './text.js';

try {
  // The action itself is a chunk of dist/ loaded once the handlers are in place: a signal
  // that comes while it loads still ends the run cleanly (a test holds the chunk back).
  const { run, runContext } = await import('./main.js');
  await run(core, runContext(process.env), process.env, cancel.signal);
} catch (error) {
  // A bug's message may quote outside text: it goes through the same guard as every log line.
  core.setFailed(logSafe(`Unexpected failure: ${messageOf(error)}`));
}
