// First: the signal handlers (see cancel.ts), before the rest of the action is evaluated.
import { cancel } from './cancel.js';
import { run, runContext } from './main.js';
import { runnerCore as core } from './runner.js';

try {
  await run(core, runContext(process.env), process.env, cancel.signal);
} catch (error) {
  core.setFailed(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
}
