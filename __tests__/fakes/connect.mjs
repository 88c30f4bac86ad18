// A loopback server that behaves like Posit Connect's content jobs API, as captured in
// __tests__/fixtures/connect (and described in the project's reference notes): the content
// item with its active bundle, its bundles (drafts and deploy metadata included), jobs and kill
// orders in the fields of the server's version.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OIDC_SUBJECT, verifyToken } from './oidc.mjs';
import { json, startServer } from './server.mjs';

const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../fixtures/connect/${name}`, import.meta.url), 'utf8'));

export const CONNECT_GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
export const CONNECT_KEY = 'connect-fake-api-key-0123456789';

const NOT_FOUND = { code: 4, error: 'The requested object does not exist.', payload: null };
export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/**
 * A trusted publisher on the content (Connect 2026.07.0 and later, Enhanced or Advanced): the
 * OIDC tokens it accepts, by audience and subject.
 * @typedef {object} TrustedPublishing
 * @property {string} [audience]   default `connect`, the default of Connect's form
 * @property {string} [subject]    default the OIDC fake's subject claim
 * @property {number} [publishers] how many service principals match (2: ambiguous)
 * @property {string[]} [grantTypes] the metadata's grant_types_supported
 * @property {(server: string) => string} [tokenEndpoint] the metadata's token_endpoint
 * @property {string} [content] the content item that trusts the publisher (default CONNECT_GUID):
 *           a minted key is for it alone, and any other item answers it 403
 */

const FORBIDDEN = {
  code: 22,
  error: "You don't have permission to perform this operation.",
  payload: null,
};

/**
 * @typedef {object} ConnectJobSpec
 * @property {string} key
 * @property {number} [status]      0 active (default), 1 finished, 2 finalized
 * @property {number} [stopAfterMs] after a kill order, how long the job stays active (default 0)
 * @property {number} [stopsAt] after a kill order, active until this time too (epoch ms): jobs
 *           that end together however far apart their kill orders came
 * @property {string} [bundle]      its `bundle_id` (default the captured job's)
 * @property {string} [tag]         its `tag` (default `run_app`)
 * @property {number|null} [startedAgoMs] its `start_time` this long before it was added; null:
 *           not started (`start_time` null). Default: the captured job's time.
 * @property {boolean} [endsBeforeKill] it ends just as its kill order arrives: the list still
 *           showed it active, the DELETE answers 409 with code 163 (the race Connect shows)
 * @property {string[]} [log]  the `data` of its log entries, oldest first (default: a few
 *           lines of the session starting up, as `defaultLog` writes them)
 * @property {boolean} [unlisted] the content's job list leaves it out (its own GET shows it)
 */

/**
 * Which id fields jobs and kill orders carry: `app` (`app_id`, `app_guid`) before 2025.01,
 * `both` from 2025.01 (`content_id`, `content_guid` added), `content` for a server that has
 * dropped the deprecated `app_*` fields.
 * @typedef {'app'|'both'|'content'} IdFields
 */

/**
 * Another content item on the server, listed by `GET v1/content`.
 * @typedef {object} ConnectItemSpec
 * @property {string} guid
 * @property {string} [name]       its `name` (default `item-` and the GUID's first 8 characters)
 * @property {string} [title]      its `title` (default: none, null)
 * @property {string[]} [tags]     the names of its tags (`include=tags`)
 * @property {string|null} [bundle] its active `bundle_id` (default 127015)
 * @property {ConnectJobSpec[]} [jobs]
 * @property {'gone'|'forbidden'} [refuses] how it answers once listed: `gone`, 404 code 4 (deleted
 *           meanwhile); `forbidden`, 403 code 22 to its jobs, its own GET, its bundles and its
 *           kill orders
 * @property {ConnectBundleSpec[]} [bundles] its bundles beyond the ones it lists anyway (see
 *           `options.bundles`)
 */

/**
 * A bundle of a content item, as `GET v1/content/{guid}/bundles` lists it. Every item lists its
 * active bundle and the bundle of each of its jobs without being told; a spec adds one or gives
 * one of those its metadata.
 * @typedef {object} ConnectBundleSpec
 * @property {string} id           a string of digits, like every id Connect sends
 * @property {Record<string, string|null>|'absent'} [metadata] the deploy's metadata, over the
 *           fields every bundle has (`source`, `source_repo`, `source_branch`,
 *           `source_commit` null, the archive's hashes): what `--metadata` sends to Connect
 *           2025.12.0 and later (see `previewMetadata`, `liveMetadata`). `absent`: the bundle
 *           has no `metadata` field at all. Default: no deploy metadata.
 * @property {number} [createdAgoMs] its `created_time` this long before it was added (default:
 *           a fixed time that grows with the id)
 * @property {boolean} [deleted]   deleted (what `cleanup-previews` does): neither listed nor
 *           found, though jobs may still name it
 */

/**
 * @param {object} [options]
 * @param {string} [options.apiKey]
 * @param {string|null} [options.version]   server_settings version; null leaves it out
 * @param {string} [options.prefix]         a path prefix the server lives under
 * @param {boolean} [options.legacy]        a server older than 2022.10.0: no jobs endpoints
 * @param {boolean} [options.forbidden]     the key may read but not kill (403 on DELETE)
 * @param {ConnectJobSpec[]} [options.jobs] jobs of CONNECT_GUID (default: the captured list)
 * @param {string|null} [options.bundle]    the content's active `bundle_id` (default the captured
 *        jobs' bundle, 127015); null: a content item that has never been deployed
 * @param {IdFields} [options.idFields]     default from `version`: `both` from 2025.01, else `app`
 * @param {ConnectItemSpec[]} [options.items] more content items, after CONNECT_GUID's
 * @param {boolean} [options.listless] `GET v1/content` lists only the items of `options.items`
 * @param {number} [options.latencyMs]
 * @param {boolean} [options.bom]         every JSON answer starts with a UTF-8 byte order mark
 * @param {TrustedPublishing} [options.trustedPublishing] serve OAuth metadata and exchange OIDC
 *        tokens for API keys; absent: the discovery document is a 404, as on older servers
 * @param {ConnectBundleSpec[]} [options.bundles] bundles of CONNECT_GUID beyond its active one and
 *        its jobs' (which it lists anyway, without metadata unless a spec gives some)
 * @param {'oldest-first'|'newest-first'} [options.bundleOrder] the order of the bundle listing
 *        (default oldest first, by id); Connect documents none, so a client must not rely on it
 */
export async function startConnect(options = {}) {
  const apiKey = options.apiKey ?? CONNECT_KEY;
  const prefix = options.prefix ?? '';
  const template = fixture('job-2024.08.json');
  const version =
    options.version === undefined ? (options.legacy ? '1.8.8' : '2024.08.0') : options.version;
  const idFields = options.idFields ?? (version && version >= '2025.01' ? 'both' : 'app');
  const contentId = '52389';
  /** @type {Map<string, Map<string, any>>} content guid -> job key -> job */
  const content = new Map([[CONNECT_GUID, new Map()]]);
  /** @type {Map<string, ConnectItemSpec & { id: string }>} content guid -> the item's own fields */
  const items = new Map();
  /** @type {Map<string, Map<string, ConnectBundleSpec & { addedAt: number }>>} guid -> id -> spec */
  const bundles = new Map();
  /**
   * Adds a bundle to a content item, or gives one it lists anyway (active, a job's) its
   * metadata. Returns its id.
   * @param {ConnectBundleSpec} spec @param {string} [guid]
   */
  const addBundle = (spec, guid = CONNECT_GUID) => {
    if (!/^\d+$/.test(spec.id)) throw new Error(`a bundle id is a string of digits: ${spec.id}`);
    if (!bundles.has(guid)) bundles.set(guid, new Map());
    bundles.get(guid).set(spec.id, { ...spec, addedAt: Date.now() });
    return spec.id;
  };
  (options.bundles ?? []).forEach((spec) => addBundle(spec));
  let nextId = 41000000;
  /** @param {ConnectJobSpec} spec @param {string} guid */
  const addJob = (spec, guid = CONNECT_GUID) => {
    const job = {
      ...template,
      id: String(nextId++),
      key: spec.key,
      app_id: items.get(guid)?.id ?? contentId,
      bundle_id: spec.bundle ?? template.bundle_id,
      tag: spec.tag ?? 'run_app',
      start_time:
        spec.startedAgoMs === undefined
          ? template.start_time
          : spec.startedAgoMs === null
            ? null
            : new Date(Date.now() - spec.startedAgoMs).toISOString(),
      status: spec.status ?? 0,
      end_time: null,
      stopAfterMs: spec.stopAfterMs ?? 0,
      stopsAt: spec.stopsAt ?? 0,
      endsBeforeKill: spec.endsBeforeKill ?? false,
      unlisted: spec.unlisted ?? false,
      killedAt: null,
      log: spec.log,
    };
    if (!content.has(guid)) content.set(guid, new Map());
    content.get(guid).set(spec.key, job);
    return job;
  };
  if (options.jobs) options.jobs.forEach((spec) => addJob(spec));
  else
    for (const job of fixture('jobs-list-2024.08.json'))
      content
        .get(CONNECT_GUID)
        .set(job.key, { ...job, stopAfterMs: 0, endsBeforeKill: false, killedAt: null });
  let activeBundle = options.bundle === undefined ? template.bundle_id : options.bundle;
  /** @param {ConnectItemSpec} spec */
  const addItem = (spec) => {
    items.set(spec.guid, { ...spec, id: String(60000 + items.size) });
    content.set(spec.guid, new Map());
    for (const job of spec.jobs ?? []) addJob(job, spec.guid);
    for (const bundle of spec.bundles ?? []) addBundle(bundle, spec.guid);
  };
  (options.items ?? []).forEach(addItem);

  /**
   * The job as Connect shows it now: a killed job turns finalized once its delay is over, with
   * `end_time` left null (a finalized job can have none: never judge by it), in the id fields of the
   * server's version.
   */
  const current = (job, guid = CONNECT_GUID) => {
    const now = Date.now();
    if (
      job.status === 0 &&
      job.killedAt !== null &&
      now - job.killedAt >= job.stopAfterMs &&
      now >= (job.stopsAt ?? 0)
    ) {
      job.status = 2;
      // The first answer that shows the stop (the benchmark's detection).
      job.endSeenAt = Date.now();
    }
    const {
      stopAfterMs: _delay,
      stopsAt: _at,
      endsBeforeKill: _race,
      unlisted: _unlisted,
      killedAt: _killed,
      endSeenAt: _seen,
      log: _log,
      ...visible
    } = job;
    return withIdFields(visible, guid, false);
  };

  /**
   * Jobs carry `app_id` only, kill orders `app_id` (a number) and `app_guid`; from 2025.01 both
   * add `content_id` (a string) and `content_guid` after them.
   */
  const withIdFields = (body, guid, order) => {
    const fields = [];
    for (const [name, value] of Object.entries(body)) {
      if (name === 'app_guid') continue;
      if (name !== 'app_id') {
        fields.push([name, value]);
        continue;
      }
      if (idFields !== 'content') {
        fields.push(['app_id', order ? Number(value) : value]);
        if (order) fields.push(['app_guid', guid]);
      }
      if (idFields !== 'app') fields.push(['content_id', String(value)], ['content_guid', guid]);
    }
    return Object.fromEntries(fields);
  };

  /** API keys minted by token exchanges, accepted like the key. */
  const mintedKeys = [];
  const signIn = trustedPublishing(options.trustedPublishing, prefix, mintedKeys);

  const api = `${prefix}/__api__/`;
  const server = await startServer((req, url, body) => {
    const oauth = signIn(req, url, body, server.url);
    if (oauth) return oauth;
    if (!url.pathname.startsWith(api)) return bare404();
    const path = url.pathname.slice(api.length);
    if (req.method === 'GET' && path === 'server_settings') {
      return json(200, version === null ? { hostname: 'fake' } : { version, hostname: 'fake' });
    }
    const listing = path === 'v1/content';
    const match = /^v1\/content\/([^/]+)(?:\/jobs(?:\/([^/]+)(\/log)?)?|(\/?))$/.exec(path);
    const ofBundles = /^v1\/content\/([^/]+)\/bundles(?:\/([^/]+))?\/?$/.exec(path);
    if (
      !(match || listing || ofBundles) ||
      (options.legacy && ((match && match[4] === undefined) || ofBundles))
    ) {
      return bare404();
    }
    const authorization = req.headers.authorization;
    if (!authorization)
      return json(401, {
        code: 24,
        error: 'This operation requires authentication.',
        payload: null,
      });
    if (
      authorization !== `Key ${apiKey}` &&
      !mintedKeys.some((key) => authorization === `Key ${key}`)
    ) {
      return json(401, {
        code: 30,
        error:
          "We couldn't log you in with the provided credentials. Please ask your Posit Connect administrator for assistance.",
        payload: null,
      });
    }
    if (listing) {
      return req.method === 'GET'
        ? json(200, contentList(url))
        : json(405, { code: 5, error: 'Method not allowed', payload: null });
    }
    // A minted key is its trusting content item's own: Connect refuses it every other item.
    const minted = authorization !== `Key ${apiKey}`;
    const itemGuid = decodeURIComponent((match ?? ofBundles)[1]);
    if (minted && itemGuid !== (options.trustedPublishing?.content ?? CONNECT_GUID)) {
      return json(403, FORBIDDEN);
    }
    if (ofBundles) return bundlesOf(req, decodeURIComponent(ofBundles[1]), ofBundles[2]);
    const [, guid, key, log, item] = match;
    const jobs = content.get(decodeURIComponent(guid));
    if (!jobs) return json(404, NOT_FOUND);
    const refuses = items.get(decodeURIComponent(guid))?.refuses;
    if (refuses === 'gone') return json(404, NOT_FOUND);
    if (refuses === 'forbidden') return json(403, FORBIDDEN);
    if (item !== undefined) {
      if (req.method !== 'GET')
        return json(405, { code: 5, error: 'Method not allowed', payload: null });
      return json(200, contentItem(decodeURIComponent(guid)));
    }
    if (key === undefined) {
      if (req.method !== 'GET')
        return json(405, { code: 5, error: 'Method not allowed', payload: null });
      return json(
        200,
        [...jobs.values()].filter((job) => !job.unlisted).map((job) => current(job, guid)),
      );
    }
    const job = jobs.get(decodeURIComponent(key));
    if (log !== undefined) return logOf(req, url, job);
    if (req.method === 'GET') return job ? json(200, current(job, guid)) : json(404, NOT_FOUND);
    if (req.method !== 'DELETE')
      return json(405, { code: 5, error: 'Method not allowed', payload: null });
    if (options.forbidden) return json(403, FORBIDDEN);
    if (!job) return json(404, NOT_FOUND);
    if (job.endsBeforeKill && job.status === 0) job.status = 2;
    if (current(job).status !== 0) return json(409, fixture('kill-order-409-not-active.json'));
    job.killedAt ??= Date.now();
    const order = {
      guid: randomUUID(),
      app_id: job.app_id,
      job_id: Number(job.id),
      job_key: job.key,
      result: 'Order to kill job registered',
    };
    return json(200, withIdFields(order, guid, true));
  }, options);

  /**
   * `GET v1/content/{guid}/jobs/{key}/log?maxLogLines=N`: the last N entries (Connect's
   * default, 5000, without the parameter), oldest first, one second apart.
   */
  const logOf = (req, url, job) => {
    if (req.method !== 'GET')
      return json(405, { code: 5, error: 'Method not allowed', payload: null });
    if (!job) return json(404, NOT_FOUND);
    const lines = job.log ?? defaultLog(job);
    const max = Number(url.searchParams.get('maxLogLines') ?? 5000);
    const started = Date.parse(job.start_time ?? '2024-11-25T22:17:42Z');
    const entries = lines.map((data, i) => ({
      source: i % 3 === 2 ? 'stdout' : 'stderr',
      timestamp: new Date(started + i * 1000).toISOString(),
      data,
    }));
    return json(200, { entries: entries.slice(-max) });
  };

  /** The active bundle id of a content item (null: never deployed). */
  const activeOf = (guid) => {
    if (guid === CONNECT_GUID) return activeBundle;
    const own = items.get(guid);
    return own?.bundle === undefined ? template.bundle_id : own.bundle;
  };

  /**
   * The bundles of a content item as Connect shows them: every spec'd one not deleted, its
   * active bundle and its jobs' bundles, each once, `active` true for the active one only.
   */
  const bundleList = (guid) => {
    const specs = new Map(bundles.get(guid) ?? []);
    const implied = [
      activeOf(guid),
      ...[...(content.get(guid)?.values() ?? [])].map((job) => job.bundle_id),
    ];
    for (const id of implied) {
      if (id !== null && id !== undefined && !specs.has(id)) specs.set(id, { id, addedAt: 0 });
    }
    const listed = [...specs.values()]
      .filter((spec) => !spec.deleted)
      .sort((a, b) => Number(a.id) - Number(b.id));
    if (options.bundleOrder === 'newest-first') listed.reverse();
    return listed.map((spec) => bundleBody(spec, guid));
  };

  /** One bundle's body: Connect's fields, our own values. */
  const bundleBody = (spec, guid) => {
    const created =
      spec.createdAgoMs === undefined
        ? Date.UTC(2026, 0, 1) + (Number(spec.id) % 1_000_000) * 60_000
        : spec.addedAt - spec.createdAgoMs;
    const digest = (algorithm) => createHash(algorithm).update(`${guid}/${spec.id}`).digest('hex');
    const body = {
      id: spec.id,
      content_guid: guid,
      created_time: new Date(created).toISOString(),
      cluster_name: 'Local',
      image_name: null,
      r_version: '4.4.1',
      r_environment_management: true,
      py_version: null,
      py_environment_management: null,
      quarto_version: null,
      active: spec.id === activeOf(guid),
      size: 48_213 + (Number(spec.id) % 997),
    };
    if (spec.metadata === 'absent') return body;
    return {
      ...body,
      metadata: {
        source: null,
        source_repo: null,
        source_branch: null,
        source_commit: null,
        archive_md5: digest('md5'),
        archive_sha1: digest('sha1'),
        ...(spec.metadata ?? {}),
      },
    };
  };

  /** `GET v1/content/{guid}/bundles[/{id}]`: one array, never paged. */
  const bundlesOf = (req, guid, id) => {
    if (!content.has(guid)) return json(404, NOT_FOUND);
    const refuses = items.get(guid)?.refuses;
    if (refuses === 'gone') return json(404, NOT_FOUND);
    if (refuses === 'forbidden') return json(403, FORBIDDEN);
    if (req.method !== 'GET')
      return json(405, { code: 5, error: 'Method not allowed', payload: null });
    const list = bundleList(guid);
    if (id === undefined) return json(200, list);
    const one = list.find((bundle) => bundle.id === decodeURIComponent(id));
    return one ? json(200, one) : json(404, NOT_FOUND);
  };

  /** `GET v1/content/{guid}`: the content item, naming its active bundle. */
  const contentItem = (guid) => {
    const own = items.get(guid);
    const fields = own && {
      id: own.id,
      name: own.name ?? `item-${guid.slice(0, 8)}`,
      title: own.title ?? null,
      bundle_id: own.bundle === undefined ? template.bundle_id : own.bundle,
    };
    return {
      ...fixture('content.json'),
      guid,
      id: contentId,
      bundle_id: activeBundle,
      ...fields,
      content_url: `${server.url}${prefix}/content/${guid}/`,
      dashboard_url: `${server.url}${prefix}/connect/#/apps/${guid}`,
    };
  };

  /** `GET v1/content[?include=tags]`: every item, in the order they were added. */
  const contentList = (url) => {
    const tags = (url.searchParams.get('include') ?? '').split(',').includes('tags');
    const guids = options.listless ? [...items.keys()] : [...content.keys()];
    return guids.map((guid) => {
      const item = contentItem(guid);
      if (!tags) return item;
      const names = items.get(guid)?.tags ?? [];
      return { ...item, tags: names.map((name, i) => ({ id: String(100 + i), name })) };
    });
  };

  /** A draft's preview, `{server}/connect/#/apps/{guid}/draft/{bundle}` (what the deploy prints). */
  const draftUrl = (id, guid) => `${server.url}${prefix}/connect/#/apps/${guid}/draft/${id}`;

  return {
    ...server,
    vendor: 'posit-connect',
    target: CONNECT_GUID,
    apiKey,
    mintedKeys,
    guid: CONNECT_GUID,
    addItem,
    /** The server URL as a user would give it. */
    server: `${server.url}${prefix}`,
    addJob,
    /**
     * A deploy: the content's active bundle becomes `bundle`; the jobs already running stay
     * on theirs, as Connect leaves them.
     * @param {string|null} bundle
     * @param {string} [guid]  another item's (default CONNECT_GUID)
     */
    activateBundle: (bundle, guid = CONNECT_GUID) => {
      if (guid === CONNECT_GUID) activeBundle = bundle;
      else if (items.has(guid)) items.get(guid).bundle = bundle;
      else throw new Error(`no content item ${guid}`);
    },
    addBundle,
    /**
     * A draft deploy (`--draft`, Connect 2025.06.0 and later, or a hidden version; throws on an
     * older server): a new bundle, newer than every bundle of the item, uploaded but not
     * activated, so the active one keeps serving. Put
     * jobs on it with `addJob({ key, bundle: id })`. Returns its id and its preview URL.
     * @param {Omit<ConnectBundleSpec, 'id'> & { id?: string }} [spec]
     * @param {string} [guid]
     */
    deployDraft: (spec = {}, guid = CONNECT_GUID) => {
      if (version !== null && version < '2025.06')
        throw new Error(
          `Connect ${version} has no drafts (2025.06.0 and later): addBundle() gives a bundle rolled back from`,
        );
      const ids = [activeOf(guid), ...bundleList(guid).map((bundle) => bundle.id)];
      for (const known of bundles.get(guid)?.keys() ?? []) ids.push(known);
      const newest = Math.max(...ids.filter((id) => id !== null).map(Number), 0);
      const id = addBundle({ ...spec, id: spec.id ?? String(newest + 1) }, guid);
      return { id, url: draftUrl(id, guid) };
    },
    /** @param {string} id @param {string} [guid] */
    draftUrl: (id, guid = CONNECT_GUID) => draftUrl(id, guid),
    /** The bundle listing of an item as it answers now. @param {string} [guid] */
    bundles: (guid = CONNECT_GUID) => bundleList(guid),
    /** @param {string} key */
    /** When an answer first showed the job stopped after its kill order (epoch ms), or null. */
    endSeenAt: (key, guid = CONNECT_GUID) => content.get(guid)?.get(key)?.endSeenAt ?? null,
    /** @param {string} key @param {string} [guid] */
    job: (key, guid = CONNECT_GUID) => {
      const job = content.get(guid)?.get(key);
      return job && current(job, guid);
    },
  };
}

