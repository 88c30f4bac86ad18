import { describe, expect, it } from '@jest/globals';
import { VENDORS } from '../../src/vendors/registry.js';
import { InputError, parseSettings } from '../../src/settings/settings.js';
import type { RawInputs } from '../../src/settings/inputs.js';
import { problemsOf } from '../helpers/problems.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
const connect: RawInputs = {
  vendor: 'posit-connect',
  target: GUID,
  keys: 'all',
  'api-key': 'secret',
  server: 'https://connect.example.com',
};
const xplenty: RawInputs = {
  vendor: 'xplenty',
  target: 'xplenation',
  keys: 'all',
  'api-key': 'secret',
};

describe('parseSettings', () => {
  it('applies the documented defaults', () => {
    const settings = parseSettings(connect);
    expect(settings.vendor.name).toBe('posit-connect');
    expect(settings).toMatchObject({
      target: { text: GUID },
      all: true,
      keys: [],
      dryRun: false,
      failOnError: true,
      concurrency: 8,
      timeoutMs: 30_000,
      retries: 4,
      wait: false,
      waitTimeoutMs: 300_000,
      pollIntervalMs: 1000,
    });
    expect(parseSettings(xplenty).pollIntervalMs).toBe(1000);
  });

  it.each(['posit-connect', 'connect', 'CONNECT', 'Posit-Connect'])(
    'accepts %s as Posit Connect',
    (vendor) => {
      expect(parseSettings({ ...connect, vendor }).vendor.name).toBe('posit-connect');
    },
  );

  it.each(['xplenty', 'integrate-io', 'Integrate-IO'])('accepts %s as Xplenty', (vendor) => {
    expect(parseSettings({ ...xplenty, vendor }).vendor.name).toBe('xplenty');
  });

  it('names the input, the value and what was expected for an unknown vendor', () => {
    const problems = problemsOf({ ...connect, vendor: 'airflow' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^vendor: got "airflow", expected `posit-connect` \(or `connect`\)/,
    );
    // Every vendor, with its aliases: a new one needs no change here.
    for (const vendor of VENDORS) {
      expect(problems[0]).toContain(
        `\`${vendor.name}\`${vendor.aliases.map((alias) => ` (or \`${alias}\`)`).join('')}`,
      );
    }
  });

  it('splits keys on commas, spaces and newlines and collapses duplicates', () => {
    const settings = parseSettings({ ...connect, keys: 'k1, k2\nk3  k1,,k2\n' });
    expect(settings.keys).toEqual(['k1', 'k2', 'k3']);
  });

  it('reads Xplenty job IDs as numbers, so 007 and 7 are one job', () => {
    expect(parseSettings({ ...xplenty, keys: '305 007 7' }).keys).toEqual(['305', '7']);
  });

  it.each(['../etc', 'a%2Fb', 'a/b', 'a?b', 'a#b', '..', 'k.e.y'])(
    'refuses the Connect key %s before any request',
    (key) => {
      const [problem] = problemsOf({ ...connect, keys: `good ${key}` });
      expect(problem).toContain(JSON.stringify(key));
      expect(problem).toMatch(/^keys: .* is not a job key/);
    },
  );

  it.each(['0', '-3', '1.5', 'abc', '12345678901234567890'])(
    'refuses the Xplenty job ID %s',
    (id) => {
      expect(problemsOf({ ...xplenty, keys: id })[0]).toMatch(/^keys: .* is not a job ID/);
    },
  );

  it('refuses a Connect target that is not a UUID', () => {
    expect(problemsOf({ ...connect, target: 'my-app' })[0]).toMatch(
      /^target: got "my-app", expected the content GUID/,
    );
  });

  it('refuses an Xplenty target that is not an account slug', () => {
    expect(problemsOf({ ...xplenty, target: 'acme/../x' })[0]).toMatch(/^target: got/);
  });

  it('falls back to the vendor environment variables for the key and the Connect server', () => {
    const settings = parseSettings(
      { vendor: 'connect', target: GUID, keys: 'all' },
      { CONNECT_API_KEY: 'from-env', CONNECT_SERVER: 'https://c.example.com/' },
    );
    expect(settings.apiKey).toBe('from-env');
    expect(settings.apiBase.href).toBe('https://c.example.com/__api__/');
    expect(parseSettings({ ...xplenty, 'api-key': '' }, { XPLENTY_API_KEY: 'x' }).apiKey).toBe('x');
  });

  it('says where a missing key and a missing Connect server can come from', () => {
    expect(problemsOf({ vendor: 'connect', target: GUID, keys: 'all' })).toEqual([
      `server: missing, and no Posit Publisher deployment file (.posit/publish/deployments/*.toml) under ${process.cwd()} to read it from; give \`server\` (or env CONNECT_SERVER); is the repository checked out (actions/checkout) in an earlier step?`,
      'api-key: missing; set the input or the CONNECT_API_KEY environment variable (or sign in with Trusted Publishing, which needs `permissions: id-token: write` on the job: without it GitHub sets no ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN)',
    ]);
  });

  it.each([
    ['https://c.example.com', 'https://c.example.com/__api__/'],
    ['https://c.example.com/', 'https://c.example.com/__api__/'],
    ['https://c.example.com/__api__', 'https://c.example.com/__api__/'],
    ['https://c.example.com/__api__/', 'https://c.example.com/__api__/'],
    ['https://c.example.com/rsc', 'https://c.example.com/rsc/__api__/'],
    ['https://c.example.com/rsc/__api__/', 'https://c.example.com/rsc/__api__/'],
  ])('reads the Connect server %s as the API root %s', (server, root) => {
    expect(parseSettings({ ...connect, server }).apiBase.href).toBe(root);
  });

  it('puts the Xplenty account under the server, gateway prefix included', () => {
    expect(parseSettings(xplenty).apiBase.href).toBe('https://api.xplenty.com/xplenation/api/');
    expect(parseSettings({ ...xplenty, server: 'https://gw.example.com/etl/' }).apiBase.href).toBe(
      'https://gw.example.com/etl/xplenation/api/',
    );
  });

  it.each(['ftp://c.example.com', 'not a url', 'https://c.example.com/?x=1'])(
    'refuses the server %s',
    (server) => {
      expect(problemsOf({ ...connect, server })[0]).toMatch(/^server: got/);
    },
  );

  it('refuses credentials in the server URL without echoing them', () => {
    const [problem] = problemsOf({ ...connect, server: 'https://user:hunter2@c.example.com' });
    expect(problem).toBe('server: must not carry credentials; give the key in `api-key`');
  });

  it.each([
    ['concurrency', '0', 'concurrency: got "0", expected a whole number from 1 to 64'],
    ['concurrency', '65', 'concurrency: got "65", expected a whole number from 1 to 64'],
    ['concurrency', '2.5', 'concurrency: got "2.5", expected a whole number from 1 to 64'],
    ['timeout', '0', 'timeout: got "0", expected seconds, at least 0.1 and at most 3600'],
    ['timeout', '3601', 'timeout: got "3601", expected seconds, at least 0.1 and at most 3600'],
    ['retries', '11', 'retries: got "11", expected a whole number from 0 to 10'],
    [
      'wait-timeout',
      '21601',
      'wait-timeout: got "21601", expected seconds, at least 1 and at most 21600',
    ],
    [
      'poll-interval',
      'soon',
      'poll-interval: got "soon", expected seconds, at least 0.2 and at most 3600',
    ],
    ['dry-run', 'maybe', 'dry-run: got "maybe", expected true or false'],
  ])('refuses %s = %s', (name, value, message) => {
    expect(problemsOf({ ...connect, [name]: value })).toEqual([message]);
  });

  it('accepts decimal seconds', () => {
    const settings = parseSettings({ ...connect, timeout: '0.5', 'poll-interval': '0.25' });
    expect(settings.timeoutMs).toBe(500);
    expect(settings.pollIntervalMs).toBe(250);
  });

  it('refuses package-id with Connect, and with explicit keys', () => {
    expect(problemsOf({ ...connect, 'package-id': '103' })[0]).toMatch(
      /^package-id: only for vendor xplenty/,
    );
    expect(problemsOf({ ...xplenty, keys: '305', 'package-id': '103' })[0]).toMatch(
      /^package-id: narrows `keys: all`; with explicit keys it would be ignored/,
    );
    expect(parseSettings({ ...xplenty, 'package-id': '103' }).configured.options).toEqual({
      packageId: 103,
      olderThan: null,
      clusters: null,
    });
  });

  it.each(['all', 'ALL', ' All \n'])('reads keys %j as every active job', (keys) => {
    expect(parseSettings({ ...connect, keys })).toMatchObject({ all: true, keys: [] });
  });

  it('reads explicit keys as those jobs only, never as every job', () => {
    expect(parseSettings({ ...connect, keys: 'k1 k2' })).toMatchObject({ all: false });
  });

  it.each(['', ' ', ',', ' , \n ,', '\n\n'])(
    'refuses keys %j, which would otherwise read as "every job", and says to write all',
    (keys) => {
      const [problem] = problemsOf({ ...connect, keys });
      expect(problem).toMatch(/^keys: .*; give job keys, or `all` for every active job/);
    },
  );

  it('refuses all mixed with keys', () => {
    expect(problemsOf({ ...xplenty, keys: 'all, 305' })).toEqual([
      'keys: `all` stands alone; give either `all` or job IDs, not both',
    ]);
  });

  it('reports every problem at once, and keeps the keys it could read', () => {
    try {
      parseSettings({ vendor: 'xplenty', target: 'bad slug', keys: '1 2', concurrency: 'many' });
      throw new Error('expected an InputError');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const inputError = error as InputError;
      expect(inputError.problems).toHaveLength(3);
      expect(inputError.message).toMatch(/^Invalid inputs:\n- target/);
      expect(inputError.partial).toEqual({ vendor: 'xplenty', keys: ['1', '2'] });
    }
  });

  it('keeps the valid keys when another key is refused, so they still get their rows', () => {
    try {
      parseSettings({ ...connect, keys: 'good-1 ../up good-2' });
      throw new Error('expected an InputError');
    } catch (error) {
      expect((error as InputError).partial.keys).toEqual(['good-1', 'good-2']);
    }
  });

  it.each([
    ['a bell', 'abc\u0007def'],
    ['a tab inside', 'abc\tdef'],
    ['DEL', 'abc\u007fdef'],
    ['a C1 control', 'abc\u0085def'],
    ['a euro sign', 'abc€def'],
    ['an emoji', 'abc\u{1F511}def'],
  ])('refuses a key with %s, which cannot travel in a header, without echoing it', (_, key) => {
    const problems = problemsOf({ ...connect, 'api-key': key });
    expect(problems).toEqual([
      'api-key: contains a control character or one outside Latin-1, which cannot travel in an HTTP header; paste the key alone',
    ]);
    expect(problems.join('\n')).not.toContain('abc');
  });

  it('accepts a key with Latin-1 letters and trims the whitespace around it', () => {
    expect(parseSettings({ ...connect, 'api-key': ' \tclé-0123\t\n' }).apiKey).toBe('clé-0123');
  });

  it('refuses a poll-interval longer than wait-timeout when waiting, naming both', () => {
    const waiting = { ...connect, wait: 'true', 'wait-timeout': '5', 'poll-interval': '6' };
    expect(problemsOf(waiting)).toEqual([
      'poll-interval: 6 s is longer than wait-timeout (5 s), so the wait could poll only once; shorten poll-interval or lengthen wait-timeout',
    ]);
    expect(parseSettings({ ...waiting, 'poll-interval': '5' }).pollIntervalMs).toBe(5000);
    expect(parseSettings({ ...waiting, wait: 'false' }).wait).toBe(false);
  });

  it('never repeats the API key in a message', () => {
    const problems = problemsOf({ ...connect, 'api-key': 'line1\nline2-secret', concurrency: 'x' });
    expect(problems.join('\n')).not.toContain('secret');
  });
});
