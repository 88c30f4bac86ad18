// The layout's promises: defaults have one source (action.yml), every input is declared there,
// and nothing outside a vendor's own folder names a vendor.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULTS, inputNames, Inputs, parseSettings } from '../src/inputs.js';
import { OUTCOMES } from '../src/outcomes.js';
import { VENDORS } from '../src/vendors/registry.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const action = parse(read('action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
};

describe('one source of defaults', () => {
  it('the code declares every input of action.yml, and no other', () => {
    expect(inputNames().sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it.each(Object.values(Inputs))("the code's default of %s is action.yml's", (name) => {
    expect(DEFAULTS[name]).toBe(action.inputs[name]?.default ?? '');
  });

  it.each(VENDORS.flatMap((v) => v.ownInputs.map((name) => [v.name, name])))(
    "%s's own input %s has no default in action.yml: absent means not used",
    (_vendor, name) => {
      expect(action.inputs[name as string]?.default ?? '').toBe('');
    },
  );

  it("parseSettings applies action.yml's default when the input is empty", () => {
    for (const vendor of VENDORS) {
      const seconds = Number(DEFAULTS['poll-interval']);
      const settings = parseSettings({
        vendor: vendor.name,
        target: vendor.example.target,
        keys: 'all',
        'api-key': 'k',
        server: 'https://example.com',
      });
      expect(settings.pollIntervalMs).toBe(seconds * 1000);
    }
  });
});

describe('one vendor, one place', () => {
  const shared = readdirSync(new URL('src/', root)).filter((file) => file.endsWith('.ts'));
  const names = VENDORS.flatMap((v) => [v.name, ...v.aliases, v.title, v.apiKeyEnv]);

  // The tools and tests every vendor shares read the vendors' own modules and fakes, so a new
  // vendor needs no change here (CONTRIBUTING → A new vendor).
  const tools = [
    'scripts/fakes.mjs',
    '__tests__/fakes/setup.mjs',
    '__tests__/layout.test.ts',
    '__tests__/fakes/runner.mjs',
  ];

  it.each([...shared.map((file) => `src/${file}`), ...tools])('%s names no vendor', (file) => {
    const text = read(file);
    for (const name of names) {
      expect(text).not.toMatch(new RegExp(`\\b${name.replace(/-/g, '\\-')}\\b`, 'i'));
    }
  });

  it('no two vendors answer to the same name', () => {
    const all = VENDORS.flatMap((v) => [v.name, ...v.aliases]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('every outcome says whether it fails the run, is an accepted order, and is waited on', () => {
    for (const meaning of Object.values(OUTCOMES)) {
      expect(Object.keys(meaning).sort()).toEqual(['accepted', 'failure', 'waitedOn']);
    }
    // Only an accepted order is waited on: a wait never polls a job it did not stop.
    for (const meaning of Object.values(OUTCOMES)) {
      if (meaning.waitedOn) expect(meaning.accepted).toBe(true);
    }
  });
});
