export const id = 22;
export const ids = [22];
export const modules = {

/***/ 7022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run),
  runContext: () => (/* binding */ runContext)
});

;// CONCATENATED MODULE: ./src/http/answer.ts
/** No answer could be had (network failure, timeout, oversized body), after retries. */
class TransportError extends Error {
    retryable;
    name = 'TransportError';
    constructor(message, 
    /** False when another attempt cannot help (an oversized body, a request undici refuses). */
    retryable = true) {
        super(message);
        this.retryable = retryable;
    }
}
/** The run was cancelled or stopped while this request waited or ran. */
class RequestAborted extends Error {
    name = 'RequestAborted';
}
/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent. */
function retryAfterMs(header, now = Date.now()) {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value.trim() === '')
        return null;
    if (/^\d+(\.\d+)?$/.test(value.trim()))
        return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
}
function parseJson(text) {
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * A short, single-line account of a failed answer, for rows and logs: the server's own
 * message when its body carries one, else the status and the start of the body text.
 */
function failureText(response, message) {
    if (response.status >= 300 && response.status < 400) {
        const location = response.headers.location;
        return `HTTP ${response.status} redirect to ${location ?? '(no Location)'}: not followed, the API should answer directly`;
    }
    if (message)
        return message;
    const type = String(response.headers['content-type'] ?? 'no content type').split(';')[0];
    const snippet = response.text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 160);
    const body = snippet ? `: ${snippet}` : '';
    return response.json === undefined && response.text.trim() !== ''
        ? `HTTP ${response.status} with a ${type} body, not JSON${body}`
        : `HTTP ${response.status}${body}`;
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/http/rate-gate.ts


/** The run-wide gate every request passes: the 429 hold-off and the rate budget it reads. */
class RateGate {
    limits = { limit: null, remaining: Infinity };
    paused = 0;
    sent = 0;
    get rateLimit() {
        return this.limits;
    }
    get pausedUntil() {
        return this.paused;
    }
    get requestCount() {
        return this.sent;
    }
    /** Every request of the run holds off until `until` (epoch ms), not only the one told. */
    holdAll(until) {
        this.paused = Math.max(this.paused, until);
    }
    /** Sleeps through a hold-off; returns how long. Throws RequestAborted once `signal` aborts. */
    async pass(signal) {
        const wait = Math.max(0, this.paused - Date.now());
        await pause(wait, signal);
        this.sent++;
        return wait;
    }
    /** Reads `X-RateLimit-Remaining` / `-Limit` from an answer, when it has them. */
    note(headers) {
        const remaining = Number(headers['x-ratelimit-remaining']);
        if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining))
            return;
        const limit = Number(headers['x-ratelimit-limit']);
        this.limits.remaining = remaining;
        this.limits.limit = Number.isFinite(limit) ? limit : this.limits.limit;
    }
}
/** Sleeps `ms`; throws RequestAborted once `signal` aborts. */
async function pause(ms, signal) {
    try {
        if (ms > 0)
            await (0,promises_.setTimeout)(ms, undefined, { signal });
        else
            signal?.throwIfAborted();
    }
    catch {
        throw new RequestAborted(String(signal?.reason ?? 'aborted'));
    }
}

;// CONCATENATED MODULE: ./src/http/redact.ts
/**
 * Every form in which a secret could come back from a server or proxy, or be printed: as it
 * is, URL-encoded, and in base64 (alone and as `secret:`, the Basic-auth user with an empty
 * password), longest first. Vendors name their secrets (the key, and the strings built from it
 * that travel); this one list feeds both the log's masking and the redaction of answers.
 * Shorter than 4 characters is too common to replace.
 */
function secretForms(secrets) {
    const forms = secrets.flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64'),
        Buffer.from(`${secret}:`).toString('base64'),
    ]);
    return [...new Set(forms)].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}
