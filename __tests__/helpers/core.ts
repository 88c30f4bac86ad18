// run() of src/main.ts in this process needs a stand-in for @actions/core: this one records
// what the action did (outputs, failures, warnings, log lines, secrets, groups, the summary).
import { tmpdir } from 'node:os';
import type { ActionsCore } from '../../src/main.js';

/** A stand-in for @actions/core that records what the action did. */
// What a runner always sets: where the results file goes.
export const runnerEnv = { RUNNER_TEMP: tmpdir() };

export function fakeCore(inputs: Record<string, string>, overrides: Partial<ActionsCore> = {}) {
  const record = {
    outputs: {} as Record<string, unknown>,
    failed: [] as string[],
    warnings: [] as string[],
    info: [] as string[],
    secrets: [] as string[],
    groups: [] as string[],
    summary: '',
  };
  const core: ActionsCore = {
    getInput: (name) => inputs[name] ?? '',
    setSecret: (secret) => record.secrets.push(secret),
    setOutput: (name, value) => (record.outputs[name] = value),
    setFailed: (message) => record.failed.push(message),
    info: (message) => record.info.push(message),
    warning: (message) => record.warnings.push(message),
    debug: () => {},
    startGroup: (name) => record.groups.push(name),
    endGroup: () => {},
    summary: {
      addRaw: (text) => ({
        write: async () => {
          record.summary += text;
        },
      }),
    },
    ...overrides,
  };
  return { core, record };
}
