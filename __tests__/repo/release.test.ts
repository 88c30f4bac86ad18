// The changelog section that the release workflow publishes as the release notes.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changelogSection } from '../../scripts/changelog-section.mjs';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

const CHANGELOG = `# Changelog

## [Unreleased]

### Fixed

- Something not released yet.

## [1.1.0] - 2026-12-01

### Added

- Input \`foo\`.

## [1.0.0] - 2026-11-23

- The first release.

## [0.9.0]

[1.1.0]: https://github.com/OWNER/terminate-jobs/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/OWNER/terminate-jobs/releases/tag/v1.0.0
`;

describe('changelogSection', () => {
  it("gives the text under a version's heading, up to the next heading", () => {
    expect(changelogSection(CHANGELOG, 'v1.1.0')).toBe('### Added\n\n- Input `foo`.');
    expect(changelogSection(CHANGELOG, '1.0.0')).toBe('- The first release.');
    expect(changelogSection(CHANGELOG, 'Unreleased')).toBe(
      '### Fixed\n\n- Something not released yet.',
    );
  });

  it('refuses a version without a section, and an empty section', () => {
    expect(() => changelogSection(CHANGELOG, 'v1.2.0')).toThrow('no section "## [1.2.0]"');
    expect(() => changelogSection(CHANGELOG, 'v1.1')).toThrow('no section "## [1.1]"');
    expect(() => changelogSection(CHANGELOG, 'v0.9.0')).toThrow(
      '"## [0.9.0]" of CHANGELOG.md is empty',
    );
  });

  it("reads the real CHANGELOG.md: the section of package.json's version", () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(changelogSection(read('CHANGELOG.md'), version)).toMatch('### Added');
  });

  it('prints the section from the command line, and exits 1 without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'changelog-'));
    try {
      const file = join(dir, 'CHANGELOG.md');
      writeFileSync(file, CHANGELOG.replace(/\n/g, '\r\n'));
      const script = new URL('scripts/changelog-section.mjs', root).pathname;
      const run = (version: string) =>
        execFileSync(process.execPath, [script, version, file], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
      expect(run('v1.0.0')).toBe('- The first release.\n');
      expect(() => run('v2.0.0')).toThrow('changelog-section: CHANGELOG.md has no section');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
