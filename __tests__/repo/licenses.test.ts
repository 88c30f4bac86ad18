// The licence check of the bundle (scripts/check-licenses.mjs), on the committed dist/ and on
// a made-up bundle with a package whose licence is not allowed.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundledPackages,
  distLicenceProblems,
  licenceProblems,
} from '../../scripts/check-licenses.mjs';

describe('licences of the bundled packages', () => {
  it('are all allowed and listed in dist/licenses.txt', () => {
    expect(distLicenceProblems()).toEqual([]);
  });

  describe('on a made-up bundle', () => {
    const root = mkdtempSync(join(tmpdir(), 'licences-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const install = (folder: string, manifest: object) => {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, 'package.json'), JSON.stringify(manifest));
    };
    install('node_modules/kind', { name: 'kind', license: 'MIT' });
    install('node_modules/either', { name: 'either', license: '(GPL-3.0-only OR Apache-2.0)' });
    install('node_modules/kind/node_modules/@x/copyleft', { license: 'GPL-3.0-only' });
    install('node_modules/vague', { license: 'SEE LICENSE IN LICENSE.txt' });
    install('node_modules/silent', {});
    const sourceMap = {
      sources: [
        '.././src/index.ts',
        '.././node_modules/kind/index.js',
        '.././node_modules/kind/lib/a.js',
        '.././node_modules/either/index.js',
        '.././node_modules/kind/node_modules/@x/copyleft/lib/index.js',
        '.././node_modules/vague/index.js',
        '.././node_modules/silent/index.js',
        '.././node_modules/gone/index.js',
      ],
    };
    const licensesText = [
      'kind\nMIT\nThe MIT License',
      'either\n(GPL-3.0-only OR Apache-2.0)\nApache License',
      '@x/copyleft\nGPL-3.0-only\nGNU GENERAL PUBLIC LICENSE',
    ].join('\n\n');

    it('finds each package, nested ones in their own folder', () => {
      const packages = bundledPackages(sourceMap, join(root, 'dist'));
      expect([...packages.keys()]).toEqual([
        'kind',
        'either',
        '@x/copyleft',
        'vague',
        'silent',
        'gone',
      ]);
      expect(packages.get('@x/copyleft')).toBe(
        join(root, 'node_modules/kind/node_modules/@x/copyleft'),
      );
    });

    it('refuses a licence outside the allow-list, none, and one missing from licenses.txt', () => {
      const packages = bundledPackages(sourceMap, join(root, 'dist'));
      expect(licenceProblems({ packages, licensesText })).toEqual([
        '@x/copyleft: licence GPL-3.0-only is not in the allow-list',
        `gone: not installed at ${join(root, 'node_modules/gone')}`,
        'silent: its package.json names no licence',
        'vague: licence SEE LICENSE IN LICENSE.txt is not in the allow-list',
        'vague: not listed with SEE LICENSE IN LICENSE.txt in dist/licenses.txt',
      ]);
    });
  });
});
