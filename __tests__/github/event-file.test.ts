// @actions/github reads the workflow's event file when it loads: a file that is not JSON makes
// the read unreadable, and the run goes on. Its own file: the module loads once per test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { gitHubReader } from '../../src/github/comments.js';
import { startGitHub } from '../fakes/github.mjs';

const dir = mkdtempSync(join(tmpdir(), 'event-file-'));
const saved = process.env.GITHUB_EVENT_PATH;
afterAll(() => {
  if (saved === undefined) delete process.env.GITHUB_EVENT_PATH;
  else process.env.GITHUB_EVENT_PATH = saved;
  rmSync(dir, { recursive: true, force: true });
});

it('a workflow event file that is not JSON stops the read, not the run', async () => {
  const fake = await startGitHub({ pulls: [{ number: 1 }] });
  try {
    const event = join(dir, 'event.json');
    writeFileSync(event, '{ not json');
    process.env.GITHUB_EVENT_PATH = event;
    const reader = gitHubReader({
      env: fake.env,
      token: fake.token,
      timeoutMs: 5000,
      retries: 0,
      secrets: [],
    });
    const read = await reader.openPullRequestComments(new AbortController().signal);
    expect(read).toMatchObject({
      readable: false,
      reason: expect.stringMatching(/^@actions\/github could not be loaded: .*JSON/),
      fix: expect.stringContaining('GITHUB_EVENT_PATH'),
      requests: 0,
    });
    expect(fake.calls()).toEqual([]);
  } finally {
    await fake.close();
  }
});
