// The runner commands written in src/runner.ts, against what @actions/core 3 writes for the
// same calls (the runner reads both the same way). The dist/ runs cover the usual paths.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runnerCore } from '../src/runner.js';
import { parseOutputs } from './fakes/runner.mjs';

const saved = { ...process.env };
let dir = '';
let written: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-'));
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...saved };
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('runnerCore', () => {
  it('reads INPUT_<NAME> trimmed, spaces as underscores, empty when absent', () => {
    process.env['INPUT_POLL-INTERVAL'] = '  2 \n';
    process.env.INPUT_MY_INPUT = 'x';
    expect(runnerCore.getInput('poll-interval')).toBe('2');
    expect(runnerCore.getInput('my input')).toBe('x');
    expect(runnerCore.getInput('absent')).toBe('');
  });

  it('writes outputs as delimited blocks to $GITHUB_OUTPUT, JSON for non-strings', () => {
    const file = join(dir, 'output');
    writeFileSync(file, '');
    process.env.GITHUB_OUTPUT = file;
    runnerCore.setOutput('results', '[{"a":"line1\\nline2"}]');
    runnerCore.setOutput('failed', 2);
    runnerCore.setOutput('none', null);
    expect(parseOutputs(readFileSync(file, 'utf8'))).toEqual({
      results: '[{"a":"line1\\nline2"}]',
      failed: '2',
      none: '',
    });
    expect(written).toEqual([]);
  });

  it('refuses a $GITHUB_OUTPUT that does not exist; without one, prints set-output', () => {
    process.env.GITHUB_OUTPUT = join(dir, 'missing');
    expect(() => runnerCore.setOutput('failed', 1)).toThrow(/Missing file at path/);
    delete process.env.GITHUB_OUTPUT;
    runnerCore.setOutput('a:b', 'x%\r\ny');
    expect(written.join('')).toBe('\n::set-output name=a%3Ab::x%25%0D%0Ay\n');
  });

  it('escapes command data, fails the step with exit code 1, masks secrets', () => {
    runnerCore.setSecret('s3cret');
    runnerCore.warning('50% done\nnext');
    runnerCore.debug('d');
    runnerCore.info('plain %');
    runnerCore.setFailed('broke');
    expect(written.join('')).toBe(
      '::add-mask::s3cret\n::warning::50%25 done%0Anext\n::debug::d\nplain %\n::error::broke\n',
    );
    expect(process.exitCode).toBe(1);
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY, and says so when there is none', async () => {
    const file = join(dir, 'summary');
    writeFileSync(file, 'before\n');
    process.env.GITHUB_STEP_SUMMARY = file;
    await runnerCore.summary.addRaw('<p>x</p>\n').write();
    expect(readFileSync(file, 'utf8')).toBe('before\n<p>x</p>\n');
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(runnerCore.summary.addRaw('y').write()).rejects.toThrow(/GITHUB_STEP_SUMMARY/);
  });
});
