// The command at a terminal: a pseudo-terminal from util-linux's `script`, so stdout and stderr
// are TTYs as in a person's shell. Colours there, never with NO_COLOR nor through a pipe; the
// wait's standing on one line rewritten in place, only on a terminal.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startConnect } from '../fakes/connect.mjs';
import { openSet } from '../fakes/setup.mjs';
import { CLI, runCli } from './cli.mjs';

const open = openSet();
afterEach(open.closeAll);

const hasScript = spawnSync('script', ['--version']).status === 0;
const COVERAGE_DIR = process.env.DIST_V8_COVERAGE && resolve(process.env.DIST_V8_COVERAGE);
const PRELOAD = new URL('../fakes/dist-coverage.mjs', import.meta.url).href;
const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
const ESC = String.fromCharCode(0x1b);
// ESC [ 3x m: a foreground colour (red 31, green 32, yellow 33); ESC [ 39 m: back to default.
const COLOUR = new RegExp(`${ESC}\\[3[0-9]m`);
const [YELLOW, PLAIN] = [`${ESC}[33m`, `${ESC}[39m`];
const ERASE_LINE = `\r${ESC}[2K`;

/** Runs the command on a pseudo-terminal; what the terminal showed (stdout and stderr). */
async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const preload = COVERAGE_DIR ? ['--import', PRELOAD] : [];
  const command = [process.execPath, ...preload, CLI, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/',
      TERM: 'xterm-256color',
      ...(COVERAGE_DIR ? { DIST_COVERAGE_DIR: COVERAGE_DIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let shown = '';
  child.stdout.on('data', (chunk) => (shown += chunk));
  await new Promise((done) => child.on('close', done));
  return shown;
}

/** A wait that times out after about 2 s, polled every 0.2 s: many rounds, one warning. */
async function longWait() {
  const server = await open.keep(
    startConnect({ jobs: [{ key: 'stubbornJob00001', stopAfterMs: 600_000 }] }),
  );
  const args = ['--vendor', server.vendor, '--target', server.target, '--server', server.server];
  args.push(
    '--keys',
    'stubbornJob00001',
    '--wait',
    '--wait-timeout',
    '2',
    '--poll-interval',
    '0.2',
  );
  args.push('--no-fail-on-error');
  return { args, env: { CONNECT_API_KEY: server.apiKey } };
}

(hasScript ? describe : describe.skip)('terminate-jobs at a terminal', () => {
  it('shows the wait on one line rewritten in place, and outcomes and warnings in colour', async () => {
    const { args, env } = await longWait();
    const shown = await onTerminal(args, env);
    const standings = shown
      .split(ERASE_LINE)
      .filter((part) => /still active, \d+ s left/.test(part));
    expect(standings.length).toBeGreaterThan(2);
    expect(shown).toMatch(/0 of 1 jobs stopped, 1 still active, [0-9] s left/);
    expect(shown).toContain(`${YELLOW}timed-out   ${PLAIN} stubbornJob00001`);
    expect(shown).toContain(`${YELLOW}Warning: `);
    // The standing is erased before the next line: what follows one is the erase, nothing else.
    for (const part of shown.split(/s left/).slice(1))
      expect(part.startsWith(ERASE_LINE)).toBe(true);
  }, 30_000);

  it('with NO_COLOR: no colour, the standing line still', async () => {
    const { args, env } = await longWait();
    const shown = await onTerminal(args, { ...env, NO_COLOR: '1' });
    expect(shown).not.toMatch(COLOUR);
    expect(shown).toContain(ERASE_LINE);
    expect(shown).toMatch(/timed-out\s+stubbornJob00001/);
  }, 30_000);
});

describe('terminate-jobs through a pipe', () => {
  it('prints neither colours nor a standing line', async () => {
    const { args, env } = await longWait();
    const run = await runCli(args, { env: { ...env, FORCE_COLOR: '1' } });
    expect(run.stdout).toMatch(/^timed-out\s+stubbornJob00001/m);
    expect(`${run.stdout}${run.stderr}`).not.toContain(ESC);
    expect(run.stderr).not.toContain('\r');
  }, 30_000);
});
