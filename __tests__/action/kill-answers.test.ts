// Issue 26, item 14 (a): a 2xx kill answer is an accepted order only when its body is empty or
// a JSON object. JSON of another kind (an array, a string, a boolean, null) is no vendor's
// answer to a kill order: the row is an error, nothing counts as terminated.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

type Row = Record<string, unknown> & { outcome: string; error: string | null };

const NOT_OBJECTS = ['[]', '"OK"', 'true', 'null'];

type Fake = Awaited<ReturnType<typeof startXplenty>> | Awaited<ReturnType<typeof startConnect>>;

const vendors: Record<string, { title: string; key: string; start: () => Promise<Fake> }> = {
  'posit-connect': {
    title: 'Posit Connect',
    key: 'k3sHkEoWJNwQim7g',
    start: () => startConnect({ jobs: [{ key: 'k3sHkEoWJNwQim7g' }] }),
  },
  xplenty: {
    title: 'Xplenty',
    key: '1',
    start: () => startXplenty({ jobs: [{ id: 1 }] }),
  },
};

describe.each(Object.entries(vendors))(
  '%s: a 200 kill answer of JSON that is no object',
  (_, v) => {
    it.each(NOT_OBJECTS)('%s is an error row, not a kill', async (text) => {
      const server = await open.keep(v.start());
      server.inject({
        method: 'DELETE',
        kind: 'status',
        status: 200,
        text,
        headers: { 'content-type': 'application/json' },
      });
      const run = await runAction(inputsFor(server, { keys: v.key, retries: '0' }));
      const rows = run.rows as Row[];
      expect(rows).toHaveLength(1);
      expect(rows[0]?.outcome).toBe('error');
      expect(rows[0]?.error).toMatch(
        new RegExp(`^the answer did not come from the ${v.title} API \\(HTTP 200`),
      );
      expect(run.outputs.terminated).toBe('0');
      expect(run.code).toBe(1);
    });
  },
);
