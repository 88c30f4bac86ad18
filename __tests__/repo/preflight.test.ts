// Issue 26, item 11: `npm test` and `npm run demo` on a fresh clone before `npm ci`, or after
// `npm ci --ignore-scripts` (no Node 24 at node_modules/.bin/node), say what to run instead of
// a raw stack trace or a silent run on the PATH's Node. Run as a newcomer would: npm in a copy
// of the repository, with node_modules/.bin off the PATH (the Node of the machine, 20 on CI).
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIPPED = new Set(['node_modules', '.git', 'coverage']);

const removals: (() => void)[] = [];
afterEach(() => removals.splice(0).forEach((remove) => remove()));

/** A copy of the repository without node_modules (a fresh clone), removed after the test. */
function clone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terminate-jobs-clone-'));
  removals.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const entry of readdirSync(ROOT)) {
    if (!SKIPPED.has(entry)) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/**
 * node_modules as `npm ci --ignore-scripts` leaves it: every package, but the `node` package's
 * preinstall never ran, so node_modules/.bin has no `node`.
 */
function installWithoutScripts(dir: string): void {
  const real = realpathSync(join(ROOT, 'node_modules'));
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  for (const entry of readdirSync(real)) {
    if (entry !== '.bin' && entry !== 'node') symlinkSync(join(real, entry), join(modules, entry));
  }
  for (const bin of readdirSync(join(real, '.bin'))) {
    if (bin !== 'node') symlinkSync(join(real, '.bin', bin), join(modules, '.bin', bin));
  }
}

/** `npm …` in `dir` on the machine's Node: node_modules/.bin (of any project) off the PATH. */
function npm(dir: string, ...args: string[]) {
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((part) => !part.includes('node_modules'))
    .join(delimiter);
  const result = spawnSync('npm', args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: path,
      HOME: process.env.HOME ?? dir,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm test and npm run demo check the install first', () => {
  it.each(['test', 'run demo'])(
    'npm %s before npm ci: says to run npm ci, no stack trace',
    (command) => {
      const { code, output } = npm(clone(), ...command.split(' '));
      expect(code).toBe(1);
      expect(output).toContain(
        `Cannot run npm ${command}: the dependencies are not installed (no node_modules, or an install that did not finish).`,
      );
      expect(output).toContain('Run `npm ci` (with its scripts');
      expect(output).not.toMatch(/^\s+at /m);
    },
  );

  it('npm run demo after npm ci --ignore-scripts: says Node 24 is missing, runs nothing on the Node of the PATH', () => {
    const dir = clone();
    installWithoutScripts(dir);
    const { code, output } = npm(dir, 'run', 'demo');
    expect(code).toBe(1);
    expect(output).toContain(
      "Cannot run npm run demo: the dependencies were installed without their scripts (`npm ci --ignore-scripts`, or `ignore-scripts` in an .npmrc): the `node` dev dependency's preinstall did not put Node 24 at node_modules/.bin/node",
    );
    expect(output).not.toContain('Posit Connect');
  });

  it('passes on this installed checkout, on node_modules/.bin/node', () => {
    const node = join(ROOT, 'node_modules', '.bin', 'node');
    const result = spawnSync(node, [join(ROOT, 'scripts', 'preflight.mjs'), 'test'], {
      encoding: 'utf8',
    });
    expect([result.status, result.stderr]).toEqual([0, '']);
  });
});
