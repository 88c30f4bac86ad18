// The run's cancellation, wired to the signals before any other module of the action runs:
// index.ts imports this first, and modules are evaluated in import order. The runner cancels
// a step with SIGINT, then SIGTERM; one that comes while the rest is still loading (undici is
// loaded at the first request) must still stop the run cleanly: outputs written, step failed.
export const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => cancel.abort(new Error(`received ${signal}`)));
}
