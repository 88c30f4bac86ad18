// The entry: only the signal handlers, then the rest of the action. The runner cancels a step
// with SIGINT, then SIGTERM; one that comes while the rest is still loading must still stop
// the run cleanly (outputs written, the step failed), so the handlers come first and the rest
// is loaded after them, as its own chunk.
const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => cancel.abort(new Error(`received ${signal}`)));
}

const [{ run, runContext }, { runnerCore: core }] = await Promise.all([
  import('./main.js'),
  import('./runner.js'),
]);
try {
  await run(core, runContext(process.env), process.env, cancel.signal);
} catch (error) {
  core.setFailed(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
}
