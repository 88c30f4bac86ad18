import * as core from '@actions/core';
import { run, runContext } from './main.js';

// The runner cancels a step with SIGINT, then SIGTERM: stop sending, report what is known.
const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => cancel.abort(new Error(`received ${signal}`)));
}

try {
  await run(core, runContext(process.env), process.env, cancel.signal);
} catch (error) {
  core.setFailed(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
}
