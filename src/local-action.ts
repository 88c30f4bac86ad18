// The entry point of `npm run local-action`: @github/local-action imports this file and calls
// `run()` with no arguments, after replacing @actions/core with its own stand-in (which prints
// inputs, outputs and the summary as tables). index.ts stays the runner's entry point.
import * as core from '@actions/core';
import { run as runAction, runContext } from './main.js';

export async function run(): Promise<void> {
  await runAction(core, runContext(process.env), process.env, new AbortController().signal);
}
