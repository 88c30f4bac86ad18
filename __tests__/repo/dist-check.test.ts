// `npm run bundle` empties dist/ before it builds, and `npm run check-dist` (CI's check that the
// committed dist/ is what the source builds) also refuses files the build does not produce.
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distProblems, nccCommand } from '../../scripts/check-dist.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { bundle: string } }
).scripts.bundle;

const scratch: string[] = [];
afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder holding `files` (name: content). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dist-check-'));
  scratch.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('npm run bundle', () => {
  it('empties dist/ first, with a Node script (no shell rm, so Windows too), then runs ncc', () => {
    expect(bundle).toMatch(/^node scripts\/clean-dist\.mjs && ncc build /);
    expect(nccCommand(bundle)).toMatch(/^ncc build src\/index\.ts -o dist /);
  });

  it('its clean step removes every file of the folder, stale chunks included', () => {
    const dist = folder({ 'index.js': 'new', '999.index.js': 'an older build' });
    mkdirSync(join(dist, 'nested'));
    execFileSync(process.execPath, [join(root, 'scripts/clean-dist.mjs'), dist]);
    expect(existsSync(dist)).toBe(false);
  });
});

describe('check-dist', () => {
  const build = { 'index.js': 'bundle', '7.index.js': 'chunk', 'licenses.txt': 'MIT' };

  it('accepts a dist/ that is the build', () => {
    expect(distProblems(folder(build), folder(build))).toEqual([]);
  });

  it('refuses a file the build does not produce, with advice that removes it', () => {
    const committed = folder({ ...build, '150.index.js': 'a chunk of an older build' });
    expect(distProblems(committed, folder(build))).toEqual([
      'dist/ holds files the build does not produce: 150.index.js. Run `npm run bundle` ' +
        '(it empties dist/ first) and commit dist/ with the deletions (`git add -A dist`).',
    ]);
  });

  it('refuses a differing or missing file', () => {
    const committed = folder({ 'index.js': 'older bundle', 'licenses.txt': 'MIT' });
    expect(distProblems(committed, folder(build))).toEqual([
      'dist/ differs from a fresh bundle: 7.index.js, index.js. Run `npm run bundle` and commit dist/.',
    ]);
  });

  it('only knows a bundle script that writes to dist', () => {
    expect(nccCommand('ncc build src/index.ts -o out --quiet')).toBeNull();
    expect(nccCommand('node scripts/clean-dist.mjs')).toBeNull();
  });
});
