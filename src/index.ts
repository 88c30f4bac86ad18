// First: the signal handlers (see cancel.ts), before the rest of the action is evaluated.
import { cancel } from './runtime/signals.js';
import { messageOf } from './shared/failures.js';
import { run, runContext } from './main.js';
import { logSafe } from './shared/text.js';

// @actions/core and undici are a chunk of dist/ (src/runtime.ts), loaded once the handlers are
// in place: a signal that comes while it loads still ends the run cleanly (a test holds the
// chunk back). The action's own code stays in the entry, where the dist/ runs' coverage maps
// function by function (a chunk's functions differ from run to run).
const { core } = await import('./runtime/toolkit.js');
try {
  await run(core, runContext(process.env), process.env, cancel.signal);
} catch (error) {
  // A bug's message may quote outside text: it goes through the same guard as every log line.
  core.setFailed(logSafe(`Unexpected failure: ${messageOf(error)}`));
}

// The outputs and the summary are written: the step has nothing left to do. Whatever is still
// open (a library's keep-alive socket, a timer, a request a server accepted and never
// answered) would keep Node, and so the step, running until the job's `timeout-minutes`. An
// unref'd timer keeps nothing alive itself: a clean process exits on its own at once, any
// other one is ended a moment later with the exit code already set (setFailed sets
// process.exitCode). The moment is for stdout: on macOS and Windows a pipe is written
// asynchronously, and an exit at once could cut the last lines off the log.
setTimeout(() => {
  core.debug(`Still open after the outputs: ${process.getActiveResourcesInfo().join(', ')}.`);
  process.exit();
}, 1_000).unref();