/**
 * The OAuth side of a server with Trusted Publishing: the RFC 8414 metadata and the RFC 8693
 * token endpoint, which verifies the OIDC token and mints an API key. Null for other paths.
 * @param {TrustedPublishing | undefined} publisher
 * @param {string} prefix
 * @param {string[]} mintedKeys
 */
function trustedPublishing(publisher, prefix, mintedKeys) {
  const tokenPath = `${prefix}/oauth/token`;
  return (req, url, body, origin) => {
    if (!publisher) return null;
    if (url.pathname === `${prefix}/.well-known/oauth-authorization-server`) {
      return json(200, {
        issuer: `${origin}${prefix}`,
        token_endpoint: publisher.tokenEndpoint?.(origin) ?? `${origin}${tokenPath}`,
        grant_types_supported: publisher.grantTypes ?? ['authorization_code', TOKEN_EXCHANGE],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname !== tokenPath) return null;
    const refuse = (error, description) =>
      json(400, { error, ...(description ? { error_description: description } : {}) });
    const form = new URLSearchParams(body);
    if (
      req.method !== 'POST' ||
      !/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')
    )
      return refuse('invalid_request', 'expected a form POST');
    if (form.get('grant_type') !== TOKEN_EXCHANGE) return refuse('unsupported_grant_type');
    if (form.get('subject_token_type') !== ID_TOKEN_TYPE || !form.get('subject_token'))
      return refuse('invalid_request', 'subject_token must be an id_token');
    const verified = verifyToken(form.get('subject_token') ?? '');
    if ('invalid' in verified) return refuse('invalid_grant', verified.invalid);
    const { aud, sub } = verified.claims;
    if (aud !== (publisher.audience ?? 'connect') || sub !== (publisher.subject ?? OIDC_SUBJECT))
      return refuse('invalid_grant', 'no trusted publisher matches the token');
    if ((publisher.publishers ?? 1) > 1)
      return refuse(
        'invalid_grant',
        'ambiguous: the token matches more than one service principal',
      );
    const key = `connect-fake-minted-key-${randomBytes(16).toString('hex')}`;
    mintedKeys.push(key);
    return json(200, {
      access_token: key,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'N_A',
      expires_in: 3600,
    });
  };
}

function bare404() {
  return {
    status: 404,
    text: '404 page not found',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  };
}

/**
 * This fake as `npm run fakes` and the demo start and describe it (scripts/fakes.mjs finds it
 * here, as it finds every fake of this folder that exports one).
 */
export const vendorFake = {
  /** Its short name: `--port-connect`, `FAKE_CONNECT_*`, `fakes.connect`. */
  id: 'connect',
  title: 'Posit Connect',
  /** @param {{ port?: number }} options  Trusted Publishing on: the OIDC fake's tokens sign in. */
  // A server with drafts and Trusted Publishing (2026.07.0), its bundles without metadata: the
  // deploy comments of the GitHub fake tell its preview apart.
  start: ({ port }) => startConnect({ port, trustedPublishing: {}, version: '2026.07.0' }),
  /** The values a workflow needs, without the FAKE_CONNECT_ prefix. */
  env: (fake) => ({ SERVER: fake.server, GUID: fake.guid, API_KEY: fake.apiKey }),
  /** What it serves, as label and value. */
  facts: (fake) => [
    ['content GUID', fake.guid],
    ['API key', fake.apiKey],
    ['jobs', 'waaTO7v75I84S1hQ, k3sHkEoWJNwQim7g active; 4 more already finalized'],
  ],
  /** A run of the committed action against it: what it does, and its environment. */
  example: (fake) => ({
    does: 'terminate every active job',
    env: {
      CONNECT_SERVER: fake.server,
      CONNECT_API_KEY: fake.apiKey,
      INPUT_VENDOR: 'posit-connect',
      INPUT_TARGET: fake.guid,
      INPUT_KEYS: 'all',
    },
  }),
};

/**
 * The metadata connect-actions' deploy sends for a pull request's draft (deploy/scripts/deploy.sh,
 * `--metadata key=value`, Connect 2025.12.0 and later): every value a string.
 * @param {object} pr
 * @param {number} pr.number
 * @param {string} [pr.branch] @param {string} [pr.title] @param {string} [pr.commit]
 * @param {string} [pr.author] @param {string} [pr.run]  the workflow run's URL
 * @returns {Record<string, string>}
 */
export function previewMetadata(pr) {
  const title = pr.title ?? `Preview change ${pr.number}`;
  return {
    source: 'github-actions',
    source_commit: pr.commit ?? `${String(pr.number).padStart(4, '0')}`.repeat(10),
    source_author: pr.author ?? 'octocat',
    source_github_actions_run:
      pr.run ?? `https://github.com/octo-org/deploy-app/actions/runs/${9000 + pr.number}`,
    source_branch: pr.branch ?? `feature-${pr.number}`,
    source_pull_request: String(pr.number),
    source_description: `${title} (#${pr.number})`,
  };
}

/**
 * The metadata of a deploy from a push (no pull request): `source_branch` is the ref's name,
 * `source_description` the commit message's first line.
 * @param {{ branch?: string, commit?: string, message?: string, author?: string, run?: string }} [push]
 * @returns {Record<string, string>}
 */
export function liveMetadata(push = {}) {
  return {
    source: 'github-actions',
    source_commit: push.commit ?? 'c0ffee'.repeat(6) + 'c0ff',
    source_author: push.author ?? 'octocat',
    source_github_actions_run:
      push.run ?? 'https://github.com/octo-org/deploy-app/actions/runs/8800',
    source_branch: push.branch ?? 'main',
    source_description: push.message ?? 'Release the new dashboard',
  };
}

/** What a fake job logs when a test gives nothing: the session starting up, then serving. */
function defaultLog(job) {
  return [
    `[rsc-session] Content GUID: ${CONNECT_GUID}`,
    `[rsc-session] Bundle ID: ${job.bundle_id}`,
    `[rsc-session] Job Key: ${job.key}`,
    'Running the app with R 4.4.1',
    'Listening on http://127.0.0.1:41733',
    'Refreshing the cached orders (this can take a while)',
  ];
}
