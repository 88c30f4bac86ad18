// The fakes answer in the shapes the real services send (see the project's reference notes):
// what the clients are tested against must not be friendlier than production.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

type Closable = { close(): Promise<void> };
const open: Closable[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function connectGet(
  options: Parameters<typeof startConnect>[0],
  path: string,
  method = 'GET',
) {
  const server = await startConnect(options);
  open.push(server);
  const response = await fetch(`${server.server}/__api__/${path.replace('{guid}', server.guid)}`, {
    method,
    headers: { authorization: `Key ${server.apiKey}` },
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a body of any shape, read by the assertions
  return { server, status: response.status, body: (await response.json()) as any };
}

describe('fake Posit Connect', () => {
  it('serves the content item with its active bundle_id', async () => {
    const { server, status, body } = await connectGet({ bundle: '127016' }, 'v1/content/{guid}');
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.objectContaining({ guid: server.guid, bundle_id: '127016', id: '52389' }),
    );
  });

  it('lists jobs with bundle_id, tag and start_time; app_id only before 2025.01', async () => {
    const jobs = [{ key: 'a1', bundle: '9', tag: 'build_report', startedAgoMs: 60_000 }];
    const { body } = await connectGet({ jobs }, 'v1/content/{guid}/jobs');
    expect(body[0]).toEqual(
      expect.objectContaining({ key: 'a1', bundle_id: '9', tag: 'build_report', app_id: '52389' }),
    );
    expect(Date.now() - Date.parse(body[0].start_time)).toBeGreaterThanOrEqual(59_000);
    expect(body[0]).not.toHaveProperty('content_id');
  });

  it('adds content_id and content_guid from 2025.01, and can drop app_id', async () => {
    const both = await connectGet(
      { version: '2025.01.0', jobs: [{ key: 'a1' }] },
      'v1/content/{guid}/jobs',
    );
    expect(both.body[0]).toEqual(
      expect.objectContaining({
        app_id: '52389',
        content_id: '52389',
        content_guid: both.server.guid,
      }),
    );
    const newest = await connectGet(
      { idFields: 'content', jobs: [{ key: 'a1' }] },
      'v1/content/{guid}/jobs/a1',
      'DELETE',
    );
    expect(newest.body).toEqual({
      guid: expect.stringMatching(UUID),
      content_id: '52389',
      content_guid: newest.server.guid,
      job_id: expect.any(Number),
      job_key: 'a1',
      result: 'Order to kill job registered',
    });
  });

  it('answers a kill order with a UUID guid and a numeric app_id', async () => {
    const { server, body } = await connectGet(
      { jobs: [{ key: 'a1' }] },
      'v1/content/{guid}/jobs/a1',
      'DELETE',
    );
    expect(body).toEqual(
      expect.objectContaining({
        guid: expect.stringMatching(UUID),
        app_id: 52389,
        app_guid: server.guid,
      }),
    );
  });

  it('finalizes a killed job with end_time still null', async () => {
    const { server } = await connectGet(
      { jobs: [{ key: 'a1' }] },
      'v1/content/{guid}/jobs/a1',
      'DELETE',
    );
    expect(server.job('a1')).toEqual(expect.objectContaining({ status: 2, end_time: null }));
  });

  it('answers 409/163 for a job the list still showed active', async () => {
    const options = { jobs: [{ key: 'a1', endsBeforeKill: true }] };
    const listed = await connectGet(options, 'v1/content/{guid}/jobs');
    expect(listed.body[0].status).toBe(0);
    const killed = await connectGet(options, 'v1/content/{guid}/jobs/a1', 'DELETE');
    expect([killed.status, killed.body.code]).toEqual([409, 163]);
  });
});

describe('fake Xplenty', () => {
  it('embeds package and cluster in lists, not in a job of its own', async () => {
    const server = await startXplenty({ jobs: [{ id: 1 }, { id: 2, status: 'queued' }] });
    open.push(server);
    const headers = {
      authorization: `Basic ${Buffer.from(`${server.apiKey}:`).toString('base64')}`,
      accept: 'application/vnd.xplenty+json; version=2',
    };
    const base = `${server.server}/${server.account}/api/`;
    const list = (await (
      await fetch(`${base}jobs?limit=1&offset=0&status=all&direction=asc`, { headers })
    ).json()) as Array<Record<string, unknown>>;
    expect(list[0]).toEqual(
      expect.objectContaining({
        id: 1,
        package: expect.objectContaining({ id: 103 }),
        cluster: expect.objectContaining({ id: 176 }),
      }),
    );
    const one = (await (await fetch(`${base}jobs/2`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(one).not.toHaveProperty('package');
    expect(one.started_at).toBeNull();
  });

  it('pages with a Link header of absolute URLs, next and prev', async () => {
    const server = await startXplenty({ jobs: [1, 2, 3].map((id) => ({ id })) });
    open.push(server);
    const headers = {
      authorization: `Basic ${Buffer.from(`${server.apiKey}:`).toString('base64')}`,
      accept: 'application/vnd.xplenty+json; version=2',
    };
    const base = `${server.server}/${server.account}/api/jobs`;
    const middle = await fetch(`${base}?status=running&offset=1&limit=1`, { headers });
    expect(middle.headers.get('link')).toBe(
      `<${base}?status=running&offset=2&limit=1>; rel="next", <${base}?status=running&offset=0&limit=1>; rel="prev"`,
    );
    const last = await fetch(`${base}?status=running&offset=2&limit=1`, { headers });
    expect(last.headers.get('link')).toBe(`<${base}?status=running&offset=1&limit=1>; rel="prev"`);
  });
});