/** Replaces every form of the run's secrets in outside text with `***`. */
class Redactor {
    forms;
    constructor(forms) {
        this.forms = forms;
    }
    text(text) {
        return this.forms.reduce((out, form) => out.replaceAll(form, '***'), text);
    }
    headers(headers) {
        if (this.forms.length === 0)
            return headers;
        const clean = {};
        for (const [name, value] of Object.entries(headers)) {
            clean[name] = Array.isArray(value)
                ? value.map((v) => this.text(v))
                : value === undefined
                    ? value
                    : this.text(value);
        }
        return clean;
    }
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./src/http/transport.ts


// undici's own timers, kept as a backstop to the per-attempt deadline: same meaning, same words.
const TIMEOUT_CODES = new Set([
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
// undici refusing the request itself (a header it cannot send, a pool already closed): the
// same request fails again.
const HOPELESS_CODES = new Set([
    'UND_ERR_INVALID_ARG',
    'UND_ERR_NOT_SUPPORTED',
    'UND_ERR_DESTROYED',
    'UND_ERR_CLOSED',
]);
/**
 * One attempt at a time over undici: a keep-alive pool that honours HTTP(S)_PROXY / NO_PROXY,
 * a deadline that covers the whole body, a cap on the body's size. Retrying is the client's.
 */
class Transport {
    options;
    /** undici and the pool, loaded at the first request (a run with bad inputs needs neither). */
    undici;
    constructor(options) {
        this.options = options;
    }
    /** Sends once; throws TransportError (or the signal's abort) when no whole answer came. */
    async send(method, url, headers, signal) {
        const { dispatcher } = await this.load();
        // A cancelled run sends nothing more: undici would still connect and send the request.
        signal?.throwIfAborted();
        const deadline = AbortSignal.timeout(this.options.timeoutMs);
        const signals = signal ? AbortSignal.any([signal, deadline]) : deadline;
        // Many requests share the run's signal; each adds a listener to it.
        if (signal)
            (0,external_node_events_.setMaxListeners)(0, signal);
        try {
            const response = await dispatcher.request({
                origin: url.origin,
                path: `${url.pathname}${url.search}`,
                method: method,
                // A copy: undici's ProxyAgent writes a `host` into the headers object it is given.
                headers: { ...headers },
                signal: signals,
            });
            const text = await readCapped(response.body, response.headers, this.options.maxBodyBytes);
            return { status: response.statusCode, headers: response.headers, text };
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            if (error instanceof TransportError)
                throw error;
            if (deadline.aborted || TIMEOUT_CODES.has(errorCode(error) ?? '')) {
                throw new TransportError(`no complete answer within ${this.options.timeoutMs / 1000} s`);
            }
            const hopeless = error instanceof TypeError || HOPELESS_CODES.has(errorCode(error) ?? '');
            throw new TransportError(describe(error), !hopeless);
        }
    }
    async close() {
        if (!this.undici)
            return;
        const { dispatcher } = await this.undici;
        await dispatcher.destroy();
    }
    load() {
        this.undici ??= Promise.all(/* import() */[__webpack_require__.e(7), __webpack_require__.e(150)]).then(__webpack_require__.bind(__webpack_require__, 1150)).then(({ EnvHttpProxyAgent }) => ({
            dispatcher: new EnvHttpProxyAgent({
                // http URLs go to HTTP_PROXY as plain forward-proxy requests, as curl sends them:
                // undici 7 would otherwise CONNECT-tunnel them too, which proxies commonly refuse
                // for ports other than 443 (Squid's default). https URLs are always tunnelled.
                proxyTunnel: false,
                connections: this.options.connections,
                connectTimeout: this.options.timeoutMs,
                headersTimeout: this.options.timeoutMs,
                bodyTimeout: this.options.timeoutMs,
                keepAliveTimeout: 10_000,
            }),
        }));
        return this.undici;
    }
}
async function readCapped(body, headers, maxBytes) {
    const tooLarge = () => new TransportError(`answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, false);
    if (Number(headers['content-length']) > maxBytes) {
        body.destroy();
        throw tooLarge();
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        // Leaving the loop destroys the stream, and with it the connection.
        if (size > maxBytes)
            throw tooLarge();
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function describe(error) {
    if (!(error instanceof Error))
        return String(error);
    const code = errorCode(error);
    const proxy = /^Proxy response \((\d+)\) !== 200/.exec(error.message);
    if (proxy)
        return `the proxy refused the connection (HTTP ${proxy[1]} to CONNECT)`;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return code ? `${error.message}${cause} (${code})` : `${error.message}${cause}`;
}
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : undefined;
}

;// CONCATENATED MODULE: ./src/http/client.ts




// Statuses that say "try again": the request did not take effect, or may be repeated safely.
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 10_000;
/**
 * The one HTTP client of a run: requests under the API root only, retries of transient
 * failures, the run-wide rate gate, JSON in and out, secrets redacted from every answer. It
 * knows nothing of vendors.
 *
 * Why not undici's RetryAgent / interceptors.retry (7.x, tried against the fakes):
 * - an answer cut off mid-body is "resumed" by sending the request again with a `Range`
 *   header, a DELETE included; a JSON API answers the whole body again, and the agent then
 *   throws "server does not support the range header" although the second DELETE was sent.
 *   Its resume cannot be turned off for responses with a Content-Length.
 * - the per-attempt deadline: an AbortSignal aborts the whole retry chain, not one attempt,
 *   and undici's headers/body timeouts are idle timers (a server trickling bytes never trips
 *   them), so "timeout per attempt, then retry" cannot be expressed.
 * - a 429 should hold back every request of the run, not only the one that got it; and the
 *   defaults (no jitter, no total cap, 408 and timeouts not retried) need a custom `retry`
 *   function anyway, which is most of this loop.
 * With `throwOnError: false` it would keep the last answer; the rest does not fit, so the
 * loop below is small, restarts each attempt from scratch and keeps every answer.
 */
class HttpClient {
    /** The run-wide 429 hold-off and rate budget, shared by the kill phase and the wait. */
    gate = new RateGate();
    options;
    redactor;
    transport;
    constructor(options) {
        this.options = {
            retryBudgetMs: 60_000,
            backoffMs: 500,
            maxBodyBytes: 10 * 1024 * 1024,
            secrets: [],
            ...options,
        };
        this.redactor = new Redactor(this.options.secrets);
        this.transport = new Transport(this.options);
    }
    get origin() {
        return this.options.base.origin;
    }
    get requestCount() {
        return this.gate.requestCount;
    }
    /**
     * Sends `method path` (path relative to the base, already encoded), retrying transient
     * failures. Any HTTP status comes back as an ApiResponse; redirects are never followed.
     */
    async request(method, path, signal) {
        const url = new URL(path, this.options.base);
        // The key only goes to the API root it was given for: not another origin, and no `..`
        // (or `%2e%2e`, which URLs resolve the same) climbing out of the base path.
        const root = this.options.base.href;
        if (url.origin !== this.origin || !url.href.startsWith(root)) {
            throw new TransportError(`refused to send ${method} ${url.href}: not under ${root}`, false);
        }
        let paused = 0;
        for (let attempt = 0;; attempt++) {
            paused += await this.gate.pass(signal);
            let outcome;
            try {
                outcome = await this.attempt(method, url, signal);
            }
            catch (error) {
                if (signal?.aborted)
                    throw new RequestAborted(String(signal.reason ?? 'aborted'));
                if (!(error instanceof TransportError))
                    throw error;
                outcome = new TransportError(this.redactor.text(error.message), error.retryable);
            }
            const retryable = outcome instanceof TransportError ? outcome.retryable : RETRY_STATUSES.has(outcome.status);
            const delay = this.backoff(attempt, outcome);
            if (!(outcome instanceof TransportError) && outcome.status === 429) {
                // Every request of the run holds off (the wait's polls too), not only this one; for
                // no longer than the retry budget, whatever the server asks.
                this.gate.holdAll(Date.now() + Math.min(delay, this.options.retryBudgetMs));
            }
            if (!retryable || attempt >= this.options.retries)
                return settle(outcome);
            if (paused + delay > this.options.retryBudgetMs) {
                this.options.log?.(`${method} ${url.pathname}: ${said(outcome)}; no retry: a pause of ${delay} ms would exceed the ${this.options.retryBudgetMs} ms retry budget`);
                return settle(outcome);
            }
            this.options.log?.(`${method} ${url.pathname}: ${said(outcome)}; retry ${attempt + 1} of ${this.options.retries} in ${delay} ms`);
            await pause(delay, signal);
            paused += delay;
        }
    }
    close() {
        return this.transport.close();
    }
    async attempt(method, url, signal) {
        const began = Date.now();
        const answer = await this.transport.send(method, url, this.options.headers, signal);
        const text = this.redactor.text(answer.text);
        this.gate.note(answer.headers);
        this.options.log?.(`${method} ${url.pathname} -> ${answer.status} (${Date.now() - began} ms)`);
        return {
            status: answer.status,
            headers: this.redactor.headers(answer.headers),
            json: parseJson(text),
            text,
        };
    }
    /** Exponential backoff with equal jitter; a Retry-After from the server wins. */
    backoff(attempt, outcome) {
        const retryAfter = outcome instanceof TransportError ? null : retryAfterMs(outcome.headers['retry-after']);
        if (retryAfter !== null)
            return retryAfter;
        const ceiling = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** attempt);
        return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    }
}
function said(outcome) {
    return outcome instanceof TransportError ? outcome.message : `HTTP ${outcome.status}`;
}
function settle(outcome) {
    if (outcome instanceof TransportError)
        throw outcome;
    return outcome;
}

;// CONCATENATED MODULE: ./src/problems.ts
/** The problems found in the inputs, collected so that one message can name them all. */
class Problems {
    list = [];
    /** `name: got "value", expected …` (or `missing` for an empty value). */
    expected(name, value, expected) {
        this.list.push(`${name}: ${value === '' ? 'missing' : `got ${quote(value)}`}, expected ${expected}`);
    }
    add(problem) {
        this.list.push(problem);
    }
}
/** An input value for a message: JSON-quoted, cut at 80 characters. */
function quote(value) {
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return JSON.stringify(shown);
}

;// CONCATENATED MODULE: ./src/selection.ts
/**
 * Keeps the jobs that pass every filter, in the listed order. Each filter is counted on the
 * jobs the ones before it kept, so the counts add up to what was found.
 */
function selection_select(listed, filters) {
    if (listed.length === 0)
        return { rows: [], log: 'No active jobs found.' };
    let kept = [...listed];
    const clauses = [];
    for (const filter of filters) {
        const counts = new Map([[filter.reason, 0]]);
        kept = kept.filter(({ job }) => {
            const reason = filter.leftOut(job);
            if (reason)
                counts.set(reason, (counts.get(reason) ?? 0) + 1);
            return reason === null;
        });
        for (const [reason, count] of counts) {
            if (count > 0 || reason === filter.reason)
                clauses.push(`${reason.clause(count)} and ${be(count)} left alone`);
        }
    }
    const found = `Found ${listed.length} active job(s)`;
    return { rows: kept.map(({ row }) => row), log: `${[found, ...clauses].join('; ')}.` };
}
/** The summary's words for the selection: "every active job not on the active bundle 127016". */
function describeSelection(filters) {
    return ['every active job', filters.map((filter) => filter.keeps).join(', ')]
        .filter(Boolean)
        .join(' ');
}
/** `is` or `are`, for a count. */
function be(count) {
    return count === 1 ? 'is' : 'are';
}
/** `has` or `have`, for a count. */
function have(count) {
    return count === 1 ? 'has' : 'have';
}
/**
 * A filter input given with explicit keys is a mistake (the keys would be terminated as they
 * are, unfiltered): refuse it. True when the input may be read.
 */
function filterAllowed(name, text, context, problems) {
    if (text === '')
        return false;
    if (context.all)
        return true;
    problems.add(`${name}: only with \`keys: all\`; it narrows the active jobs, not given keys`);
    return false;
}
/** The `older-than` input, for the vendors whose jobs carry a start time. */
const OLDER_THAN = 'older-than';
/** Reads `older-than`: a Duration, or null when it is absent (or wrong, noted in `problems`). */
function parseOlderThan(text, context, problems) {
    if (!filterAllowed(OLDER_THAN, text, context, problems))
        return null;
    const duration = parseDuration(text);
    if (duration === null)
        problems.expected(OLDER_THAN, text, DURATION_EXPECTED);
    return duration;
}
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)\s*([smhd])?$/i;
/** What a duration looks like, for input errors. */
const DURATION_EXPECTED = 'a duration: a positive number with a unit s, m, h or d (90s, 30m, 6h, 2d), or seconds';
/** `90s`, `30m`, `1.5h`, `2D`, or a plain number of seconds; null unless more than zero. */
function parseDuration(text) {
    const match = DURATION.exec(text.trim());
    if (!match?.[1])
        return null;
    const unit = (match[2]?.toLowerCase() ?? 's');
    const ms = Number(match[1]) * UNIT_MS[unit];
    if (!Number.isFinite(ms) || ms <= 0)
        return null;
    return { ms, text: `${match[1]}${unit}` };
}
// RFC 3339 as both APIs send it. Anything else (epoch numbers, local times without a zone)
// counts as unreadable: the job is left alone rather than judged on a guessed clock.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
/** Milliseconds since the epoch from an RFC 3339 time; null when missing or unreadable. */
function timestampMs(value) {
    if (typeof value !== 'string' || !TIMESTAMP.test(value))
        return null;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
}
/**
 * Keeps the jobs that started strictly longer ago than `duration`. A job that has not started
 * (no start time, an unreadable one, or one in the future) is left alone: a watchdog must not
 * kill what it cannot prove is stuck.
 */
function olderThan(duration, startOf, now = Date.now) {
    const reason = {
        clause: (count) => `${count} ${have(count)} not been running for more than ${duration.text}`,
    };
    return {
        keeps: `running for more than ${duration.text}`,
        reason,
        leftOut(job) {
            const started = timestampMs(startOf(job));
            return started !== null && now() - started > duration.ms ? null : reason;
        },
    };
}

;// CONCATENATED MODULE: ./src/vendors/vendor.ts
/**
 * Stops the whole run: what failed holds for every job (bad key, no permission, missing
 * endpoint). `row` is the requesting job's own row, when there was one.
 */
class RunStopped extends Error {
    reason;
    row;
    name = 'RunStopped';
    constructor(message, 
    /** Short reason for the rows of keys not sent, e.g. "authentication failed". */
    reason, row) {
        super(message);
        this.reason = reason;
        this.row = row;
    }
}
/** A JSON object from an answer, or null for anything else (arrays, text, nothing). */
function asRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : null;
}
/** A number from a JSON number or numeric string (Connect sends ids both ways). */
function toNumber(value) {
    if (value === null || value === undefined || value === '')
        return null;
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
}
/** Ends a message with a full stop, unless the server's text already ends it. */
function sentence(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}

;// CONCATENATED MODULE: ./src/vendors/connect/rows.ts
/** Connect rows; with `wait`, every row has a `status` (null until a poll sees one). */
function connectRows(wait) {
    return {
        title: 'Posit Connect',
        errorRow: (key, message) => withStatusField({ ...emptyFields(key), code: null, error: message, outcome: 'error' }, wait),
        keyOf: (row) => row.job_key,
        statusOf: (row) => row.status === undefined || row.status === null
            ? ''
            : (STATUS_NAMES[row.status] ?? String(row.status)),
        withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
    };
}
function withStatusField(fields, wait) {
    return wait ? { status: null, ...fields } : fields;
}
const STATUS_NAMES = {
    0: 'active',
    1: 'finished',
    2: 'finalized',
    3: 'skipped',
};
function emptyFields(key) {
    return { app_id: null, app_guid: null, job_key: key, job_id: null, result: null };
}

;// CONCATENATED MODULE: ./src/vendors/connect/selection.ts

const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG = /^[A-Za-z0-9_]+$/;
/** The input messages, one place. */
const TARGET_EXPECTED = 'the content GUID (a UUID like 951bf3ad-82d0-4bca-bba8-9b27e35c49fa) or an http(s) URL of the content with exactly one content GUID';
const BUNDLE_EXPECTED = '`previous` or a bundle id (digits, like 127015)';
/**
 * The content GUID from `target`: the GUID itself, or an http(s) URL that holds exactly one
 * (the dashboard's `…/connect/#/apps/{guid}/access`, the content's `…/content/{guid}/`). The
 * URL's host is not used: requests go to `server`. Null when there is not exactly one.
 */
function contentGuid(target) {
    if (UUID.test(target))
        return target.toLowerCase();
    let url;
    try {
        url = new URL(target);
    }
    catch {
        return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return null;
    // The same GUID written twice is still one content item.
    const guids = new Set([...target.matchAll(UUID_ANYWHERE)].map(([guid]) => guid.toLowerCase()));
    return guids.size === 1 ? [...guids][0] : null;
}
/** `previous` (any case) or a bundle id; null for anything else. */
function parseBundle(text) {
    if (/^previous$/i.test(text))
        return { kind: 'previous' };
    const id = bundleIdOf(text);
    return id === null ? null : { kind: 'id', id };
}
/** Tags separated like keys; the ones that are not tags are returned apart. */
function parseTags(text) {
    const tokens = text.split(/[\s,]+/).filter((token) => token !== '');
    return {
        tags: [...new Set(tokens.filter((token) => TAG.test(token)))],
        bad: tokens.filter((token) => !TAG.test(token)),
    };
}
/**
 * A bundle id in one spelling, so that `"0127015"`, `"127015"` and `127015` compare equal;
 * null when the value is no id. Kept as text: ids are compared, never computed with.
 */
function bundleIdOf(value) {
    if (typeof value === 'number')
        return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
    if (typeof value !== 'string' || !/^\d{1,30}$/.test(value))
        return null;
    const id = value.replace(/^0+/, '');
    return id === '' ? null : id;
}
/** `bundle: previous`: leaves out the jobs on the active bundle, and those that name none. */
function notOnBundle(active) {
    const onActive = {
        clause: (count) => `${count} ${be(count)} on the active bundle ${active}`,
    };
    // A job whose bundle cannot be read is not proven to run the previous version.
    const unreadable = {
        clause: (count) => `${count} ${have(count)} no readable bundle_id`,
    };
    return {
        keeps: `not on the active bundle ${active}`,
        reason: onActive,
        leftOut(job) {
            const bundle = bundleIdOf(job.bundle_id);
            return bundle === null ? unreadable : bundle === active ? onActive : null;
        },
    };
}
/** `bundle: <id>`: keeps that bundle's jobs. */
function onBundle(id) {
    const reason = { clause: (count) => `${count} ${be(count)} not on bundle ${id}` };
    return {
        keeps: `on bundle ${id}`,
        reason,
        leftOut: (job) => (bundleIdOf(job.bundle_id) === id ? null : reason),
    };
}
/** `tag`: keeps the jobs whose tag is one of these, compared exactly. */
function taggedAs(tags) {
    const names = tags.join(' or ');
    const reason = { clause: (count) => `${count} ${be(count)} not tagged ${names}` };
    return {
        keeps: `tagged ${names}`,
        reason,
        leftOut: (job) => (typeof job.tag === 'string' && tags.includes(job.tag) ? null : reason),
    };
}

;// CONCATENATED MODULE: ./src/vendors/connect/client.ts





const ACTIVE = 0;
const NOT_ACTIVE_CODE = 163;
/** The jobs endpoints exist since this release. */
const MINIMUM_VERSION = '2022.10.0';
/** Posit Connect's content jobs API (`/__api__/v1/content/{guid}/jobs`). */
class ConnectJobs {
    http;
    options;
    rows;
    constructor(http, options) {
        this.http = http;
        this.options = options;
        this.rows = connectRows(options.wait);
    }
    /** Reads `server_settings` once; a visible version older than 2022.10.0 stops the run. */
    async prepare(signal) {
        const response = await this.http.request('GET', 'server_settings', signal);
        this.stopOnRunWideFailure(response, 'GET server_settings');
        const version = asRecord(response.json)?.version ?? '';
        if (response.status === 200 && typeof version === 'string' && version !== '') {
            if (compareVersions(version, MINIMUM_VERSION) < 0) {
                throw new RunStopped(`Posit Connect ${version} has no API to terminate jobs: it needs ${MINIMUM_VERSION} or newer.`, `Connect ${version} is older than ${MINIMUM_VERSION}`);
            }
        }
    }
    /** Bundle, then tag, then age: the order the log counts them in. */
    async filters(signal) {
        const { bundle = null, tags = [], olderThan: age = null } = this.options;
        const filters = [];
        if (bundle?.kind === 'previous')
            filters.push(notOnBundle(await this.activeBundle(signal)));
        if (bundle?.kind === 'id')
            filters.push(onBundle(bundle.id));
        if (tags.length > 0)
            filters.push(taggedAs(tags));
        if (age)
            filters.push(olderThan(age, (job) => job.start_time));
        return filters;
    }
    /**
     * The content's active bundle (`GET v1/content/{guid}`, field `bundle_id`). Without it
     * `bundle: previous` cannot tell the versions apart, so the run stops before any kill order.
     */
    async activeBundle(signal) {
        const path = `v1/content/${this.options.guid}`;
        const response = await this.http.request('GET', path, signal);
        this.stopOnRunWideFailure(response, `GET ${path}`);
        const unreadable = (why) => new RunStopped(sentence(`Could not read the active bundle of content ${this.options.guid}, which \`bundle: previous\` needs; nothing was terminated: ${why}`), 'the active bundle is unknown');
        const content = asRecord(response.json);
        if (response.status !== 200 || !content) {
            throw unreadable(`GET ${path} answered ${describeAnswer(response)}`);
        }
        const bundle = bundleIdOf(content.bundle_id);
        if (bundle === null) {
            throw unreadable('the content names no active bundle (it has never been deployed?)');
        }
        return bundle;
    }
    async activeJobs(signal) {
        const call = `GET ${this.jobsPath()}`;
        const response = await this.http.request('GET', this.jobsPath(), signal);
        this.stopOnRunWideFailure(response, call);
        if (response.status !== 200 || !Array.isArray(response.json)) {
            throw new RunStopped(sentence(`Could not list the jobs of content ${this.options.guid}: ${call} answered ${describeAnswer(response)}`), 'listing the jobs failed');
        }
        return (response.json
            .map(asRecord)
            .filter((job) => job !== null && job.status === ACTIVE)
            // Only what the filters read is kept: a long list must not hold every whole job.
            .map((job) => ({
            row: this.jobRow(String(job.key), job, 'dry-run'),
            job: { bundle_id: job.bundle_id, tag: job.tag, start_time: job.start_time },
        })));
    }
    async terminate(key, signal) {
        const response = await this.http.request('DELETE', this.jobsPath(key), signal);
        if (response.status >= 200 && response.status < 300) {
            // Any 2xx registers the order (posit-sdk reads it so): its body fills the row where it
            // can, in the fields of old servers (`app_*`) or new ones (`content_*`).
            const order = asRecord(response.json) ?? {};
            const guid = order.app_guid ?? order.content_guid;
            return this.row({
                app_id: toNumber(order.app_id ?? order.content_id),
                app_guid: typeof guid === 'string' && client_UUID.test(guid) ? guid : this.options.guid,
                job_key: key,
                job_id: idText(order.job_id),
                result: typeof order.result === 'string' ? order.result : null,
                code: null,
                error: null,
                outcome: 'terminated',
            });
        }
        return this.failureRow(key, response, `DELETE ${this.jobsPath(key)}`);
    }
    async inspect(key, signal) {
        const response = await this.http.request('GET', this.jobsPath(key), signal);
        const job = asRecord(response.json);
        if (response.status === 200 && job) {
            return this.jobRow(key, job, job.status === ACTIVE ? 'dry-run' : 'not-active');
        }
        return this.failureRow(key, response, `GET ${this.jobsPath(key)}`);
    }
    async poll(row, signal) {
        const response = await this.http.request('GET', this.jobsPath(row.job_key), signal);
        const job = asRecord(response.json);
        if (response.status === 200 && job) {
            const status = toNumber(job.status);
            return status === ACTIVE
                ? { ended: false, row: { ...row, status }, seen: 'still active (status 0)' }
                : { ended: true, row: { ...row, status, outcome: 'ended' } };
        }
        if (response.status === 404 && connectCode(response) !== null) {
            return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
        }
        return { ended: false, row, seen: connectMessage(response) };
    }
    jobsPath(key) {
        const jobs = `v1/content/${this.options.guid}/jobs`;
        return key === undefined ? jobs : `${jobs}/${encodeURIComponent(key)}`;
    }
    /** A row from a Job object (dry-run and inspection), where ids are strings. */
    jobRow(key, job, outcome) {
        return this.row({
            app_id: toNumber(job.app_id ?? job.content_id),
            app_guid: this.options.guid,
            job_key: key,
            job_id: job.id == null ? null : String(job.id),
            result: null,
            code: null,
            error: null,
            outcome,
        });
    }
    /** connectapi's error row: the four success fields are null, `code`/`error` from Connect. */
    failureRow(key, response, call) {
        this.stopOnRunWideFailure(response, call, key);
        const code = connectCode(response);
        const outcome = response.status === 409 && code === NOT_ACTIVE_CODE
            ? 'not-active'
            : response.status === 404
                ? 'not-found'
                : 'error';
        return this.row({ ...emptyFields(key), code, error: connectMessage(response), outcome });
    }
    /**
     * Failures that hold for every job of the content: a bad key (401), no permission on the
     * content (403, granted per item), or no jobs API at all (a 404 without Connect's JSON code).
     */
    stopOnRunWideFailure(response, call, key) {
        const code = connectCode(response);
        const row = key
            ? this.row({
                ...emptyFields(key),
                code,
                error: connectMessage(response),
                outcome: 'error',
            })
            : undefined;
        const said = `${call} answered ${describeAnswer(response)}`;
        if (response.status === 401) {
            throw new RunStopped(`Posit Connect did not accept the API key (${said}). Check \`api-key\` or CONNECT_API_KEY.`, 'authentication failed', row);
        }
        if (response.status === 403) {
            throw new RunStopped(`Not allowed to terminate the jobs of content ${this.options.guid} (${said}): only its owner, collaborators and administrators may.`, 'permission denied', row);
        }
        if (response.status === 404 && code === null) {
            throw new RunStopped(`No jobs API at ${this.http.origin} (${call} answered a 404 without Connect's error code): Posit Connect ${MINIMUM_VERSION} or newer is needed, or \`server\` is not the Connect server URL.`, 'no jobs API at the server', row);
        }
    }
    row(fields) {
        return withStatusField(fields, this.options.wait);
    }
}
const client_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A job id as connectapi gives it (a string of digits), from a number or a string. */
function idText(value) {
    if (typeof value === 'number')
        return Number.isSafeInteger(value) ? String(value) : null;
    return typeof value === 'string' && /^\d{1,30}$/.test(value) ? value : null;
}
/** Connect's own error code from a JSON error body; null when there is none. */
function connectCode(response) {
    const code = asRecord(response.json)?.code;
    return typeof code === 'number' ? code : null;
}
function connectMessage(response) {
    const error = asRecord(response.json)?.error;
    return failureText(response, typeof error === 'string' && error !== '' ? error : null);
}
function describeAnswer(response) {
    const code = connectCode(response);
    return `HTTP ${response.status}${code === null ? '' : `, code ${code}`}: ${connectMessage(response)}`;
}
/**
 * Compares Connect's calendar versions (`2024.08.0`, sometimes with a suffix). They are not
 * semver (months carry a leading zero), so compare the numbers part by part.
 */
function compareVersions(a, b) {
    const parts = (v) => (v.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    const [left, right] = [parts(a), parts(b)];
    for (let i = 0; i < 3; i++) {
        const difference = (left[i] ?? 0) - (right[i] ?? 0);
        if (difference !== 0)
            return Math.sign(difference);
    }
    return 0;
}

;// CONCATENATED MODULE: ./src/vendors/connect/index.ts







const BUNDLE = 'bundle';
const connect_TAG = 'tag';
const TAG_EXPECTED = 'job tags of letters, digits and `_` (like run_app)';
// A Connect job key goes into a URL path: letters, digits, `-` and `_` only, so that no
// `..`, `/`, `%`, `?` or `#` can ever change which resource is addressed.
const JOB_KEY = /^[A-Za-z0-9_-]{1,128}$/;
/** Connect's API key header: the word `Key`, a space, the key. */
function connectHeaders(apiKey) {
    return { authorization: `Key ${apiKey}`, accept: 'application/json' };
}
/** Posit Connect: jobs of one content item, named by their keys. */
const connect = {
    name: 'posit-connect',
    aliases: ['connect'],
    title: 'Posit Connect',
    apiKeyEnv: 'CONNECT_API_KEY',
    ownInputs: [BUNDLE, connect_TAG, OLDER_THAN],
    defaults: {},
    target: {
        expected: TARGET_EXPECTED,
        // Connect prints GUIDs in lower case; the rows and the summary say it the same way.
        parse: contentGuid,
    },
    key: {
        one: 'a job key',
        many: 'job keys',
        expected: 'letters, digits, `-` and `_` (like k3sHkEoWJNwQim7g)',
        parse: (token) => (JOB_KEY.test(token) ? token : null),
    },
    server: {
        fallback: (env) => (env.CONNECT_SERVER ?? '').trim(),
        missing: 'Posit Connect needs the server URL (input `server` or env CONNECT_SERVER)',
        // Users write the server as `https://host`, `https://host/prefix` or with `/__api__`
        // already on it: all mean `{server}/__api__/`.
        apiRoot: (server) => new URL(`${server.replace(/\/__api__$/, '')}/__api__/`),
    },
    parseOptions: (read, context, problems) => ({
        bundle: readBundle(read(BUNDLE), context, problems),
        tags: readTags(read(connect_TAG), context, problems),
        olderThan: parseOlderThan(read(OLDER_THAN), context, problems),
    }),
    credentials: (apiKey) => [apiKey],
    headers: connectHeaders,
    rows: connectRows,
    client: (http, run) => new ConnectJobs(http, { guid: run.target, wait: run.wait, ...run.options }),
};
function readBundle(text, context, problems) {
    if (!filterAllowed(BUNDLE, text, context, problems))
        return null;
    const bundle = parseBundle(text);
    if (bundle === null)
        problems.expected(BUNDLE, text, BUNDLE_EXPECTED);
    return bundle;
}
function readTags(text, context, problems) {
    if (!filterAllowed(connect_TAG, text, context, problems))
        return [];
    const { tags, bad } = parseTags(text);
    // Separators alone (an expression that came out empty) must not widen the selection.
    if (tags.length === 0 && bad.length === 0)
        problems.expected(connect_TAG, text, TAG_EXPECTED);
    if (bad.length > 0) {
        const shown = bad.slice(0, 5).map(quote).join(', ');
        const verb = bad.length === 1 ? 'is not a tag' : 'are not tags';
        problems.add(`${connect_TAG}: ${shown} ${verb}; expected ${TAG_EXPECTED}`);
    }
    return tags;
}

;// CONCATENATED MODULE: ./src/pool.ts
/**
 * Runs `work` over `items` with at most `limit` at once, in order of the items, and starts no
 * new item once `stopped()` says so. Each item is one job's whole exchange (a DELETE, maybe a
 * follow-up GET, retries with their pauses), which is why the limit lives here and not only in
 * the connection pool: the pool bounds sockets, this bounds jobs and knows which never started.
 */
async function forEachLimited(items, limit, work, stopped = () => false) {
    let next = 0;
    const worker = async () => {
        while (next < items.length && !stopped()) {
            const index = next++;
            await work(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/rows.ts
/** The job fields of Xplenty's "Terminate Job" answer, in its order. */
const JOB_FIELDS = [
    'id',
    'status',
    'variables',
    'owner_id',
    'progress',
    'outputs_count',
    'started_at',
    'created_at',
    'updated_at',
    'failed_at',
    'cluster_id',
    'package_id',
    'errors',
    'url',
    'runtime_in_seconds',
    'completed_at',
];
const xplentyRows = {
    title: 'Xplenty',
    errorRow: (key, message) => ({
        ...emptyJob(Number(key)),
        code: null,
        error: message,
        outcome: 'error',
    }),
    keyOf: (row) => String(row.id),
    statusOf: (row) => row.status ?? '',
    withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
};
function emptyJob(id) {
    const job = Object.fromEntries(JOB_FIELDS.map((field) => [field, null]));
    return { ...job, id, status: null };
}
/** The row of a job Xplenty reported: its fields (null where absent), `id` as requested. */
function jobRow(id, job, outcome) {
    const fields = Object.fromEntries(JOB_FIELDS.map((field) => [field, job[field] ?? null]));
    return {
        ...fields,
        id,
        status: typeof job.status === 'string' ? job.status : null,
        code: null,
        error: null,
        outcome,
    };
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/client.ts





const client_ACTIVE = ['idle', 'pending', 'queued', 'running'];
const STOPPING = new Set(['pending_stoppage', 'stopping']);
// Unknown statuses count as not terminal: a new status must not end a wait early.
const TERMINAL = new Set(['stopped', 'completed', 'failed']);
/** The API's largest page. */
const PAGE_SIZE = 100;
/** Xplenty's (Integrate.io ETL) jobs API (`/{account_id}/api/jobs`). */
class XplentyJobs {
    http;
    options;
    rows = xplentyRows;
    constructor(http, options) {
        this.http = http;
        this.options = options;
    }
    async prepare() { }
    /** The package is a filter of the list request itself; the age is judged here. */
    async filters() {
        const age = this.options.olderThan;
        return age ? [olderThan(age, (job) => job.started_at)] : [];
    }
    /** Lists each active status in pages of 100. */
    async activeJobs(signal) {
        const active = new Map();
        // The statuses side by side, within the run's concurrency: a request waiting for a free
        // connection would use up its own timeout.
        await forEachLimited(client_ACTIVE, this.options.concurrency, (status) => this.listStatus(status, signal, (job) => {
            // A job can move from one status to another between two pages; keep it once. The
            // package is checked here too: a server that ignored `package_id` would otherwise
            // have every job of the account terminated.
            const { id } = job;
            const wanted = this.options.packageId === null || job.package_id === this.options.packageId;
            // Only what the filters read is kept: the list embeds whole packages and clusters.
            if (typeof id === 'number' && wanted) {
                active.set(id, { row: jobRow(id, job, 'dry-run'), job: { started_at: job.started_at } });
            }
        }));
        return [...active.values()].sort((a, b) => a.row.id - b.row.id);
    }
    /**
     * DELETE jobs/{id}. The API does not document its answer for a job that already ended
     * (most likely a 422), so a refused DELETE is followed by a GET that tells what the job is.
     */
    async terminate(key, signal) {
        const id = Number(key);
        const call = `DELETE ${jobPath(id)}`;
        const response = await this.http.request('DELETE', jobPath(id), signal);
        const job = asRecord(response.json);
        if (response.status === 200 && job) {
            return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'terminated');
        }
        stopOnRunWideFailure(response, call, id);
        const refused = response.status >= 400 && response.status < 500;
        if (!refused || response.status === 404 || response.status === 429) {
            return failureRow(id, response);
        }
        const now = await this.http.request('GET', jobPath(id), signal);
        const current = asRecord(now.json);
        if (now.status !== 200 || !current)
            return failureRow(id, response);
        if (isTerminal(current.status)) {
            return {
                ...jobRow(id, current, 'not-active'),
                code: response.status,
                error: xplentyMessage(response),
            };
        }
        if (STOPPING.has(String(current.status)))
            return jobRow(id, current, 'terminated');
        return {
            ...jobRow(id, current, 'error'),
            code: response.status,
            error: xplentyMessage(response),
        };
    }
    async inspect(key, signal) {
        const id = Number(key);
        const response = await this.http.request('GET', jobPath(id), signal);
        const job = asRecord(response.json);
        if (response.status === 200 && job) {
            return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'dry-run');
        }
        stopOnRunWideFailure(response, `GET ${jobPath(id)}`, id);
        return failureRow(id, response);
    }
    async poll(row, signal) {
        const response = await this.http.request('GET', jobPath(row.id), signal);
        const job = asRecord(response.json);
        if (response.status === 200 && job) {
            const polled = { ...jobRow(row.id, job, row.outcome), code: row.code, error: row.error };
            return isTerminal(job.status)
                ? { ended: true, row: { ...polled, outcome: 'ended' } }
                : { ended: false, row: polled, seen: `still ${String(job.status)}` };
        }
        if (response.status === 404) {
            return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
        }
        return { ended: false, row, seen: xplentyMessage(response) };
    }
    /** Pages through one status, handing each job on as its page arrives. */
    async listStatus(status, signal, onJob) {
        for (let offset = 0;; offset += PAGE_SIZE) {
            const query = new URLSearchParams({
                status,
                sort: 'created',
                // Oldest first: jobs created while paging land on later pages instead of shifting
                // the ones not yet read.
                direction: 'asc',
                offset: String(offset),
                limit: String(PAGE_SIZE),
            });
            if (this.options.packageId !== null)
                query.set('package_id', String(this.options.packageId));
            const path = `jobs?${query}`;
            const response = await this.http.request('GET', path, signal);
            stopOnRunWideFailure(response, `GET ${path}`);
            if (response.status !== 200 || !Array.isArray(response.json)) {
                throw new RunStopped(sentence(`Could not list the ${status} jobs: GET ${path} answered ${client_describeAnswer(response)}`), 'listing the jobs failed');
            }
            for (const job of response.json) {
                const record = asRecord(job);
                if (record)
                    onJob(record);
            }
            if (response.json.length < PAGE_SIZE)
                return;
        }
    }
}
function jobPath(id) {
    return `jobs/${id}`;
}
function isTerminal(status) {
    return typeof status === 'string' && TERMINAL.has(status);
}
function failureRow(id, response) {
    return {
        ...emptyJob(id),
        code: response.status,
        error: xplentyMessage(response),
        outcome: response.status === 404 ? 'not-found' : 'error',
    };
}
/** A 401 means the key (or account) is wrong for every job: stop the run. */
function stopOnRunWideFailure(response, call, id) {
    if (response.status !== 401)
        return;
    throw new RunStopped(`Xplenty did not accept the API key (${call} answered ${client_describeAnswer(response)}). Check \`api-key\` or XPLENTY_API_KEY, and that the key belongs to the account in \`target\`.`, 'authentication failed', id === undefined ? undefined : failureRow(id, response));
}
/** Xplenty's error text: `message`, or `error_message` on a few endpoints. */
function xplentyMessage(response) {
    const body = asRecord(response.json);
    const message = body?.message ?? body?.error_message;
    return failureText(response, typeof message === 'string' && message !== '' ? message : null);
}
function client_describeAnswer(response) {
    return `HTTP ${response.status}: ${xplentyMessage(response)}`;
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/index.ts





const ACCOUNT_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const WHOLE_NUMBER = /^0*[1-9][0-9]{0,15}$/;
const PACKAGE_ID = 'package-id';
/**
 * HTTP Basic with the key as user name and an empty password (what `curl -u key:` sends), and
 * the versioned media type the API needs to route the request.
 */
function xplentyHeaders(apiKey) {
    return {
        authorization: `Basic ${basicCredential(apiKey)}`,
        accept: 'application/vnd.xplenty+json; version=2',
    };
}
function basicCredential(apiKey) {
    return Buffer.from(`${apiKey}:`).toString('base64');
}
/** Xplenty (Integrate.io ETL): jobs of one account, named by their numeric IDs. */
const xplenty = {
    name: 'xplenty',
    aliases: ['integrate-io'],
    title: 'Xplenty',
    apiKeyEnv: 'XPLENTY_API_KEY',
    ownInputs: [PACKAGE_ID, OLDER_THAN],
    defaults: {},
    target: {
        expected: 'the Xplenty account ID: letters, digits, `-` and `_`',
        parse: (text) => (ACCOUNT_SLUG.test(text) ? text : null),
    },
    key: {
        one: 'a job ID',
        many: 'job IDs',
        expected: 'positive whole numbers (like 305)',
        parse: (token) => wholeNumber(token),
    },
    server: {
        fallback: () => 'https://api.xplenty.com',
        missing: 'Xplenty needs the API base URL',
        // `{server}/{account}/api/`, the server possibly behind a gateway path.
        apiRoot: (server, account) => new URL(`${server}/${encodeURIComponent(account)}/api/`),
    },
    parseOptions: (read, context, problems) => {
        const olderThan = parseOlderThan(read(OLDER_THAN), context, problems);
        // Only the inputs given: the options read like the step's `with:`.
        return {
            packageId: parsePackageId(read(PACKAGE_ID), context.all, problems),
            ...(olderThan && { olderThan }),
        };
    },
    // The key travels inside the Basic credential: `key:` in base64.
    credentials: (apiKey) => [apiKey, `${apiKey}:`, basicCredential(apiKey)],
    headers: xplentyHeaders,
    rows: () => xplentyRows,
    client: (http, run) => new XplentyJobs(http, { ...run.options, concurrency: run.concurrency }),
};
function parsePackageId(text, all, problems) {
    if (text === '')
        return null;
    if (!all) {
        problems.add(`${PACKAGE_ID}: narrows \`keys: all\`; with explicit keys it would be ignored, so give one or the other`);
        return null;
    }
    const id = wholeNumber(text);
    if (id === null)
        problems.expected(PACKAGE_ID, text, 'a positive whole number');
    return id === null ? null : Number(id);
}
/** A positive whole number within JavaScript's safe integers, in canonical decimal. */
function wholeNumber(text) {
    return WHOLE_NUMBER.test(text) && Number.isSafeInteger(Number(text))
        ? String(Number(text))
        : null;
}

;// CONCATENATED MODULE: ./src/vendors/registry.ts


/** Every vendor the action knows, one line each. README → Contributing says how to add one. */
const VENDORS = [connect, xplenty];
/** The vendor a `vendor` input names (its name or an alias, any case); undefined for none. */
function findVendor(text) {
    const wanted = text.toLowerCase();
    return VENDORS.find((vendor) => vendor.name === wanted || vendor.aliases.includes(wanted));
}

;// CONCATENATED MODULE: ./src/inputs.ts


/** The inputs every vendor reads, as action.yml declares them. */
const Inputs = {
    Vendor: 'vendor',
    Target: 'target',
    Keys: 'keys',
    ApiKey: 'api-key',
    Server: 'server',
    DryRun: 'dry-run',
    FailOnError: 'fail-on-error',
    Concurrency: 'concurrency',
    Timeout: 'timeout',
    Retries: 'retries',
    Wait: 'wait',
    WaitTimeout: 'wait-timeout',
    PollInterval: 'poll-interval',
};
/**
 * The defaults of the common inputs, exactly as action.yml declares them (a docs test keeps
 * the two equal; the runner applies action.yml's before the action starts, these apply when
 * the code runs without it). An empty default means "none", or the vendor's own.
 */
const DEFAULTS = {
    vendor: '',
    target: '',
    keys: '',
    'api-key': '',
    server: '',
    'dry-run': 'false',
    'fail-on-error': 'true',
    concurrency: '8',
    timeout: '30',
    retries: '4',
    wait: 'false',
    'wait-timeout': '300',
    'poll-interval': '1',
};
/** Every input name, the vendors' own included, for reading them all. */
function inputNames() {
    return [...new Set([...Object.values(Inputs), ...VENDORS.flatMap((v) => v.ownInputs)])];
}
/** Every problem found in the inputs, in one message; nothing has been sent. */
class InputError extends Error {
    problems;
    partial;
    name = 'InputError';
    constructor(problems, 
    /** What could be read despite the problems, so each valid key still gets its row. */
    partial) {
        super(problems.length === 1
            ? `Invalid input: ${problems[0]}`
            : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`);
        this.problems = problems;
        this.partial = partial;
    }
}
/**
 * Turns the raw input strings (and the environment, for the documented fallbacks) into one
 * validated Settings object. Pure: reads nothing else, sends nothing. What differs by vendor
 * (target, keys, server, credentials, its own inputs) the vendor's module decides.
 */
function parseSettings(raw, env = {}) {
    const problems = new Problems();
    const given = (name) => (raw[name] ?? '').trim();
    const vendorText = given(Inputs.Vendor);
    const vendor = findVendor(vendorText);
    if (!vendor) {
        const names = VENDORS.map((v) => `\`${v.name}\`${v.aliases.map((a) => ` (or \`${a}\`)`).join('')}`);
        problems.expected(Inputs.Vendor, vendorText, names.join(' or '));
    }
    // Defaults: the vendor's own for inputs whose action.yml default is empty, else action.yml's.
    const get = (name) => given(name) || vendor?.defaults[name] || DEFAULTS[name];
    const targetText = get(Inputs.Target);
    const target = vendor ? vendor.target.parse(targetText) : null;
    if (vendor && target === null)
        problems.expected(Inputs.Target, targetText, vendor.target.expected);
    const keysText = get(Inputs.Keys);
    const all = ALL.test(keysText);
    const keys = vendor && !all ? parseKeys(keysText, vendor, problems) : [];
    refuseOtherVendorsInputs(vendor, given, problems);
    const options = vendor?.parseOptions(given, { all }, problems);
    const apiKey = get(Inputs.ApiKey) || (vendor ? (env[vendor.apiKeyEnv] ?? '').trim() : '');
    if (vendor && apiKey === '') {
        problems.add(`${Inputs.ApiKey}: missing; set the input or the ${vendor.apiKeyEnv} environment variable`);
    }
    else if (/[\r\n]/.test(apiKey)) {
        problems.add(`${Inputs.ApiKey}: contains a line break; paste the key alone`);
    }
    const apiBase = vendor
        ? parseServer(vendor, get(Inputs.Server) || vendor.server.fallback(env), target ?? '', problems)
        : null;
    const settings = {
        dryRun: parseBoolean(Inputs.DryRun, get(Inputs.DryRun), problems),
        failOnError: parseBoolean(Inputs.FailOnError, get(Inputs.FailOnError), problems),
        concurrency: parseWhole(Inputs.Concurrency, get(Inputs.Concurrency), 1, 64, problems),
        timeoutMs: parseSeconds(Inputs.Timeout, get(Inputs.Timeout), 3600, problems),
        retries: parseWhole(Inputs.Retries, get(Inputs.Retries), 0, 10, problems),
        wait: parseBoolean(Inputs.Wait, get(Inputs.Wait), problems),
        waitTimeoutMs: parseSeconds(Inputs.WaitTimeout, get(Inputs.WaitTimeout), 21600, problems),
        pollIntervalMs: parseSeconds(Inputs.PollInterval, get(Inputs.PollInterval), 3600, problems),
    };
    if (problems.list.length > 0 || !vendor || !apiBase || target === null) {
        // The keys that are keys get their "not sent" rows; the others, naming no job, are
        // named in the message.
        throw new InputError(problems.list, { vendor: vendor?.name, keys });
    }
    return {
        ...settings,
        vendor: vendor.name,
        vendorModule: vendor,
        target,
        all,
        keys,
        options,
        apiKey,
        apiBase,
    };
}
/** An input that only other vendors read is a mistake: say whose it is. */
function refuseOtherVendorsInputs(vendor, given, problems) {
    if (!vendor)
        return;
    for (const name of inputNames()) {
        if (given(name) === '' || vendor.ownInputs.includes(name))
            continue;
        const owners = VENDORS.filter((v) => v.ownInputs.includes(name)).map((v) => v.name);
        if (owners.length > 0) {
            problems.add(`${name}: only for vendor ${owners.join(' or ')}; not read for ${vendor.name}`);
        }
    }
}
// `all` alone, any case: the one way to ask for every active job. Blank keys are a mistake
// (an expression that came out empty), never "everything".
const ALL = /^all$/i;
function splitKeys(text) {
    return text.split(/[\s,]+/).filter((token) => token !== '');
}
/** Keys separated by commas, spaces or newlines; duplicates collapse, first place kept. */
function parseKeys(text, vendor, problems) {
    const tokens = splitKeys(text);
    if (tokens.length === 0) {
        problems.add(`${Inputs.Keys}: ${text === '' ? 'missing' : `got ${quote(text)}, no key in it`}; give ${vendor.key.many}, or \`all\` for every active job of the target`);
        return [];
    }
    if (tokens.some((token) => ALL.test(token))) {
        problems.add(`${Inputs.Keys}: \`all\` stands alone; give either \`all\` or ${vendor.key.many}, not both`);
    }
    const keys = new Set();
    const bad = [];
    for (const token of tokens.filter((t) => !ALL.test(t))) {
        const key = vendor.key.parse(token);
        if (key === null)
            bad.push(token);
        else
            keys.add(key);
    }
    if (bad.length > 0) {
        const shown = bad.slice(0, 5).map(quote).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
        const verb = bad.length === 1 ? `is not ${vendor.key.one}` : `are not ${vendor.key.many}`;
        problems.add(`${Inputs.Keys}: ${shown} ${verb}; expected ${vendor.key.expected}`);
    }
    return [...keys];
}
/**
 * The API root for the server URL, which users write with or without a trailing slash; the
 * vendor adds its own path (and the target, where the API names it).
 */
function parseServer(vendor, text, target, problems) {
    if (text === '') {
        problems.add(`${Inputs.Server}: missing; ${vendor.server.missing}`);
        return null;
    }
    const refuse = () => {
        problems.add(`${Inputs.Server}: got ${quote(text)}, expected an http(s) URL like https://jobs.example.com (no query or fragment)`);
        return null;
    };
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return refuse();
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return refuse();
    if (url.username || url.password) {
        problems.add(`${Inputs.Server}: must not carry credentials; give the key in \`api-key\``);
        return null;
    }
    if (url.search || url.hash)
        return refuse();
    return vendor.server.apiRoot(`${url.origin}${url.pathname.replace(/\/+$/, '')}`, target);
}
function parseBoolean(name, text, problems) {
    if (/^(true|yes|on|1)$/i.test(text))
        return true;
    if (!/^(false|no|off|0)$/i.test(text))
        problems.expected(name, text, 'true or false');
    return false;
}
function parseWhole(name, text, min, max, problems) {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
        problems.add(`${name}: got ${quote(text)}, expected a whole number from ${min} to ${max}`);
    }
    return value;
}
/** Seconds, decimals allowed, in (0, max]; returned in milliseconds. */
function parseSeconds(name, text, max, problems) {
    const value = Number(text);
    if (!/^\d*\.?\d+$/.test(text) || !(value > 0) || value > max) {
        problems.add(`${name}: got ${quote(text)}, expected seconds, more than 0 and at most ${max}`);
    }
    return Math.round(value * 1000);
}

;// CONCATENATED MODULE: ./src/outcomes.ts
/**
 * What happened to one requested job, and what each outcome means for the run: the one table
 * the kill phase, the wait, the counts and the exit code ask.
 */
const OUTCOMES = {
    /** The kill order was accepted. */
    terminated: { failure: false, accepted: true, waitedOn: true },
    /** The job had already ended; nothing to do. */
    'not-active': { failure: false, accepted: false, waitedOn: false },
    /** No such job at the target. */
    'not-found': { failure: true, accepted: false, waitedOn: false },
    /** No answer could be had, or the server refused. */
    error: { failure: true, accepted: false, waitedOn: false },
    /** Dry-run: the job is active and would be terminated. */
    'dry-run': { failure: false, accepted: false, waitedOn: false },
    /** Waiting: the job was seen stopped after its kill order. */
    ended: { failure: false, accepted: true, waitedOn: false },
    /** Waiting: the job was still active at the deadline (or the run was cancelled). */
    'timed-out': { failure: true, accepted: true, waitedOn: false },
};
/** Rows that fail the step (unless `fail-on-error: false`). */
function isFailure(outcome) {
    return OUTCOMES[outcome].failure;
}
/** Rows whose kill order the server accepted, whatever a wait found afterwards. */
function isAccepted(outcome) {
    return OUTCOMES[outcome].accepted;
}
/** Rows a wait polls until the job stops. */
function isWaitedOn(outcome) {
    return OUTCOMES[outcome].waitedOn;
}

;// CONCATENATED MODULE: ./src/report.ts

/** Output names, as action.yml declares them. */
const Outputs = {
    Results: 'results',
    Terminated: 'terminated',
    Failed: 'failed',
};
/** GitHub refuses step summaries over 1 MiB; the full rows are in the `results` output. */
const SUMMARY_ROW_LIMIT = 500;
function countRows(rows) {
    return {
        terminated: rows.filter((row) => isAccepted(row.outcome)).length,
        failed: rows.filter((row) => isFailure(row.outcome)).length,
    };
}
/** The job summary as HTML, every piece of server text escaped. */
function summaryHtml(format, rows, context) {
    const counts = countRows(rows);
    const verb = context.dryRun ? 'Dry run: jobs that would be terminated' : 'Terminated jobs';
    const lines = [
        `<h2>${escapeHtml(`${verb} on ${format.title}`)}</h2>`,
        `<p>Target <code>${escapeHtml(context.target)}</code>: ${rows.length} job(s), ${counts.terminated} kill order(s) accepted, ${counts.failed} failure(s).${context.runUrl ? ` <a href="${escapeHtml(context.runUrl)}">Workflow run</a>.` : ''}</p>`,
    ];
    if (context.selection)
        lines.push(`<p>Selection: ${escapeHtml(context.selection)}.</p>`);
    if (context.stopped)
        lines.push(`<p><strong>Stopped:</strong> ${escapeHtml(context.stopped)}</p>`);
    if (rows.length > 0) {
        const header = ['Job', 'Outcome', 'Status', 'Message']
            .map((cell) => `<th>${cell}</th>`)
            .join('');
        const body = rows
            .slice(0, SUMMARY_ROW_LIMIT)
            .map((row) => {
            const cells = [format.keyOf(row), row.outcome, format.statusOf(row), row.error ?? ''];
            return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
        })
            .join('\n');
        lines.push(`<table>\n<tr>${header}</tr>\n${body}\n</table>`);
        if (rows.length > SUMMARY_ROW_LIMIT) {
            lines.push(`<p>${rows.length - SUMMARY_ROW_LIMIT} more row(s) are in the <code>results</code> output.</p>`);
        }
    }
    return `${lines.join('\n')}\n`;
}
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

;// CONCATENATED MODULE: ./src/terminate.ts




/**
 * The kill phase: checks the server, resolves "all active jobs" to keys, sends one kill order
 * per key (or, in dry-run, one GET), and gives every key exactly one row whatever happens.
 */
async function terminateJobs(vendor, plan, log, cancel) {
    let stopped = null;
    let reasonForUnsent = '';
    const stop = (message, unsent) => {
        if (stopped !== null)
            return;
        stopped = message;
        reasonForUnsent = unsent;
    };
    const cancelled = () => stop('The run was cancelled.', 'cancelled before it was sent');
    let keys = plan.keys;
    // With `keys: all` the selection is known once the filters are (they may need the server).
    let selection = plan.all ? '' : `the ${keys.length} job(s) in keys`;
    try {
        await vendor.prepare(cancel);
        if (plan.all) {
            // The filters first: what they need from the server (an active bundle) must be known
            // before a single job is chosen.
            const filters = await vendor.filters(cancel);
            selection = describeSelection(filters);
            const chosen = selection_select(await vendor.activeJobs(cancel), filters);
            log.info(chosen.log);
            if (plan.dryRun)
                return { rows: chosen.rows, stopped: null, selection };
            keys = chosen.rows.map((row) => vendor.rows.keyOf(row));
        }
    }
    catch (error) {
        if (error instanceof RunStopped)
            stop(error.message, `not sent: ${error.reason}`);
        else if (error instanceof RequestAborted)
            cancelled();
        else if (error instanceof TransportError) {
            stop(sentence(`Could not reach the server: ${error.message}`), 'not sent: the server could not be reached');
        }
        else
            throw error;
        return {
            rows: keys.map((key) => vendor.rows.errorRow(key, reasonForUnsent)),
            stopped,
            selection,
        };
    }
    const rows = new Array(keys.length);
    const send = plan.dryRun ? vendor.inspect.bind(vendor) : vendor.terminate.bind(vendor);
    await forEachLimited(keys, plan.concurrency, async (key, index) => {
        try {
            rows[index] = await send(key, cancel);
        }
        catch (error) {
            if (error instanceof RunStopped) {
                stop(error.message, `not sent: ${error.reason}`);
                rows[index] = error.row ?? vendor.rows.errorRow(key, error.message);
            }
            else if (error instanceof RequestAborted) {
                rows[index] = vendor.rows.errorRow(key, plan.dryRun
                    ? 'cancelled while waiting for the answer'
                    : 'cancelled while waiting for the answer: the kill order may or may not have been registered');
            }
            else if (error instanceof TransportError) {
                rows[index] = vendor.rows.errorRow(key, error.message);
            }
            else {
                throw error;
            }
        }
        log.info(describeRow(vendor.rows, rows[index]));
    }, () => stopped !== null || cancel.aborted);
    if (cancel.aborted)
        cancelled();
    return {
        rows: keys.map((key, index) => rows[index] ?? vendor.rows.errorRow(key, reasonForUnsent)),
        stopped,
        selection,
    };
}
function describeRow(format, row) {
    const status = format.statusOf(row);
    const details = [status && `status ${status}`, row.error].filter(Boolean).join('; ');
    return `${format.keyOf(row)}: ${row.outcome}${details ? ` (${details})` : ''}`;
}

;// CONCATENATED MODULE: ./src/version.ts
/** The action's version, sent in the User-Agent; a test keeps it equal to package.json's. */
const VERSION = '1.0.0';

;// CONCATENATED MODULE: ./src/wait.ts





// Calls kept back from the rate budget for the rest of the workflow.
const RESERVE_SHARE = 0.2;
const PROGRESS_EVERY_MS = 10_000;
/**
 * Polls every row whose kill order was accepted until the job is no longer active, under one
 * deadline for the whole wait. Polls each job at the poll interval while the rate budget
 * allows (see PollCredits), waits out a server's Retry-After, and on cancellation returns at once with what it
 * knows. Rows still active at the end come back `timed-out`.
 */
async function waitForJobs(vendor, rows, plan, budget, log, cancel) {
    const result = [...rows];
    const started = Date.now();
    const deadline = started + plan.timeoutMs;
    const requestsBefore = budget.requestCount;
    // One deadline for the whole wait: polls still in flight when it passes are abandoned.
    const stop = AbortSignal.any([cancel, AbortSignal.timeout(plan.timeoutMs)]);
    let watching = rows.flatMap((row, index) => isWaitedOn(row.outcome)
        ? [{ index, row, dueAt: started, lastSeen: 'not polled yet', stopped: false }]
        : []);
    const total = watching.length;
    if (total === 0)
        return result;
    log.info(`Waiting up to ${seconds(plan.timeoutMs)} s for ${total} job(s) to stop.`);
    let lastProgress = started;
    const credits = new PollCredits(budget, plan, started);
    while (watching.length > 0 && !stop.aborted) {
        const now = Date.now();
        if (now >= deadline)
            break;
        // Longest due first: when credits are short, no job is left behind by the others.
        const due = now < budget.pausedUntil
            ? []
            : watching.filter((job) => job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
        await forEachLimited(due, plan.concurrency, async (job) => {
            if (!credits.take())
                return; // stays due until the next credit
            // Spaced from when a poll is sent, so the interval is the time between two polls.
            const sentAt = Date.now();
            try {
                const poll = await vendor.poll(job.row, stop);
                job.row = poll.row;
                if (poll.ended) {
                    job.stopped = true;
                    result[job.index] = poll.row;
                    log.info(describeRow(vendor.rows, poll.row));
                }
                else {
                    job.lastSeen = poll.seen;
                }
            }
            catch (error) {
                if (error instanceof RequestAborted)
                    return;
                if (!(error instanceof TransportError))
                    throw error;
                job.lastSeen = error.message;
            }
            finally {
                credits.settle();
            }
            job.dueAt = sentAt + plan.intervalMs;
        }, () => stop.aborted);
        watching = watching.filter((job) => !job.stopped);
        if (Date.now() - lastProgress >= (plan.progressEveryMs ?? PROGRESS_EVERY_MS) &&
            watching.length > 0) {
            lastProgress = Date.now();
            log.info(`${total - watching.length} of ${total} jobs ended, waiting up to ${seconds(deadline - Date.now())} s more`);
        }
        if (watching.length === 0)
            break;
        const nextDue = Math.max(budget.pausedUntil, Math.min(...watching.map((job) => job.dueAt)), credits.nextAt());
        // At least a millisecond: a round that could send nothing must not spin.
        const pause = Math.max(1, Math.min(nextDue, deadline) - Date.now());
        await (0,promises_.setTimeout)(pause, undefined, { signal: stop }).catch(() => undefined);
    }
    const why = cancel.aborted
        ? 'cancelled while waiting'
        : `still active after ${seconds(plan.timeoutMs)} s`;
    for (const job of watching) {
        result[job.index] = vendor.rows.withOutcome(job.row, 'timed-out', `${why} (last seen: ${job.lastSeen})`);
    }
    log.info(`${total - watching.length} of ${total} jobs ended in ${seconds(Date.now() - started)} s; the wait used ${budget.requestCount - requestsBefore} request(s).`);
    return result;
}
/**
 * The rate budget of the wait: the credits it may spend are those left beyond the reserve.
 * It spends them front-loaded: by any moment it may have sent the share of them that the
 * square root of the share of the deadline gone by gives (a quarter of the time, half the
 * credits). Most stops are quick, so polls run at the poll interval early, when they find
 * them; the credits left then last to the deadline, and the late polls are never spaced more
 * than twice as far apart as an even spread of the whole budget would space them. The
 * allowance is recomputed from the server's count after every answer, so credits that other
 * clients of the key spend count too; polls in flight count as spent.
 */
class PollCredits {
    budget;
    plan;
    started;
    done = 0;
    inFlight = 0;
    constructor(budget, plan, started) {
        this.budget = budget;
        this.plan = plan;
        this.started = started;
    }
    /** Takes a credit for one poll, or says there is none to take now. */
    take(now = Date.now()) {
        if (this.done + this.inFlight + 1 > this.allowance(now))
            return false;
        this.inFlight++;
        return true;
    }
    /** The poll's answer (or failure) is in. */
    settle() {
        this.inFlight--;
        this.done++;
    }
    /** When the next credit may be taken: now, a later moment, or never (Infinity). */
    nextAt(now = Date.now()) {
        const total = this.total();
        const wanted = this.done + this.inFlight + 1;
        if (wanted <= this.allowance(now))
            return now;
        if (wanted > total)
            return Infinity;
        // The first whole millisecond after the exact moment, so that take() then succeeds.
        return (Math.floor(this.started + this.plan.timeoutMs * (wanted / total) ** 2 - this.plan.intervalMs) + 1);
    }
    /** How many polls the wait may have sent by `now`. */
    allowance(now) {
        const total = this.total();
        if (!Number.isFinite(total))
            return Infinity;
        const gone = (now - this.started + this.plan.intervalMs) / this.plan.timeoutMs;
        return total * Math.sqrt(Math.min(1, Math.max(0, gone)));
    }
    /** Credits for the whole wait: those spent so far and those left beyond the reserve. */
    total() {
        const { remaining, limit } = this.budget.rateLimit;
        if (!Number.isFinite(remaining))
            return Infinity;
        const reserve = Math.ceil((limit ?? remaining) * RESERVE_SHARE);
        return this.done + Math.max(0, remaining - reserve);
    }
}
function seconds(ms) {
    return Math.max(0, Math.round(ms / 1000));
}

;// CONCATENATED MODULE: ./src/main.ts









/** The run's place, from the variables the runner sets (documented in GitHub's "Variables"). */
function runContext(env) {
    const runId = Number(env.GITHUB_RUN_ID);
    return {
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        repository: env.GITHUB_REPOSITORY || null,
        runId: Number.isSafeInteger(runId) && runId > 0 ? runId : null,
    };
}
/**
 * inputs -> vendor -> terminate -> (wait) -> report. The outputs and the summary are written
 * on every path, failures and cancellation included.
 */
async function run(core, context, env, cancel) {
    const raw = readInputs(core, env);
    let settings;
    try {
        settings = parseSettings(raw, env);
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        const { vendor, keys } = error.partial;
        const format = vendor ? findVendor(vendor)?.rows(false) : undefined;
        const rows = format ? keys.map((key) => format.errorRow(key, 'not sent: invalid input')) : [];
        writeOutputs(core, rows);
        core.setFailed(error.message);
        return;
    }
    const runUrl = context.repository && context.runId
        ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
        : null;
    warnOnPlainHttp(core, settings.apiBase);
    const module = settings.vendorModule;
    const http = new HttpClient({
        base: settings.apiBase,
        secrets: secretForms(module.credentials(settings.apiKey)),
        headers: {
            ...module.headers(settings.apiKey),
            'user-agent': `terminate-jobs/${VERSION} (${runUrl ?? 'outside GitHub Actions'})`,
        },
        connections: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        retries: settings.retries,
        log: (line) => core.debug(line),
    });
    const vendor = module.client(http, {
        target: settings.target,
        options: settings.options,
        wait: settings.wait && !settings.dryRun,
        concurrency: settings.concurrency,
    });
    let rows;
    let stopped;
    let selection = '';
    try {
        ({ rows, stopped, selection } = await terminateJobs(vendor, settings, core, cancel));
        if (settings.wait && !settings.dryRun && stopped === null) {
            rows = await waitForJobs(vendor, rows, {
                timeoutMs: settings.waitTimeoutMs,
                intervalMs: settings.pollIntervalMs,
                concurrency: settings.concurrency,
            }, http.gate, core, cancel);
        }
    }
    catch (error) {
        // A bug, not an answer: still give every requested key its row and write the outputs.
        stopped = `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
        rows = settings.keys.map((key) => vendor.rows.errorRow(key, stopped));
    }
    finally {
        await http.close();
        core.debug(`${http.requestCount} request(s) sent.`);
    }
    if (cancel.aborted)
        stopped ??= 'The run was cancelled.';
    writeOutputs(core, rows);
    const summary = summaryHtml(vendor.rows, rows, {
        target: settings.target,
        selection,
        dryRun: settings.dryRun,
        runUrl,
        stopped,
    });
    await writeSummary(core, env, summary);
    const { failed } = countRows(rows);
    if (stopped !== null) {
        core.setFailed(stopped);
    }
    else if (failed > 0) {
        const message = `${failed} of ${rows.length} job(s) failed: ${failureList(vendor.rows, rows)}`;
        if (settings.failOnError)
            core.setFailed(message);
        else
            core.warning(message);
    }
}
/**
 * Reads every input. The API key (input or any vendor's environment fallback: the vendor is
 * not known yet) is masked in the log before anything else can print it, in every form its
 * vendor sends it: the same list the HTTP layer redacts from answers.
 */
function readInputs(core, env) {
    const keys = [core.getInput(Inputs.ApiKey), ...VENDORS.map((v) => env[v.apiKeyEnv] ?? '')]
        .map((key) => key.trim())
        .filter(Boolean);
    const forms = keys.flatMap((key) => VENDORS.flatMap((v) => secretForms(v.credentials(key))));
    for (const form of new Set(forms))
        core.setSecret(form);
    return Object.fromEntries(inputNames().map((name) => [name, core.getInput(name)]));
}
function writeOutputs(core, rows) {
    const { terminated, failed } = countRows(rows);
    core.setOutput(Outputs.Results, JSON.stringify(rows));
    core.setOutput(Outputs.Terminated, terminated);
    core.setOutput(Outputs.Failed, failed);
}
/** The job summary is a courtesy: outside a runner (no summary file) or on a full disk, skip it. */
async function writeSummary(core, env, html) {
    if (!env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await core.summary.addRaw(html).write();
    }
    catch (error) {
        core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
    }
}
function failureList(format, rows) {
    const failures = rows.filter((row) => isFailure(row.outcome));
    const shown = failures
        .slice(0, 5)
        .map((row) => `${format.keyOf(row)} ${row.outcome}${row.error ? ` (${row.error})` : ''}`);
    return shown.join('; ') + (failures.length > 5 ? `; and ${failures.length - 5} more` : '');
}
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;
function warnOnPlainHttp(core, base) {
    if (base.protocol === 'http:' && !LOOPBACK.test(base.hostname)) {
        core.warning(`The server ${base.origin} is plain http: the API key travels unencrypted. Use https.`);
    }
}


/***/ })

};

//# sourceMappingURL=22.index.js.map