// The hostile-server matrix of issue 10 (hostile-*.test.ts), numbers: inputs too small to mean
// anything are input errors before any request. Each row runs the committed dist/index.js as the
// runner does (fakes/runner.mjs) against the loopback fakes, with the hostile answers injected
// through the fakes' fault vocabulary (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { fakesForEachTest } from '../helpers/runs.js';

const { connect } = fakesForEachTest({ retries: '0' });

describe('10. numbers that cannot mean anything are refused', () => {
  it.each([
    ['poll-interval', '0.0001'],
    ['timeout', '0.0004'],
    ['wait-timeout', '0.01'],
  ])('%s: %s is an input error before any request', async (name, value) => {
    const { server, inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, wait: 'true', [name]: value });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`::error::.*${name}: got "${value}", expected .*at least`),
    );
    expect(server.requests).toEqual([]);
  });
});
