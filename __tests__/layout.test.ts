// The layout's promises: defaults have one source (action.yml), every input is declared there,
// and nothing outside a vendor's own folder names a vendor.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
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
      const target = vendor.name === 'posit-connect' ? VALID_GUID : 'acme';
      const settings = parseSettings({
        vendor: vendor.name,
        target,
        keys: 'all',
        'api-key': 'k',
        server: 'https://example.com',
      });
      expect(settings.pollIntervalMs).toBe(seconds * 1000);
    }
  });
});

const VALID_GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';

describe('one vendor, one place', () => {
  const shared = [
    'main.ts',
    'inputs.ts',
    'report.ts',
    'summary.ts',
    'html.ts',
    'logs.ts',
    'results.ts',
    'wait.ts',
    'terminate.ts',
    'outcomes.ts',
  ];
  const names = VENDORS.flatMap((v) => [v.name, ...v.aliases, v.title, v.apiKeyEnv]);

  it.each(shared)('src/%s names no vendor', (file) => {
    const text = read(`src/${file}`);
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
