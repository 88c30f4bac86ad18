// The clusters of one fake Xplenty account: statuses that follow the account's jobs (a free
// cluster is `available` while a job runs on it, `idle` since its last job ended), a refusal
// to terminate while `pending` or `creating`, and `pending_terminate` -> `terminating` ->
// `terminated` after a delay. Written from the API's reference (resources/cluster.md,
// terminate-cluster.md, list-clusters.md); the fake's own data.

/** Job statuses that occupy a cluster (running jobs count in `running_jobs_count`). */
const RUNNING = new Set(['running', 'pending_stoppage', 'stopping']);
const FREE = new Set(['available', 'idle']);

/**
 * @typedef {object} XplentyClusterSpec
 * @property {number} id
 * @property {string} [status]   default 'available': then it is `available` while a job of the
 *           account runs on it and `idle` once none does; any other status stays as given
 *           until a termination moves it
 * @property {number|null} [idleSinceAgoMs] when it became idle, this long before it was added
 *           (default 1 h); null: the API gives no `idle_since`
 * @property {number} [terminateAfterMs] after DELETE: pending_terminate, then terminating, then
 *           terminated at this time (default 0)
 * @property {string|null} [html_url] its page (default `https://xplenty.com/{account}/clusters/{id}`)
 */

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * @param {string} account
 * @param {() => any[]} jobsNow the account's jobs as the API shows them now
 */
export function clusterStore(account, jobsNow) {
  /** @type {Map<number, any>} */
  const clusters = new Map();

  /** @param {XplentyClusterSpec} spec */
  const add = (spec) => {
    const idleAgo = spec.idleSinceAgoMs === undefined ? 3_600_000 : spec.idleSinceAgoMs;
    clusters.set(spec.id, {
      spec,
      status: spec.status ?? 'available',
      idleSince: idleAgo === null ? null : Date.now() - idleAgo,
      deletedAt: null,
      // Last changed a day before it was added; a status change or a termination moves it.
      updatedAt: Date.now() - 86_400_000,
    });
  };

  /** The cluster as the API shows it now. */
  const current = (id) => {
    const cluster = clusters.get(id);
    if (cluster === undefined) return undefined;
    const { spec } = cluster;
    const running = jobsNow().filter((job) => job.cluster_id === id && RUNNING.has(job.status));
    const before = cluster.status;
    if (cluster.deletedAt !== null) {
      const elapsed = Date.now() - cluster.deletedAt;
      const after = spec.terminateAfterMs ?? 0;
      cluster.status =
        elapsed >= after
          ? 'terminated'
          : elapsed >= after / 2
            ? 'terminating'
            : 'pending_terminate';
    } else if (FREE.has(cluster.status)) {
      if (running.length > 0) cluster.status = 'available';
      else if (cluster.status === 'available') {
        cluster.status = 'idle';
        if (cluster.idleSince !== null)
          cluster.idleSince = Math.max(cluster.idleSince, lastStop(id));
      }
    }
    if (cluster.status !== before) cluster.updatedAt = Date.now();
    const idle = cluster.status === 'idle' && cluster.idleSince !== null;
    return {
      id,
      name: `etl-cluster-${id}`,
      description: 'Shared ETL cluster',
      status: cluster.status,
      owner_id: 12,
      plan_id: 3,
      nodes: 4,
      type: 'production',
      created_at: '2024-01-01T00:00:00Z',
      updated_at: iso(cluster.updatedAt),
      available_since: '2024-01-01T00:05:00Z',
      idle_since: idle ? iso(cluster.idleSince) : null,
      terminated_at: cluster.status === 'terminated' ? iso(Date.now()) : null,
      running_jobs_count: cluster.status === 'terminated' ? 0 : running.length,
      terminate_on_idle: false,
      time_to_idle: 3600,
      terminated_on_idle: false,
      region: 'amazon-web-services::us-east-1',
      zone: 'us-east-1a',
      master_instance_type: 'm5.xlarge',
      slave_instance_type: 'm5.xlarge',
      url: `https://api.xplenty.com/${account}/api/clusters/${id}`,
      ...(spec.html_url === null
        ? {}
        : { html_url: spec.html_url ?? `https://xplenty.com/${account}/clusters/${id}` }),
    };
  };

  /** When the cluster's last job stopped (0: none did). */
  const lastStop = (id) =>
    Math.max(
      0,
      ...jobsNow()
        .filter((job) => job.cluster_id === id && job.completed_at)
        .map((job) => Date.parse(job.completed_at)),
    );

  /**
   * `GET clusters?status=&since=&sort=&offset=&limit=`: newest first like the API's default
   * (by id; `sort=updated` by last change); `since` keeps those updated at that time or later.
   */
  const list = (query, maxPageSize) => {
    const limit = Math.min(Number(query.get('limit') ?? 20), maxPageSize);
    const offset = Number(query.get('offset') ?? 0);
    const status = query.get('status') ?? 'all';
    const since = query.get('since') === null ? null : Date.parse(query.get('since'));
    const all = [...clusters.keys()]
      .sort((a, b) => b - a)
      .map(current)
      .filter((cluster) => status === 'all' || cluster.status === status)
      .filter((cluster) => since === null || Date.parse(cluster.updated_at) >= since);
    if (query.get('sort') === 'updated') all.sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
    return { page: all.slice(offset, offset + limit), more: offset + limit < all.length };
  };

  /** `DELETE clusters/{id}`: the answer's status and body. */
  const terminate = (id) => {
    const now = current(id);
    const cluster = clusters.get(id);
    if (now.status === 'pending' || now.status === 'creating') {
      return {
        status: 422,
        body: { message: `Cluster cannot be terminated while it is ${now.status}.` },
      };
    }
    if (now.status === 'terminated') {
      return { status: 422, body: { message: 'Cluster is already terminated.' } };
    }
    if (cluster.deletedAt === null) {
      cluster.deletedAt = Date.now();
      cluster.updatedAt = Date.now();
    }
    return {
      status: 200,
      body: {
        ...current(id),
        status: now.status === 'terminating' ? 'terminating' : 'pending_terminate',
      },
    };
  };

  /** Sets a cluster's status as the service would (a test's doing: it starts over, say). */
  const force = (id, status) => {
    const cluster = clusters.get(id);
    cluster.status = status;
    cluster.deletedAt = null;
  };

  return { add, current, list, terminate, force, has: (id) => clusters.has(id) };
}
