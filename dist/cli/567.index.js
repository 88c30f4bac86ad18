export const id = 567;
export const ids = [567];
export const modules = {

/***/ 3567:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _runtime_signals_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2173);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1846);
/* harmony import */ var _settings_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7428);
/* harmony import */ var _settings_settings_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5911);
/* harmony import */ var _shared_failures_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7298);
/* harmony import */ var _runtime_version_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6696);
/* harmony import */ var _flags_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5377);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(79);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(1737);
/* harmony import */ var _terminal_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(1028);













const EXIT = { done: 0, failed: 1, badInput: 2, SIGINT: 130, SIGTERM: 143 };
let signals = 0;
process.on('SIGINT', () => {
    if (++signals > 1)
        process.exit(EXIT.SIGINT);
});
function readSecretFile(flag, path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path, 'utf8').replace(/\r?\n$/, '');
    }
    catch (error) {
        throw new _flags_js__WEBPACK_IMPORTED_MODULE_9__/* .UsageError */ .eb(`--${flag} ${path}: cannot be read: ${(0,_shared_failures_js__WEBPACK_IMPORTED_MODULE_7__/* .messageOf */ .bD)(error)}`);
    }
}
function runEnv(line, temp) {
    const env = { ...process.env, RUNNER_TEMP: temp };
    delete env.GITHUB_OUTPUT;
    delete env.GITHUB_STEP_SUMMARY;
    if (line.summary !== undefined)
        env.GITHUB_STEP_SUMMARY = line.summary;
    if (process.env.GITHUB_ACTIONS !== 'true')
        delete env.GITHUB_WORKSPACE;
    if (line.githubTokenFile !== undefined) {
        env.GITHUB_TOKEN = readSecretFile('github-token-file', line.githubTokenFile);
    }
    return env;
}
function runInputs(line) {
    const inputs = { ...line.inputs };
    if (line.apiKeyFile !== undefined) {
        inputs['api-key'] = readSecretFile('api-key-file', line.apiKeyFile);
    }
    return inputs;
}
function isBadInput(inputs, env) {
    try {
        (0,_settings_settings_js__WEBPACK_IMPORTED_MODULE_6__/* .parseSettings */ .P)(Object.fromEntries((0,_settings_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .inputNames */ .vj)().map((n) => [n, (inputs[n] ?? '').trim()])), env);
        return false;
    }
    catch (error) {
        if (error instanceof _settings_settings_js__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .d)
            return true;
        throw error;
    }
}
async function main(argv) {
    const line = (0,_flags_js__WEBPACK_IMPORTED_MODULE_9__/* .parseCommandLine */ .Du)(argv);
    if (line.help)
        return (void process.stdout.write((0,_help_js__WEBPACK_IMPORTED_MODULE_10__/* .helpText */ .B)()), EXIT.done);
    if (line.version)
        return (void process.stdout.write(`${_runtime_version_js__WEBPACK_IMPORTED_MODULE_8__/* .VERSION */ .x}\n`), EXIT.done);
    const temp = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'terminate-jobs-'));
    try {
        const env = runEnv(line, temp);
        const inputs = runInputs(line);
        const badInput = isBadInput(inputs, env);
        const { core, run: result, redact, } = (0,_terminal_js__WEBPACK_IMPORTED_MODULE_12__/* .terminalCore */ .A)(inputs, {
            debug: line.debug,
            summaryFile: line.summary,
        });
        await (0,_main_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .e)(core, { serverUrl: '', repository: null, runId: null }, env, _runtime_signals_js__WEBPACK_IMPORTED_MODULE_0__/* .cancel */ .Z.signal);
        const rowsFile = result.outputs['results-file'] ?? '';
        const rowsText = rowsFile ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(rowsFile, 'utf8').trim() : '[]';
        if (line.resultsFile !== undefined && rowsFile)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.copyFileSync)(rowsFile, line.resultsFile);
        (0,_result_js__WEBPACK_IMPORTED_MODULE_11__/* .printResult */ .R)(line.json, rowsText, result.outputs, redact);
        if (_runtime_signals_js__WEBPACK_IMPORTED_MODULE_0__/* .cancel */ .Z.signal.aborted)
            return cancelCode();
        if (badInput)
            return EXIT.badInput;
        return result.failed.length > 0 ? EXIT.failed : EXIT.done;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(temp, { recursive: true, force: true });
    }
}
function cancelCode() {
    const reason = (0,_shared_failures_js__WEBPACK_IMPORTED_MODULE_7__/* .messageOf */ .bD)(_runtime_signals_js__WEBPACK_IMPORTED_MODULE_0__/* .cancel */ .Z.signal.reason);
    return reason.includes('SIGTERM') ? EXIT.SIGTERM : EXIT.SIGINT;
}
try {
    process.exitCode = await main(process.argv.slice(2));
}
catch (error) {
    if (!(error instanceof _flags_js__WEBPACK_IMPORTED_MODULE_9__/* .UsageError */ .eb))
        throw error;
    process.stderr.write(`terminate-jobs: ${error.message}. Nothing was sent; see --help.\n`);
    process.exitCode = EXIT.badInput;
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Du: () => (/* binding */ parseCommandLine),
/* harmony export */   ZZ: () => (/* binding */ LIST_INPUTS),
/* harmony export */   bH: () => (/* binding */ isBooleanInput),
/* harmony export */   eJ: () => (/* binding */ inputFlags),
/* harmony export */   eb: () => (/* binding */ UsageError)
/* harmony export */ });
/* unused harmony export SECRET_INPUTS */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _settings_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7428);


const SECRET_INPUTS = ['api-key', 'github-token'];
const LIST_INPUTS = ['target', 'keys'];
const OWN_FLAGS = {
    'api-key-file': { type: 'string' },
    'github-token-file': { type: 'string' },
    json: { type: 'boolean' },
    summary: { type: 'string' },
    'results-file': { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
};
function isBooleanInput(name) {
    const value = _settings_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULTS */ .zY[name];
    return value === 'true' || value === 'false';
}
function inputFlags() {
    return (0,_settings_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .inputNames */ .vj)().filter((name) => !SECRET_INPUTS.includes(name));
}
class UsageError extends Error {
    name = 'UsageError';
}
function parseCommandLine(argv) {
    const options = { ...OWN_FLAGS };
    for (const name of inputFlags()) {
        options[name] = isBooleanInput(name) ? { type: 'boolean' } : { type: 'string', multiple: true };
    }
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args: argv, options, strict: true, allowNegative: true, tokens: true });
    }
    catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    refuseRepeats(parsed.tokens);
    const values = parsed.values;
    const inputs = {};
    for (const name of inputFlags()) {
        const value = values[name];
        if (value === undefined)
            continue;
        inputs[name] = Array.isArray(value) ? value.join('\n') : String(value);
    }
    const text = (name) => values[name];
    return {
        inputs,
        ...(text('api-key-file') === undefined ? {} : { apiKeyFile: text('api-key-file') }),
        ...(text('github-token-file') === undefined
            ? {}
            : { githubTokenFile: text('github-token-file') }),
        ...(text('summary') === undefined ? {} : { summary: text('summary') }),
        ...(text('results-file') === undefined ? {} : { resultsFile: text('results-file') }),
        json: values.json === true,
        debug: values.debug === true,
        help: values.help === true,
        version: values.version === true,
    };
}
function refuseRepeats(tokens) {
    const seen = new Set();
    for (const token of tokens ?? []) {
        if (token.kind !== 'option' || LIST_INPUTS.includes(token.name))
            continue;
        if (seen.has(token.name))
            throw new UsageError(`--${token.name} given more than once`);
        seen.add(token.name);
    }
}


/***/ }),

/***/ 79:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B: () => (/* binding */ helpText)
});

// EXTERNAL MODULE: ./src/runtime/version.ts
var version = __webpack_require__(6696);
// EXTERNAL MODULE: ./src/vendors/registry.ts + 34 modules
var registry = __webpack_require__(7722);
// EXTERNAL MODULE: ./src/cli/flags.ts
var cli_flags = __webpack_require__(5377);
;// CONCATENATED MODULE: ./src/cli/descriptions.json
const descriptions_namespaceObject = /*#__PURE__*/JSON.parse('{"vendor":"`posit-connect` (alias `connect`) or `xplenty` (alias `integrate-io`), any case.","target":"Posit Connect: the content GUID or URL; empty: the deployment file\'s `id`. Xplenty: the account ID. With `keys: all`, several of them or `all`.","keys":"Job keys (Connect) or job IDs (Xplenty), separated by commas, spaces or newlines, or `all` for every active job of the target; `none` (Xplenty, with `clusters: idle`) for no job.","package-id":"Xplenty only: with `keys: all`, terminate only the active jobs of this package.","bundle":"Posit Connect, with `keys: all`: `previous` for the jobs on bundles live before the active one (never a pull request\'s preview), or a bundle id for that bundle\'s jobs.","pull-request":"Posit Connect, with `keys: all`: a pull request\'s number; only the jobs on its previews (after it is closed), of the item given, else those its deploy comments name.","tag":"Posit Connect, with `keys: all`: only the jobs with one of these tags (`run_app`, `build_report`, ...).","content-tag":"Posit Connect, with `target: all`: only the content items with one of these tags.","content-name":"Posit Connect, with `target: all`: only the content items of one of these names.","older-than":"With `keys: all`: only the jobs that started longer ago than this (`90s`, `30m`, `1.5h`, `2d`).","clusters":"Xplenty only: `none`; `emptied` (after the kill, wait for the stopped jobs, then terminate their clusters that no job uses); `idle` (terminate the idle clusters of the account).","idle-for":"Xplenty, with `clusters: idle`: only the clusters idle for longer than this (`30m`, `2h`).","api-key":"The API key; else env `CONNECT_API_KEY` or `XPLENTY_API_KEY`. Posit Connect without a key: Trusted Publishing.","audience":"Posit Connect, Trusted Publishing: the audience of the OIDC token. Empty: `connect`.","server":"Connect: the server URL; else env `CONNECT_SERVER`, then the deployment file. Xplenty: the API base, default `https://api.xplenty.com`.","deployment-file":"Posit Connect: the Posit Publisher deployment file, relative to `path`, that gives an empty `target` and `server`. Empty: the only one.","path":"The application\'s folder in the repository, where `.posit/publish/deployments/` is looked up (as posit-dev/connect-actions\' `path`).","dry-run":"`true`: only list what would be terminated; send no kill order.","fail-on-error":"Fail the step when a row is a failure (`not-found`, `error`, `timed-out`); `false` makes it a warning.","concurrency":"Requests in flight at once, 1 to 64.","timeout":"Seconds one HTTP request may take, 0.1 to 3600.","retries":"Retries of a transient failure (network error, timeout, 408, 429, 500, 502, 503, 504), 0 to 10.","wait":"`true`: after the kill orders, wait until every terminated job is reported no longer active.","wait-timeout":"Seconds the whole wait may last, 1 to 21600.","poll-interval":"The shortest time between two polls of one job, in seconds, 0.2 to 3600.","log-lines":"Last log lines to show, 0 to 200, of the jobs still active after their kill order (with `older-than`: of every job stopped).","github-token":"Reads the pull requests\' deploy comments (`bundle: previous`, `pull-request`); needs `pull-requests: read`. Sent only to GitHub\'s API."}');
;// CONCATENATED MODULE: ./src/cli/help.ts




function firstSentence(text) {
    return /^.*?\.(?=\s|$)/.exec(text)?.[0] ?? text;
}
function helpText() {
    const descriptions = descriptions_namespaceObject;
    const flags = (0,cli_flags/* inputFlags */.eJ)().map((name) => {
        const flag = (0,cli_flags/* isBooleanInput */.bH)(name) ? `--[no-]${name}` : `--${name} VALUE`;
        const more = cli_flags/* LIST_INPUTS */.ZZ.includes(name) ? ' (may repeat)' : '';
        return `  ${flag.padEnd(26)} ${firstSentence(descriptions[name] ?? '')}${more}`;
    });
    return [
        `terminate-jobs ${version/* VERSION */.x}: the terminate-jobs GitHub Action as a command.`,
        '',
        'Usage: terminate-jobs --vendor VENDOR --target TARGET --keys KEYS [flags]',
        '',
        "Inputs (action.yml's, one flag each):",
        ...flags,
        '',
        `The API key: env ${registry/* VENDORS */.c.map((v) => v.apiKeyEnv).join(' or ')}, or --api-key-file PATH`,
        '(the file wins; never on the command line). A GitHub token: env GITHUB_TOKEN or',
        '--github-token-file PATH.',
        '',
        'The command:',
        '  --api-key-file PATH        the API key, read from a file (a trailing newline trimmed)',
        '  --github-token-file PATH   a GitHub token, read from a file',
        '  --json                     stdout: one JSON object {"rows": [...]} (and "clusters")',
        '  --summary FILE             write the Markdown summary to FILE',
        '  --results-file FILE        write every row as JSON to FILE',
        '  --debug                    debug lines on stderr',
        '  --help, --version',
        '',
        'Exit codes: 0 done, 1 the run failed, 2 bad input (nothing sent), 130 SIGINT, 143 SIGTERM.',
        '',
    ].join('\n');
}


/***/ }),

/***/ 1737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ printResult)
/* harmony export */ });
/* unused harmony export splitResults */
/* harmony import */ var _terminal_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1028);

const OUTCOME_STYLES = {
    terminated: 'green',
    ended: 'green',
    error: 'red',
    'timed-out': 'yellow',
};
const CLUSTERS_AT = ',\n"clusters": ';
function splitResults(text) {
    const at = text.lastIndexOf(CLUSTERS_AT);
    if (!text.startsWith('{') || at < 0)
        return { rows: text, clusters: null };
    return {
        rows: text.slice(text.indexOf('['), at),
        clusters: text.slice(at + CLUSTERS_AT.length, text.lastIndexOf('}')),
    };
}
function printResult(json, fileText, outputs, redact) {
    const { rows: rowsText, clusters } = splitResults(fileText);
    if (json) {
        const more = clusters === null ? '' : `, "clusters": ${clusters}`;
        process.stdout.write(redact(`{"rows": ${rowsText}${more}}\n`));
        return;
    }
    const rows = JSON.parse(rowsText);
    const clusterRows = JSON.parse(clusters ?? '[]');
    const lines = [...tableOf(rows, ''), ...tableOf(clusterRows, 'cluster ')];
    const clusterCount = clusters === null ? '' : `; ${clusterRows.length} cluster(s)`;
    const counts = `${rows.length} job(s); terminated ${outputs.terminated ?? '0'}, failed ${outputs.failed ?? '0'}${clusterCount}`;
    process.stdout.write(redact([...lines, counts, ''].join('\n')));
}
function tableOf(rows, prefix) {
    return rows.map((row) => {
        const id = row.job_key ?? row.id ?? row.job_id ?? '';
        const why = row.error ?? '';
        const outcome = String(row.outcome).padEnd(12);
        const style = OUTCOME_STYLES[String(row.outcome)];
        const shown = style ? (0,_terminal_js__WEBPACK_IMPORTED_MODULE_0__/* .paint */ .n)(style, outcome, process.stdout) : outcome;
        return `${shown} ${prefix}${String(id)}${why ? `  ${String(why)}` : ''}`;
    });
}


/***/ }),

/***/ 1028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ terminalCore),
/* harmony export */   n: () => (/* binding */ paint)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);


function paint(style, text, stream) {
    return stream.isTTY ? (0,node_util__WEBPACK_IMPORTED_MODULE_1__.styleText)(style, text, { stream }) : text;
}
function terminalCore(inputs, options) {
    const secrets = new Set();
    const redact = (text) => [...secrets].reduce((line, secret) => line.split(secret).join('***'), text);
    const status = statusLine(redact);
    const say = (line, style) => {
        status.clear();
        const text = redact(line);
        process.stderr.write(`${style ? paint(style, text, process.stderr) : text}\n`);
    };
    const run = { outputs: {}, failed: [] };
    const core = {
        getInput: (name) => (inputs[name] ?? '').trim(),
        setSecret: (secret) => {
            if (!secret || secrets.has(secret))
                return;
            secrets.add(secret);
            if (process.env.GITHUB_ACTIONS === 'true') {
                const data = secret.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
                process.stderr.write(`::add-mask::${data}\n`);
            }
        },
        setOutput: (name, value) => void (run.outputs[name] = String(value)),
        setFailed: (message) => {
            run.failed.push(message);
            say(`Error: ${message}`, 'red');
        },
        info: say,
        warning: (message) => say(`Warning: ${message}`, 'yellow'),
        debug: (message) => options.debug && say(`Debug: ${message}`),
        startGroup: (name) => say(`== ${name}`, 'bold'),
        endGroup: () => undefined,
        ...(process.stderr.isTTY ? { status: status.show } : {}),
        summary: {
            addRaw: (text) => ({
                write: async () => {
                    if (options.summaryFile)
                        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(options.summaryFile, redact(text));
                },
            }),
        },
    };
    return { core, run, redact };
}
function statusLine(redact) {
    let shown = false;
    const clear = () => {
        if (shown)
            process.stderr.write('\r\x1b[2K');
        shown = false;
    };
    const show = (line) => {
        clear();
        if (line === '')
            return;
        const width = Math.max(10, (process.stderr.columns || 80) - 1);
        process.stderr.write(redact(line).slice(0, width));
        shown = true;
    };
    return { clear, show };
}


/***/ }),

/***/ 9856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JH: () => (/* binding */ RateLimited),
/* harmony export */   MQ: () => (/* binding */ rateResetMs),
/* harmony export */   R_: () => (/* binding */ RequestAborted),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   kY: () => (/* binding */ failureText),
/* harmony export */   oJ: () => (/* binding */ isSuccess),
/* harmony export */   wX: () => (/* binding */ TransportError)
/* harmony export */ });
function isSuccess(response) {
    return response.status >= 200 && response.status < 300;
}
class TransportError extends Error {
    retryable;
    timedOut;
    name = 'TransportError';
    constructor(message, retryable = true, timedOut = false) {
        super(message);
        this.retryable = retryable;
        this.timedOut = timedOut;
    }
}
class RateLimited extends TransportError {
    until;
    name = 'RateLimited';
    constructor(until, said) {
        super(`${said}: rate limited until ${new Date(until).toISOString()}`, false);
        this.until = until;
    }
    get reason() {
        return `rate limited until ${new Date(this.until).toISOString()}`;
    }
}
class RequestAborted extends Error {
    name = 'RequestAborted';
}
function retryAfterMs(header, now = Date.now()) {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value.trim() === '')
        return null;
    if (/^\d+(\.\d+)?$/.test(value.trim()))
        return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
}
function rateResetMs(header, now = Date.now()) {
    const value = Number(Array.isArray(header) ? header[0] : header);
    if (!Number.isFinite(value) || value <= 0)
        return null;
    return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.round(value * 1000);
}
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


/***/ }),

/***/ 1846:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// UNUSED EXPORTS: runContext

// EXTERNAL MODULE: ./src/shared/text.ts
var shared_text = __webpack_require__(4646);
;// CONCATENATED MODULE: ./src/shared/log.ts

async function inGroup(log, name, work) {
    log.startGroup?.(name);
    try {
        return await work();
    }
    finally {
        log.endGroup?.();
    }
}
function guardedLog(core) {
    return {
        getInput: (name) => core.getInput(name),
        setSecret: (secret) => core.setSecret(secret),
        setOutput: (name, value) => core.setOutput(name, value),
        setFailed: (message) => core.setFailed((0,shared_text/* logSafe */.sN)(message)),
        info: (message) => core.info((0,shared_text/* logSafe */.sN)(message)),
        warning: (message) => core.warning((0,shared_text/* logSafe */.sN)(message)),
        debug: (message) => core.debug((0,shared_text/* logSafe */.sN)(message)),
        startGroup: (name) => core.startGroup((0,shared_text/* oneLine */.TN)(name)),
        endGroup: () => core.endGroup(),
        ...(core.status ? { status: statusOf(core.status.bind(core)) } : {}),
        summary: core.summary,
    };
}
function statusOf(status) {
    return (line) => status((0,shared_text/* oneLine */.TN)((0,shared_text/* logSafe */.sN)(line)));
}

// EXTERNAL MODULE: ./src/shared/pool.ts
var pool = __webpack_require__(5135);
// EXTERNAL MODULE: ./src/shared/rows.ts
var shared_rows = __webpack_require__(580);
;// CONCATENATED MODULE: ./src/shared/stop.ts
class Stop {
    reason = null;
    message = null;
    headline = null;
    get stopped() {
        return this.reason !== null;
    }
    record(reason, failure) {
        if (this.reason !== null)
            return;
        this.reason = reason;
        this.message = failure?.message ?? null;
        this.headline = failure?.headline ?? null;
    }
    cancelled(reason) {
        this.record(reason, { message: 'The run was cancelled.', headline: 'the run was cancelled' });
    }
    adopt(other) {
        if (other.message !== null && other.headline !== null) {
            this.record(other.reason ?? '', { message: other.message, headline: other.headline });
        }
    }
}

// EXTERNAL MODULE: ./src/shared/failures.ts
var failures = __webpack_require__(7298);
// EXTERNAL MODULE: ./src/shared/selection.ts
var selection = __webpack_require__(2799);
;// CONCATENATED MODULE: ./src/execute/terminate.ts







const CANCELLED = 'cancelled before it was sent';
async function terminateJobs(vendor, plan, log, cancel) {
    const chosen = {
        keys: plan.keys,
        known: [],
        selection: plan.all
            ? ''
            : plan.keys.length === 0
                ? 'no job (`keys: none`)'
                : `the ${plan.keys.length} job(s) in keys`,
    };
    try {
        if (plan.all) {
            const said = await inGroup(log, 'Choose jobs', () => chooseJobs(vendor, plan, log, cancel, chosen));
            log.info(said);
        }
        else {
            await vendor.prepare(cancel);
        }
    }
    catch (error) {
        const stopped = stoppedBeforeAnyOrder(vendor.rows, chosen.keys, error);
        return { ...stopped, selection: chosen.selection };
    }
    const count = chosen.listedRows?.length ?? chosen.keys.length;
    const name = plan.dryRun ? `Dry run: look at ${count} job(s)` : `Terminate ${count} job(s)`;
    if (chosen.listedRows) {
        const listed = chosen.listedRows;
        await inGroup(log, name, async () => {
            for (const row of listed)
                log.info((0,shared_rows/* describeRow */._)(vendor.rows, row));
        });
        log.info(`Dry run: ${(0,shared_rows/* outcomeCounts */.TY)(listed)}; nothing was sent.`);
        return { rows: listed, stop: new Stop(), selection: chosen.selection };
    }
    const stop = new Stop();
    const rows = await inGroup(log, name, () => sendOrders(vendor, plan, log, cancel, chosen, stop));
    if (cancel.aborted)
        stop.cancelled(CANCELLED);
    const sent = rows.filter((row) => row !== undefined);
    log.info(`${plan.dryRun ? 'Dry run' : 'Kill orders'}: ${(0,shared_rows/* outcomeCounts */.TY)(sent)}.`);
    const unsent = stop.reason ?? '';
    return {
        rows: chosen.keys.map((key, index) => rows[index] ?? vendor.rows.errorRow(key, unsent)),
        stop,
        selection: chosen.selection,
    };
}
async function chooseJobs(vendor, plan, log, cancel, chosen) {
    await vendor.prepare(cancel);
    const filters = await vendor.filters(cancel);
    chosen.selection = (0,selection/* describeSelection */.e9)(filters);
    const selected = (0,selection/* select */.Lt)(await vendor.activeJobs(cancel), filters);
    for (const row of selected.rows) {
        if ((0,shared_rows/* isFailure */.N6)(row.outcome))
            log.info((0,shared_rows/* describeRow */._)(vendor.rows, row));
    }
    for (const { text, warning } of vendor.notices()) {
        if (warning && log.warning)
            log.warning(text);
        else
            log.info(text);
    }
    if (plan.dryRun)
        chosen.listedRows = selected.rows;
    chosen.keys = selected.rows.map((row) => vendor.rows.keyOf(row));
    chosen.known = selected.rows.map((row) => ((0,shared_rows/* isFailure */.N6)(row.outcome) ? row : undefined));
    return selected.log;
}
function stopBeforeAnyOrder(error, stop) {
    const failure = (0,failures/* classify */.L8)(error);
    switch (failure.kind) {
        case 'stop':
            return stop.record(`not sent: ${failure.reason}`, failure);
        case 'cancelled':
            return stop.cancelled(CANCELLED);
        case 'unreachable':
            return stop.record('not sent: the server could not be reached', {
                message: (0,shared_text/* sentence */.em)(`Could not reach the server: ${failure.message}`),
                headline: 'the server could not be reached',
            });
        case 'unexpected':
            throw error;
    }
}
function stoppedBeforeAnyOrder(format, keys, error) {
    const stop = new Stop();
    stopBeforeAnyOrder(error, stop);
    const rows = keys.map((key) => format.errorRow(key, stop.reason ?? ''));
    return { rows, stop };
}
async function sendOrders(vendor, plan, log, cancel, chosen, stop) {
    const rows = Array.from({ length: chosen.keys.length }, (_, i) => chosen.known[i]);
    const send = plan.dryRun ? vendor.inspect.bind(vendor) : vendor.terminate.bind(vendor);
    await (0,pool/* forEachLimited */.v)(chosen.keys, plan.concurrency, async (key, index) => {
        if (rows[index] !== undefined)
            return;
        try {
            rows[index] = await send(key, cancel);
        }
        catch (error) {
            rows[index] = failedRow(vendor.rows, key, error, plan.dryRun, stop);
        }
        log.info((0,shared_rows/* describeRow */._)(vendor.rows, rows[index]));
    }, () => stop.stopped || cancel.aborted);
    return rows;
}
function failedRow(format, key, error, dryRun, stop) {
    const failure = (0,failures/* classify */.L8)(error);
    switch (failure.kind) {
        case 'stop':
            stop.record(`not sent: ${failure.reason}`, failure);
            return failure.row ?? format.errorRow(key, failure.rowError);
        case 'cancelled':
            return format.errorRow(key, dryRun
                ? 'cancelled while waiting for the answer'
                : `cancelled while waiting for the answer: ${shared_rows/* MAYBE_REGISTERED */.S0}`);
        case 'unreachable':
            return format.errorRow(key, failure.message);
        case 'unexpected':
            return format.errorRow(key, dryRun
                ? `unexpected failure: ${failure.message}`
                : `unexpected failure: ${failure.message}; ${shared_rows/* MAYBE_REGISTERED */.S0}`);
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/shared/deadline.ts
function deadline(cancel, ms) {
    return AbortSignal.any([cancel, AbortSignal.timeout(ms)]);
}

;// CONCATENATED MODULE: ./src/execute/poll-credits.ts
const RESERVE_SHARE = 0.2;
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
    take(now = Date.now(), count = 1) {
        if (this.done + this.inFlight + count > this.allowance(now))
            return false;
        this.inFlight += count;
        return true;
    }
    settle(count = 1, spent = count) {
        this.inFlight -= count;
        this.done += spent;
    }
    nextAt(now = Date.now(), count = 1) {
        const total = this.total();
        const wanted = this.done + this.inFlight + count;
        if (wanted <= this.allowance(now))
            return now;
        if (wanted > total)
            return Infinity;
        return (Math.floor(this.started + this.plan.timeoutMs * (wanted / total) ** 2 - this.plan.intervalMs) + 1);
    }
    allowance(now) {
        const total = this.total();
        if (!Number.isFinite(total))
            return Infinity;
        const gone = (now - this.started + this.plan.intervalMs) / this.plan.timeoutMs;
        return total * Math.sqrt(Math.min(1, Math.max(0, gone)));
    }
    total() {
        return this.done + creditsBeyondReserve(this.budget.rateLimit);
    }
}
function creditsBeyondReserve({ remaining, limit }) {
    if (!Number.isFinite(remaining))
        return Infinity;
    const reserve = Math.ceil((limit ?? remaining) * RESERVE_SHARE);
    return Math.max(0, remaining - reserve);
}

;// CONCATENATED MODULE: ./src/execute/wait-rounds.ts
const WORDS = {
    job: { many: 'job(s)', plural: 'jobs', stop: 'stop', stopped: 'stopped', ended: 'ended' },
    cluster: {
        many: 'cluster(s)',
        plural: 'clusters',
        stop: 'be terminated',
        stopped: 'terminated',
        ended: 'terminated',
    },
};
const MISSES_TO_GO_ALONE = 2;
function splitRound(due, vendorLists, affordable) {
    if (vendorLists === null)
        return { lists: [], alone: due };
    const byList = new Map();
    for (const job of due.filter((job) => job.missed < MISSES_TO_GO_ALONE)) {
        const list = vendorLists.listOf(job.row);
        byList.set(list, [...(byList.get(list) ?? []), job]);
    }
    const lists = [];
    const alone = due.filter((job) => job.missed >= MISSES_TO_GO_ALONE);
    for (const jobs of byList.values()) {
        const cost = vendorLists.cost(jobs.map((job) => job.row));
        if (cost < jobs.length && affordable(cost))
            lists.push({ jobs, cost });
        else
            alone.push(...jobs);
    }
    return { lists, alone };
}
function seconds(ms) {
    return Math.max(0, Math.round(ms / 1000));
}

;// CONCATENATED MODULE: ./src/execute/wait.ts










const PROGRESS_EVERY_MS = 10_000;
const LONG_WAIT_MS = 60_000;
async function waitForJobs(vendor, rows, plan, budget, log, cancel) {
    const wait = new Wait(vendor, rows, plan, budget, log, cancel);
    if (wait.total === 0)
        return { rows: [...rows], stop: new Stop() };
    const what = `${wait.total} ${wait.words.many} to ${wait.words.stop}`;
    const name = `Wait up to ${(0,shared_text/* durationText */.S5)(plan.timeoutMs)} for ${what}`;
    const report = await inGroup(log, name, async () => {
        if (plan.timeoutMs >= LONG_WAIT_MS)
            await wait.readRateBudget();
        log.info(`Waiting up to ${seconds(plan.timeoutMs)} s for ${what}.`);
        while (wait.active()) {
            await wait.round();
            if (!wait.active())
                break;
            wait.progress();
            await wait.pause();
        }
        log.status?.('');
        return wait.finish();
    });
    log.info(wait.said());
    return report;
}
class Wait {
    vendor;
    plan;
    budget;
    log;
    cancel;
    total;
    result;
    started = Date.now();
    deadline;
    requestsBefore;
    stop;
    credits;
    watching;
    lastProgress = this.started;
    endedAt = this.started;
    ended = new Stop();
    creditsWanted = Infinity;
    words;
    constructor(vendor, rows, plan, budget, log, cancel) {
        this.vendor = vendor;
        this.plan = plan;
        this.budget = budget;
        this.log = log;
        this.cancel = cancel;
        this.words = WORDS[plan.waitsOn ?? 'job'];
        this.result = [...rows];
        this.deadline = this.started + plan.timeoutMs;
        this.requestsBefore = budget.requestCount;
        this.stop = deadline(cancel, plan.timeoutMs);
        this.credits = new PollCredits(budget, plan, this.started);
        const watched = (row, index) => {
            const lastSeen = 'not polled yet';
            return { index, row, dueAt: this.started, lastSeen, stopped: false, missed: 0 };
        };
        this.watching = rows.flatMap((row, i) => ((0,shared_rows/* isWaitedOn */.IZ)(row.outcome) ? [watched(row, i)] : []));
        this.total = this.watching.length;
    }
    active() {
        return this.watching.length > 0 && !this.halted() && Date.now() < this.deadline;
    }
    halted() {
        return this.stop.aborted || this.ended.stopped;
    }
    async readRateBudget() {
        try {
            await this.vendor.readRateBudget(this.stop);
        }
        catch (error) {
            this.log.info(`Could not read the rate budget before the wait: ${(0,failures/* messageOf */.bD)(error)}`);
        }
    }
    async round() {
        const now = Date.now();
        const due = now < this.budget.pausedUntil
            ? []
            : this.watching.filter((job) => job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
        this.creditsWanted = Infinity;
        const { lists, alone } = splitRound(due, this.vendor.lists, (cost) => this.credits.nextAt(now, cost) < Infinity);
        const absent = [];
        const work = [
            ...lists.map((list) => () => this.pollList(list, absent)),
            ...alone.map((job) => () => this.poll(job)),
        ];
        const halted = () => this.halted();
        await (0,pool/* forEachLimited */.v)(work, this.plan.concurrency, (poll) => poll(), halted);
        await (0,pool/* forEachLimited */.v)(absent, this.plan.concurrency, (job) => this.poll(job), halted);
        this.watching = this.watching.filter((job) => !job.stopped);
    }
    async pollList({ jobs, cost }, absent) {
        const lists = this.vendor.lists;
        if (lists === null || !this.credits.take(Date.now(), cost)) {
            this.creditsWanted = Math.min(this.creditsWanted, cost);
            return;
        }
        const sentAt = Date.now();
        let spent = cost;
        const alone = (job) => {
            job.missed += 1;
            absent.push(job);
        };
        try {
            const round = await lists.poll(jobs.map((job) => job.row), this.stop);
            spent = round.requests;
            round.polls.forEach((poll, i) => {
                const job = jobs[i];
                if (poll !== null) {
                    job.missed = 0;
                    job.dueAt = sentAt + this.plan.intervalMs;
                    return this.seen(job, poll);
                }
                if (round.unread !== undefined)
                    job.lastSeen = round.unread;
                alone(job);
            });
        }
        catch (error) {
            for (const job of jobs) {
                this.failed(job, error);
                alone(job);
            }
        }
        finally {
            this.credits.settle(cost, spent);
        }
    }
    async poll(job) {
        if (!this.credits.take()) {
            this.creditsWanted = 1;
            return;
        }
        const sentAt = Date.now();
        try {
            this.seen(job, await this.vendor.poll(job.row, this.stop));
        }
        catch (error) {
            this.failed(job, error);
        }
        finally {
            this.credits.settle();
        }
        job.dueAt = sentAt + this.plan.intervalMs;
    }
    seen(job, poll) {
        job.row = poll.row;
        if (poll.ended) {
            job.stopped = true;
            this.result[job.index] = poll.row;
            this.log.info((0,shared_rows/* describeRow */._)(this.vendor.rows, poll.row));
        }
        else {
            job.lastSeen = poll.seen;
        }
    }
    failed(job, error) {
        const failure = (0,failures/* classify */.L8)(error);
        if (failure.kind === 'cancelled')
            return;
        if (failure.kind === 'stop')
            this.ended.record(failure.reason, failure.refused ? failure : undefined);
        job.lastSeen = (0,failures/* messageOf */.bD)(error);
    }
    progress() {
        const ended = this.total - this.watching.length;
        const left = seconds(this.deadline - Date.now());
        const { plural, stopped, ended: over } = this.words;
        this.log.status?.(`${ended} of ${this.total} ${plural} ${stopped}, ${this.watching.length} still active, ${left} s left`);
        if (Date.now() - this.lastProgress < (this.plan.progressEveryMs ?? PROGRESS_EVERY_MS))
            return;
        this.lastProgress = Date.now();
        this.log.info(`${ended} of ${this.total} ${plural} ${over}, waiting up to ${left} s more`);
    }
    async pause() {
        const nextDue = Math.max(this.budget.pausedUntil, Math.min(...this.watching.map((job) => job.dueAt)), this.credits.nextAt(Date.now(), Number.isFinite(this.creditsWanted) ? this.creditsWanted : 1));
        const pause = Math.max(1, Math.min(nextDue, this.deadline) - Date.now());
        await (0,promises_.setTimeout)(pause, undefined, { signal: this.stop }).catch(() => undefined);
    }
    finish() {
        const stop = this.cancel.aborted ? new Stop() : this.ended;
        const refusal = stop.message;
        const why = this.cancel.aborted
            ? 'cancelled while waiting'
            : this.ended.stopped
                ? `not polled further: ${this.ended.reason}`
                : `still active after ${seconds(this.plan.timeoutMs)} s`;
        for (const job of this.watching) {
            const outcome = refusal === null ? 'timed-out' : job.row.outcome;
            const error = `${why} (last seen: ${job.lastSeen})`;
            this.result[job.index] = this.vendor.rows.withOutcome(job.row, outcome, error);
        }
        this.endedAt = Date.now();
        return { rows: this.result, stop };
    }
    said() {
        return `${this.total - this.watching.length} of ${this.total} ${this.words.plural} ${this.words.ended} in ${seconds(this.endedAt - this.started)} s; the wait used ${this.budget.requestCount - this.requestsBefore} request(s).`;
    }
}

;// CONCATENATED MODULE: ./src/execute/clusters.ts






async function releaseClusters(phase, jobs, plan, budget, log, cancel) {
    const name = plan.dryRun ? 'Dry run: look at the clusters' : 'Terminate clusters';
    const report = await inGroup(log, name, () => settleAll(phase, jobs, plan, log, cancel));
    log.info(`Clusters: ${report.rows.length === 0 ? 'none to terminate' : (0,shared_rows/* outcomeCounts */.TY)(report.rows)}${plan.dryRun ? '; nothing was sent' : ''}.`);
    if (plan.wait === null || report.stop.stopped || cancel.aborted)
        return report;
    const left = Math.max(0, plan.wait.timeoutMs - (Date.now() - plan.waitStarted));
    const wait = { ...plan.wait, timeoutMs: left, waitsOn: 'cluster' };
    const waited = await waitForJobs(phase, report.rows, wait, budget, log, cancel);
    report.stop.adopt(waited.stop);
    return { rows: waited.rows, stop: report.stop };
}
async function settleAll(phase, jobs, plan, log, cancel) {
    let keys;
    try {
        keys = await phase.choose(jobs, plan.dryRun, cancel);
    }
    catch (error) {
        return { rows: [], stop: stoppedBeforeAnyOrder(phase.rows, [], error).stop };
    }
    const stop = new Stop();
    const rows = new Array(keys.length);
    await (0,pool/* forEachLimited */.v)(keys, plan.concurrency, async (key, index) => {
        try {
            rows[index] = await phase.settle(key, plan.dryRun, cancel);
        }
        catch (error) {
            rows[index] = failedRow(phase.rows, key, error, plan.dryRun, stop);
        }
        log.info((0,shared_rows/* describeRow */._)(phase.rows, rows[index]));
    }, () => stop.stopped || cancel.aborted);
    const unsent = stop.reason ?? (cancel.aborted ? CANCELLED : '');
    return { rows: keys.map((key, i) => rows[i] ?? phase.rows.errorRow(key, unsent)), stop };
}

;// CONCATENATED MODULE: ./src/execute/job-logs.ts







function wantsLog(row, killed, everyStopped) {
    if (row.outcome === 'timed-out')
        return true;
    if (row.outcome === 'error')
        return killed !== undefined && (0,shared_rows/* isAccepted */.oB)(killed.outcome);
    return everyStopped && (0,shared_rows/* isAccepted */.oB)(row.outcome);
}
async function fetchLogs(vendor, rows, killed, plan, budget, log, cancel) {
    const wanted = rows.flatMap((row, index) => plan.lines > 0 && wantsLog(row, killed[index], plan.everyStopped) ? [index] : []);
    const reading = new LogReading(vendor, rows, plan, budget, cancel);
    if (wanted.length === 0)
        return { rows: [...rows], notes: [] };
    const fetched = await inGroup(log, 'Last log lines', async () => {
        await (0,pool/* forEachLimited */.v)(wanted, plan.concurrency, (index) => reading.read(index), () => reading.over());
        const read = reading.finish(wanted);
        for (const row of read.rows)
            if (row.log)
                showLog(log, vendor.rows.keyOf(row), row.log);
        return read;
    });
    log.info(`Read the last log lines of ${wanted.length - fetched.notes.length} of ${wanted.length} job(s)${fetched.notes.length > 0
        ? `; ${fetched.notes.length} could not be read (see the summary)`
        : ''}.`);
    return fetched;
}
class LogReading {
    vendor;
    plan;
    budget;
    cancel;
    result;
    notes = [];
    stop;
    inFlight = 0;
    ended = new Stop();
    constructor(vendor, rows, plan, budget, cancel) {
        this.vendor = vendor;
        this.plan = plan;
        this.budget = budget;
        this.cancel = cancel;
        this.result = [...rows];
        this.stop = deadline(cancel, plan.timeoutMs);
    }
    over() {
        return this.ended.stopped || this.stop.aborted;
    }
    async read(index) {
        if (this.inFlight + 1 > creditsBeyondReserve(this.budget.rateLimit)) {
            this.ended.record('the rate budget left is kept for the rest of the workflow');
            return;
        }
        const row = this.result[index];
        this.inFlight++;
        try {
            const log = await this.vendor.log(row, this.plan.lines, this.stop);
            if ('lines' in log)
                this.result[index] = { ...row, log: log.lines };
            else
                this.notes.push({ index, why: log.unavailable });
        }
        catch (error) {
            const failure = (0,failures/* classify */.L8)(error);
            if (failure.kind === 'stop')
                this.ended.record(failure.reason);
            if (failure.kind !== 'cancelled')
                this.notes.push({ index, why: (0,failures/* messageOf */.bD)(error) });
        }
        finally {
            this.inFlight--;
        }
    }
    finish(wanted) {
        const noted = new Set(this.notes.map((note) => note.index));
        const why = this.cancel.aborted
            ? 'not read: the run was cancelled'
            : this.ended.stopped
                ? `not read: ${this.ended.reason}`
                : `not read within the ${this.plan.timeoutMs / 1000} s the logs may take`;
        for (const index of wanted) {
            if (this.result[index]?.log === undefined && !noted.has(index)) {
                this.notes.push({ index, why });
            }
        }
        return { rows: this.result, notes: this.notes.sort((a, b) => a.index - b.index) };
    }
}
function showLog(log, key, lines) {
    log.info(`${key}: ${lines.length} log line(s)`);
    for (const line of lines)
        log.info(`  ${line}`);
}

// EXTERNAL MODULE: ./src/http/answer.ts
var http_answer = __webpack_require__(9856);
;// CONCATENATED MODULE: ./src/http/json.ts
const MAX_DEPTH = 64;
const LONG_INTEGER = /\d{16}/;
const BOM = '\uFEFF';
function parseJson(text, maxDepth = MAX_DEPTH) {
    const json = text.startsWith(BOM) ? text.slice(BOM.length) : text;
    if (json.trim() === '')
        return undefined;
    try {
        const bounded = cutDeepValues(json, maxDepth);
        return LONG_INTEGER.test(bounded) ? JSON.parse(bounded, keepLongIntegers) : JSON.parse(bounded);
    }
    catch {
        return undefined;
    }
}
function keepLongIntegers(_key, value, context) {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source) {
        return /^-?\d+$/.test(context.source) ? context.source : value;
    }
    return value;
}
function cutDeepValues(text, maxDepth) {
    const structural = /["\\[\]{}]/g;
    const parts = [];
    let from = 0;
    let depth = 0;
    let cutAt = -1;
    let inString = false;
    while (structural.test(text)) {
        const at = structural.lastIndex - 1;
        const c = text[at];
        if (c === '\\') {
            if (inString)
                structural.lastIndex = at + 2;
        }
        else if (c === '"') {
            inString = !inString;
        }
        else if (inString) {
            continue;
        }
        else if (c === '[' || c === '{') {
            depth++;
            if (depth === maxDepth + 1)
                cutAt = at;
        }
        else {
            if (depth === maxDepth + 1 && cutAt >= 0) {
                parts.push(text.slice(from, cutAt), 'null');
                from = at + 1;
                cutAt = -1;
            }
            depth--;
        }
    }
    if (parts.length === 0)
        return text;
    parts.push(text.slice(from));
    return parts.join('');
}

;// CONCATENATED MODULE: ./src/http/rate-gate.ts


class RateGate {
    limits = { limit: null, remaining: Infinity };
    paused = 0;
    limited = 0;
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
    get limitedUntil() {
        return this.limited;
    }
    limitAll(until) {
        this.limited = Math.max(this.limited, until);
    }
    holdAll(until) {
        this.paused = Math.max(this.paused, until);
    }
    async pass(signal) {
        const wait = Math.max(0, this.paused - Date.now());
        await pause(wait, signal);
        this.sent++;
        return wait;
    }
    note(headers, now = Date.now()) {
        const remaining = headerCount(headers['x-ratelimit-remaining']);
        if (remaining === null)
            return;
        const windowOver = (0,http_answer/* rateResetMs */.MQ)(headers['x-ratelimit-reset'], now) === 0;
        this.record({
            limit: headerCount(headers['x-ratelimit-limit']),
            remaining: windowOver ? Infinity : remaining,
        });
    }
    record({ limit, remaining }) {
        this.limits.remaining = remaining;
        this.limits.limit = limit !== null && Number.isFinite(limit) ? limit : this.limits.limit;
    }
}
function headerCount(header) {
    const value = (Array.isArray(header) ? header[0] : header)?.trim();
    if (value === undefined || !/^\d+$/.test(value))
        return null;
    const count = Number(value);
    return Number.isSafeInteger(count) ? count : null;
}
async function pause(ms, signal) {
    try {
        if (ms > 0)
            await (0,promises_.setTimeout)(ms, undefined, { signal });
        else
            signal?.throwIfAborted();
    }
    catch {
        throw new http_answer/* RequestAborted */.R_(String(signal?.reason ?? 'aborted'));
    }
}

;// CONCATENATED MODULE: ./src/http/redact.ts
function secretForms(secrets) {
    const forms = secrets.flatMap((secret) => [
        secret,
        ...escapedForms(secret),
        Buffer.from(secret).toString('base64'),
        Buffer.from(`${secret}:`).toString('base64'),
    ]);
    return [...new Set(forms)].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}
function escapedForms(text) {
    const encoded = encodeURIComponent(text);
    return [
        encoded,
        encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
        jsonEscaped(text, 'lower'),
        jsonEscaped(text, 'upper'),
    ];
}
function jsonEscaped(text, hexCase) {
    return [...text]
        .map((c) => {
        const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
        return `\\u${hexCase === 'upper' ? hex.toUpperCase() : hex}`;
    })
        .join('');
}
class Redactor {
    pattern;
    constructor(forms) {
        const encodings = new Set(forms.flatMap((form) => escapedForms(form).filter((e) => e !== form)));
        const alternatives = forms.map((form) => encodings.has(form) ? escapeRegExp(form) : [...form].map(charPattern).join(''));
        this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
    }
    text(text) {
        return this.pattern === null ? text : text.replace(this.pattern, '***');
    }
    headers(headers) {
        if (this.pattern === null)
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
const SHORT_ESCAPES = { '/': '\\\\/', '"': '\\\\"', '\\': '\\\\\\\\' };
function charPattern(c) {
    const code = c.charCodeAt(0);
    const literal = escapeRegExp(c);
    if (code > 0xff)
        return `(?:${literal}|\\\\u${hexAnyCase(code, 4)})`;
    const short = SHORT_ESCAPES[c];
    return `(?:${literal}|%${hexAnyCase(code, 2)}|\\\\u${hexAnyCase(code, 4)}${short ? `|${short}` : ''})`;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
function hexAnyCase(code, digits) {
    return [...code.toString(16).padStart(digits, '0')]
        .map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
        .join('');
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./src/http/transport.ts


const TIMEOUT_CODES = new Set([
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
const HOPELESS_CODES = new Set([
    'UND_ERR_INVALID_ARG',
    'UND_ERR_NOT_SUPPORTED',
    'UND_ERR_DESTROYED',
    'UND_ERR_CLOSED',
]);
const HOPELESS_PATTERN = /^(HPE_|UND_ERR_INFO$|UND_ERR_RES_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_CERT|HOSTNAME_MISMATCH|ERR_SSL_)/;
class Transport {
    options;
    pool;
    constructor(options) {
        this.options = options;
    }
    async send(method, url, headers, body, signal, maxBodyBytes = this.options.maxBodyBytes) {
        const dispatcher = await this.dispatcher();
        signal?.throwIfAborted();
        const attempt = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            attempt.abort(new DOMException('timed out', 'TimeoutError'));
        }, this.options.timeoutMs);
        const cancel = () => attempt.abort(signal?.reason);
        signal?.addEventListener('abort', cancel, { once: true });
        if (signal)
            (0,external_node_events_.setMaxListeners)(0, signal);
        const signals = attempt.signal;
        try {
            const response = await dispatcher.request({
                origin: url.origin,
                path: `${url.pathname}${url.search}`,
                method: method,
                headers: { ...headers },
                body,
                signal: signals,
            });
            const text = await readCapped(response.body, response.headers, maxBodyBytes);
            return { status: response.statusCode, headers: response.headers, text };
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            if (error instanceof http_answer/* TransportError */.wX)
                throw error;
            if (timedOut || TIMEOUT_CODES.has(errorCode(error) ?? '')) {
                const within = `no complete answer within ${this.options.timeoutMs / 1000} s`;
                throw new http_answer/* TransportError */.wX(within, true, true);
            }
            throw new http_answer/* TransportError */.wX(describe(error), !isHopeless(error));
        }
        finally {
            clearTimeout(timer);
            signal?.removeEventListener('abort', cancel);
        }
    }
    async close() {
        if (this.pool)
            await (await this.pool).destroy();
    }
    dispatcher() {
        this.pool ??= Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(421), __webpack_require__.e(850)]).then(__webpack_require__.bind(__webpack_require__, 4850)).then(({ EnvHttpProxyAgent }) => new EnvHttpProxyAgent({
            proxyTunnel: false,
            connections: this.options.connections,
            connectTimeout: this.options.timeoutMs,
            headersTimeout: this.options.timeoutMs,
            bodyTimeout: this.options.timeoutMs,
            keepAliveTimeout: 10_000,
        }));
        return this.pool;
    }
}
async function readCapped(body, headers, maxBytes) {
    const tooLarge = () => new http_answer/* TransportError */.wX(`answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, false);
    if (Number(headers['content-length']) > maxBytes) {
        body.destroy();
        throw tooLarge();
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
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
function isHopeless(error) {
    if (error instanceof TypeError)
        return true;
    const { name, message } = error instanceof Error ? error : { name: '', message: '' };
    if (name === 'HTTPParserError')
        return true;
    if (errorCode(error) === 'UND_ERR_SOCKET' && message === 'bad response')
        return true;
    const codes = [errorCode(error), errorCode(error?.cause)];
    return codes.some((code) => code !== undefined && (HOPELESS_CODES.has(code) || HOPELESS_PATTERN.test(code)));
}
function errorCode(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : undefined;
}

;// CONCATENATED MODULE: ./src/http/client.ts





const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 10_000;
class HttpClient {
    gate;
    options;
    redactor;
    transport;
    constructor(options, parent) {
        this.options = {
            retryBudgetMs: 60_000,
            backoffMs: 500,
            maxBodyBytes: 10 * 1024 * 1024,
            secrets: [],
            ...options,
        };
        this.gate = parent?.gate ?? new RateGate();
        this.redactor = parent?.redactor ?? new Redactor(this.options.secrets);
        this.transport = parent?.transport ?? new Transport(this.options);
    }
    under(path) {
        const base = new URL(path, this.options.base);
        if (base.origin !== this.origin ||
            !base.href.startsWith(this.root) ||
            !base.href.endsWith('/')) {
            throw new http_answer/* TransportError */.wX(`refused a client under ${base.href}: not a folder of ${this.root}`, false);
        }
        return new HttpClient({ ...this.options, base }, this);
    }
    get origin() {
        return this.options.base.origin;
    }
    get root() {
        return this.options.base.href;
    }
    get requestCount() {
        return this.gate.requestCount;
    }
    async request(method, path, init = {}) {
        const url = this.urlFor(method, path, init.query);
        const outgoing = {
            ...encodeBody(init.body),
            signal: init.signal,
            extraHeaders: init.headers,
            maxBodyBytes: init.maxBodyBytes,
        };
        const call = `${method} ${url.pathname}`;
        let paused = 0;
        for (let attempt = 0;; attempt++) {
            const limited = this.gate.limitedUntil;
            if (limited > Date.now())
                throw new http_answer/* RateLimited */.JH(limited, `${call} not sent`);
            paused += await this.gate.pass(init.signal);
            const outcome = await this.attemptOrFailure(method, url, outgoing);
            const retryable = outcome instanceof http_answer/* TransportError */.wX ? outcome.retryable : RETRY_STATUSES.has(outcome.status);
            const delay = this.backoff(attempt, outcome);
            if (!(outcome instanceof http_answer/* TransportError */.wX) && outcome.status === 429) {
                this.holdOff(outcome, delay, call);
            }
            if (!retryable || attempt >= this.options.retries)
                return settle(outcome);
            if (paused + delay > this.options.retryBudgetMs) {
                this.options.log?.(`${call}: ${said(outcome)}; no retry: a pause of ${delay} ms would exceed the ${this.options.retryBudgetMs} ms retry budget`);
                return settle(outcome);
            }
            this.options.log?.(`${call}: ${said(outcome)}; retry ${attempt + 1} of ${this.options.retries} in ${delay} ms`);
            await pause(delay, init.signal);
            paused += delay;
        }
    }
    urlFor(method, path, query) {
        const url = new URL(path, this.options.base);
        for (const [name, value] of Object.entries(query ?? {})) {
            url.searchParams.append(name, String(value));
        }
        const root = this.options.base.href;
        if (url.origin !== this.origin || !url.href.startsWith(root)) {
            throw new http_answer/* TransportError */.wX(`refused to send ${method} ${url.href}: not under ${root}`, false);
        }
        return url;
    }
    async attemptOrFailure(method, url, outgoing) {
        const { signal } = outgoing;
        try {
            return await this.attempt(method, url, outgoing);
        }
        catch (error) {
            if (signal?.aborted)
                throw new http_answer/* RequestAborted */.R_(String(signal.reason ?? 'aborted'));
            if (!(error instanceof http_answer/* TransportError */.wX))
                throw error;
            return new http_answer/* TransportError */.wX(this.redactor.text(error.message), error.retryable, error.timedOut);
        }
    }
    holdOff(answer, delay, call) {
        const asked = (0,http_answer/* retryAfterMs */.Vs)(answer.headers['retry-after']) ??
            (0,http_answer/* rateResetMs */.MQ)(answer.headers['x-ratelimit-reset']);
        if (asked !== null && asked > this.options.retryBudgetMs) {
            this.gate.limitAll(Date.now() + asked);
            throw new http_answer/* RateLimited */.JH(Date.now() + asked, `${call} answered HTTP 429`);
        }
        this.gate.holdAll(Date.now() + delay);
    }
    close() {
        return this.transport.close();
    }
    async attempt(method, url, outgoing) {
        const began = Date.now();
        const headers = { ...this.options.headers, ...outgoing.extraHeaders, ...outgoing.headers };
        const answer = await this.transport.send(method, url, headers, outgoing.body, outgoing.signal, outgoing.maxBodyBytes);
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
    backoff(attempt, outcome) {
        const retryAfter = outcome instanceof http_answer/* TransportError */.wX ? null : (0,http_answer/* retryAfterMs */.Vs)(outcome.headers['retry-after']);
        if (retryAfter !== null)
            return retryAfter;
        const ceiling = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** attempt);
        return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    }
}
function encodeBody(body) {
    if (body === undefined)
        return {};
    if ('form' in body) {
        return {
            body: new URLSearchParams(body.form).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
        };
    }
    return { body: JSON.stringify(body.json), headers: { 'content-type': 'application/json' } };
}
function said(outcome) {
    return outcome instanceof http_answer/* TransportError */.wX ? outcome.message : `HTTP ${outcome.status}`;
}
function settle(outcome) {
    if (outcome instanceof http_answer/* TransportError */.wX)
        throw outcome;
    return outcome;
}

// EXTERNAL MODULE: ./src/runtime/version.ts
var version = __webpack_require__(6696);
// EXTERNAL MODULE: ./src/vendors/kit.ts
var kit = __webpack_require__(791);
;// CONCATENATED MODULE: ./src/execute/id-token.ts




const TOKEN_TEXT = /^[\x21-\x7e]+$/;
const MAX_ANSWER_BYTES = 1024 * 1024;
const NO_TOKEN = 'no OIDC token';
async function requestIdToken(audience, env, open, cancel) {
    const url = serviceUrl(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
    const path = `${url.pathname}${url.search}${url.search ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
    const request = `the ID-token request (GET ${url.pathname})`;
    const failed = (said) => `Could not get an OIDC token from GitHub for audience ${audience}: ${said}`;
    const http = open(new URL('/', url), {
        authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`,
    });
    let response;
    try {
        response = await http.request('GET', path, { signal: cancel, maxBodyBytes: MAX_ANSWER_BYTES });
    }
    catch (error) {
        throw (0,failures/* unanswered */.bj)(error, request, failed, NO_TOKEN);
    }
    finally {
        await http.close();
    }
    if (!(0,http_answer/* isSuccess */.oJ)(response)) {
        throw new failures/* RunStopped */.NL(`${failed(`${request} answered ${refusal(response)}`)}.`, NO_TOKEN);
    }
    const token = (0,kit/* asRecord */.qY)(response.json)?.value;
    if (typeof token === 'string' && TOKEN_TEXT.test(token))
        return token;
    throw new failures/* RunStopped */.NL(`GitHub's answer for audience ${audience} held no usable OIDC token.`, NO_TOKEN);
}
function serviceUrl(value) {
    const url = URL.parse(value);
    if (url?.protocol === 'https:' || url?.protocol === 'http:')
        return url;
    throw new failures/* RunStopped */.NL('ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL: the runner sets it for a job with `permissions: id-token: write`; do not set it in the workflow.', NO_TOKEN);
}
function refusal(response) {
    const message = (0,kit/* asRecord */.qY)(response.json)?.message;
    return typeof message === 'string' && message.trim() !== ''
        ? `HTTP ${response.status} (${(0,shared_text/* oneLine */.TN)(message, 300)})`
        : (0,http_answer/* failureText */.kY)(response, null);
}

;// CONCATENATED MODULE: ./src/execute/sign-in.ts





async function signIn(settings, core, env, runUrl, cancel) {
    const { keyless } = settings.configured;
    if (settings.apiKey !== '' || !keyless) {
        core.info(`Signing in with ${settings.signIn}.`);
        return { apiKey: settings.apiKey, secrets: [] };
    }
    const credential = await inGroup(core, `Sign in to ${settings.apiBase.origin}`, () => {
        core.info(`Signing in with ${settings.signIn}.`);
        return signInWithout(keyless, settings, core, env, runUrl, cancel);
    });
    core.info(`Signed in with ${settings.signIn}.`);
    return credential;
}
async function signInWithout(keyless, settings, core, env, runUrl, cancel) {
    warnings(core, settings.apiBase, env);
    const secrets = [];
    const secret = (...values) => {
        const forms = secretForms(values);
        for (const form of forms)
            core.setSecret(form);
        secrets.push(...forms);
    };
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '';
    if (requestToken !== '')
        secret(requestToken, `Bearer ${requestToken}`);
    const open = (base, headers = {}) => httpClient(settings, { base, secrets: [...secrets], headers }, runUrl, core);
    const session = {
        apiBase: settings.apiBase,
        signal: cancel,
        idToken: async (audience) => {
            const token = await requestIdToken(audience, env, open, cancel);
            secret(token);
            return token;
        },
        http: (base) => open(base),
    };
    const apiKey = await keyless.signIn(session);
    for (const form of secretForms(settings.vendor.credentials(apiKey)))
        core.setSecret(form);
    return { apiKey, secrets, keyAdvice: keyless.refusedAdvice };
}
function openHttp(settings, credential, runUrl, core, env) {
    const { vendor } = settings;
    const { apiKey } = credential;
    if (settings.apiKey !== '')
        warnings(core, settings.apiBase, env);
    return httpClient(settings, {
        base: settings.apiBase,
        secrets: [...secretForms(vendor.credentials(apiKey)), ...credential.secrets],
        headers: vendor.headers(apiKey),
    }, runUrl, core);
}
function httpClient(settings, options, runUrl, core) {
    return new HttpClient({
        ...options,
        headers: {
            accept: 'application/json',
            ...options.headers,
            'user-agent': `terminate-jobs/${version/* VERSION */.x} (${runUrl ?? 'outside GitHub Actions'})`,
        },
        connections: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        retries: settings.retries,
        log: (line) => core.debug(line),
    });
}
function warnings(core, base, env) {
    warnOnPlainHttp(core, base);
    warnOnUnverifiedTls(core, env);
}
function warnOnUnverifiedTls(core, env) {
    if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
        core.warning('NODE_TLS_REJECT_UNAUTHORIZED=0 is set in the environment: server certificates are not verified, and the API key is sent to whoever answers for the server name. Remove the variable, or trust a private CA with NODE_EXTRA_CA_CERTS.');
    }
}
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;
function warnOnPlainHttp(core, base) {
    if (base.protocol === 'http:' && !LOOPBACK.test(base.hostname)) {
        core.warning(`The server ${base.origin} is plain http: the API key travels unencrypted. Use https.`);
    }
}

;// CONCATENATED MODULE: ./src/github/fetch.ts
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const WIRE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);
function fetchOver(http) {
    return async (input, init) => {
        if (init?.body !== undefined && init.body !== null) {
            throw new TypeError('the GitHub reader sends no request body');
        }
        const url = input instanceof Request ? input.url : String(input);
        const answer = await http.request(init?.method ?? 'GET', url, {
            headers: headerRecord(init?.headers),
            signal: init?.signal ?? undefined,
        });
        return responseOf(answer);
    };
}
function headerRecord(headers) {
    return Object.fromEntries(new Headers(headers).entries());
}
function responseOf(answer) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined || WIRE_HEADERS.has(name))
            continue;
        for (const one of Array.isArray(value) ? value : [value])
            headers.append(name, one);
    }
    const body = NULL_BODY.has(answer.status)
        ? null
        : answer.json === undefined
            ? answer.text
            : JSON.stringify(answer.json);
    return new Response(body, { status: answer.status, headers });
}

;// CONCATENATED MODULE: ./src/github/pages.ts



const PER_PAGE = 100;
const MAX_PAGES = 10;
const MAX_REQUESTS = 200;
const API_VERSION = '2022-11-28';
const PERMISSION_FIX = 'give the job `permissions: pull-requests: read`';
class Unreadable extends Error {
    reason;
    fix;
    name = 'Unreadable';
    constructor(reason, fix) {
        super(reason);
        this.reason = reason;
        this.fix = fix;
    }
}
function firstPage(reading, listing, route, params) {
    return pageOf(reading, listing, () => reading.octokit.request(route, {
        ...params,
        per_page: PER_PAGE,
        headers: { 'x-github-api-version': API_VERSION },
        request: { signal: reading.signal },
    }));
}
async function allItems(reading, listing, first) {
    const items = [...first.items];
    let page = first;
    for (let pages = 1; page.next !== null; pages++) {
        if (pages >= MAX_PAGES) {
            throw new Unreadable(`more than ${MAX_PAGES} pages of ${listing.what} (over ${MAX_PAGES * PER_PAGE}): what is not read cannot be told apart`, `keep ${listing.what} under ${MAX_PAGES * PER_PAGE}; each listing is read to ${MAX_PAGES} pages of ${PER_PAGE} at most`);
        }
        const next = underRoot(page.next, reading.root, listing);
        page = await pageOf(reading, listing, () => reading.octokit.request({
            method: 'GET',
            url: next,
            headers: { 'x-github-api-version': API_VERSION },
            request: { signal: reading.signal },
        }));
        items.push(...page.items);
    }
    return items;
}
function underRoot(link, root, listing) {
    let url = null;
    try {
        url = new URL(link);
    }
    catch {
    }
    if (url === null || url.origin !== new URL(root).origin || !url.href.startsWith(root)) {
        throw new Unreadable(`GitHub named the next page of ${listing.what} at ${(0,shared_text/* quoteUpTo */.$i)((0,shared_text/* oneLine */.TN)(link, 300), 300)}, which is not under ${root}: not followed (the token is sent only to GITHUB_API_URL)`, 'check GITHUB_API_URL, and that no proxy rewrites the API’s `Link` headers');
    }
    return url.href;
}
async function pageOf(reading, listing, send) {
    if (reading.sent() >= MAX_REQUESTS) {
        throw new Unreadable(`${MAX_REQUESTS} requests sent to GitHub, the bound of one read (every listing together), with ${listing.what} still unread: what is not read cannot be told apart`, `keep the open pull requests under ${MAX_REQUESTS - MAX_PAGES}: where the repository's comments are too many to read at once, each one's comments take a request or more`);
    }
    const { signal } = reading;
    let answer;
    try {
        answer = await send();
    }
    catch (error) {
        throw failureOf(error, listing, signal);
    }
    if (answer.status !== 200)
        throw statusFailure(answer, listing);
    if (!Array.isArray(answer.data)) {
        throw new Unreadable(`GitHub's answer listing ${listing.what} is not a JSON list`, 'check that GITHUB_API_URL is the GitHub REST API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server)');
    }
    return { items: answer.data, ...links(answer.headers.link) };
}
function failureOf(error, listing, signal) {
    if (signal.aborted)
        return new http_answer/* RequestAborted */.R_(String(signal.reason ?? 'aborted'));
    const { status, response } = error;
    if (typeof status === 'number' && response !== undefined) {
        return statusFailure({ status, headers: response.headers ?? {}, data: response.data }, listing);
    }
    const cause = error.cause ?? error;
    if (cause instanceof http_answer/* RateLimited */.JH) {
        return new Unreadable(`GitHub asked the listing of ${listing.what} to wait longer than the run may: ${cause.reason}`, 'run the job again after that time');
    }
    return new Unreadable(`GitHub could not be reached listing ${listing.what}: ${(0,shared_text/* oneLine */.TN)((0,failures/* messageOf */.bD)(cause), 300)}`, 'check GITHUB_API_URL and the runner’s network (HTTPS_PROXY, NO_PROXY)');
}
function statusFailure(answer, listing) {
    const { status, headers } = answer;
    const said = serverMessage(answer.data);
    const http = `HTTP ${status}${said}`;
    if (status >= 300 && status < 400) {
        const location = typeof headers.location === 'string' ? headers.location : '(no Location)';
        return new Unreadable(`GitHub answered the listing of ${listing.what} with ${http}, a redirect to ${(0,shared_text/* quoteUpTo */.$i)((0,shared_text/* oneLine */.TN)(location, 300), 300)}: not followed`, 'set GITHUB_API_URL to the API itself (https://api.github.com, or https://HOST/api/v3)');
    }
    if (status === 401) {
        return new Unreadable(`GitHub refused the token listing ${listing.what} (${http})`, 'pass a valid token: the job’s own is `${{ github.token }}`');
    }
    if (status === 429 || (status === 403 && isRateLimit(headers))) {
        return new Unreadable(`GitHub's rate limit stopped the listing of ${listing.what} (${http})`, 'run the job again once the limit is reset');
    }
    if (status === 403) {
        return new Unreadable(`GitHub refused to list ${listing.what} (${http})`, PERMISSION_FIX);
    }
    if (status === 404) {
        return new Unreadable(`GitHub answered ${http} listing ${listing.what}: ${listing.notFound}`, `check GITHUB_REPOSITORY, and ${PERMISSION_FIX}`);
    }
    return new Unreadable(`GitHub answered ${http} listing ${listing.what}`, 'run the job again; if it lasts, see https://www.githubstatus.com');
}
function isRateLimit(headers) {
    return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined;
}
function serverMessage(data) {
    const message = data?.message;
    return typeof message === 'string' && message.trim() !== ''
        ? `: ${(0,shared_text/* quoteUpTo */.$i)((0,shared_text/* oneLine */.TN)(message, 200), 200)}`
        : '';
}
function links(header) {
    const found = { next: null, last: null };
    if (typeof header !== 'string')
        return found;
    for (const [, url = '', rels = ''] of header.matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
        const names = rels.split(/\s+/);
        if (names.includes('next'))
            found.next ??= url;
        if (names.includes('last'))
            found.last ??= pageNumber(url);
    }
    return found;
}
function pageNumber(url) {
    try {
        const page = Number(new URL(url).searchParams.get('page'));
        return Number.isSafeInteger(page) && page > 0 ? page : null;
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/github/records.ts

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const MALFORMED_FIX = 'check that GITHUB_API_URL is the GitHub REST API (https://api.github.com, or https://HOST/api/v3)';
function issueComments(items, what) {
    return items.map((item, index) => {
        const comment = (item ?? {});
        const user = comment.user;
        const login = user === null ? '' : user?.login;
        const issue = /\/issues\/(\d{1,15})$/.exec(String(comment.issue_url ?? ''))?.[1];
        const fields = {
            id: positive(comment.id),
            issue: positive(issue === undefined ? NaN : Number(issue)),
            author: typeof login === 'string' ? login : null,
            association: typeof comment.author_association === 'string' ? comment.author_association : null,
            body: typeof comment.body === 'string' ? comment.body : null,
        };
        const bad = Object.entries(fields).find(([, value]) => value === null)?.[0];
        if (bad !== undefined)
            throw malformed(what, index, 'comment', FIELD_NAMES[bad] ?? bad);
        return fields;
    });
}
const FIELD_NAMES = {
    id: '`id` (a positive integer)',
    issue: '`issue_url` (ending /issues/{number})',
    author: '`user.login` (a string)',
    association: '`author_association` (a string)',
    body: '`body` (a string)',
};
function openPulls(items, what) {
    return items.map((item, index) => {
        const pull = (item ?? {});
        const number = positive(pull.number);
        if (number === null)
            throw malformed(what, index, 'pull request', '`number` (a positive integer)');
        const created = pull.created_at;
        if (typeof created !== 'string' ||
            !ISO_TIME.test(created) ||
            Number.isNaN(Date.parse(created))) {
            throw malformed(what, index, 'pull request', '`created_at` (a date)');
        }
        return { number, createdAt: created };
    });
}
function positive(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}
function malformed(what, index, noun, field) {
    return new Unreadable(`GitHub listed ${what} with a ${noun} (item ${index + 1} of the listing) without ${field}`, MALFORMED_FIX);
}

;// CONCATENATED MODULE: ./src/github/listings.ts



async function openPullComments(at, log) {
    const pulls = await openPullsOf(at);
    const numbers = pulls.map((pull) => pull.number);
    if (pulls.length <= 1) {
        const comments = pulls.length === 0 ? [] : await perPull(at, numbers);
        return { comments, openPulls: numbers };
    }
    const oldest = pulls.reduce((a, b) => Date.parse(b.createdAt) < Date.parse(a.createdAt) ? b : a);
    const listing = {
        what: `the repository's comments since ${oldest.createdAt}`,
        notFound: notVisible(at.repository),
    };
    const { owner, name: repo } = at.repository;
    const probe = await firstPage(at, listing, 'GET /repos/{owner}/{repo}/issues/comments', {
        owner,
        repo,
        since: oldest.createdAt,
    });
    const pagesLeft = pagesAfter(probe);
    if (pagesLeft < MAX_PAGES && pagesLeft <= pulls.length) {
        log?.info(`Read the comments of ${(0,shared_text/* count */.U9)(pulls.length)} open pull requests repository-wide: ${pages(pagesLeft + 1)}, no more requests than one per pull request.`);
        const open = new Set(numbers);
        const comments = issueComments(await allItems(at, listing, probe), listing.what);
        return { comments: unique(comments.filter((c) => open.has(c.issue))), openPulls: numbers };
    }
    log?.info(`Read the comments of ${(0,shared_text/* count */.U9)(pulls.length)} open pull requests one pull request at a time: the repository-wide listing has ${pagesLeft === Infinity ? 'an untold number of pages' : pages(pagesLeft + 1)}.`);
    return { comments: await perPull(at, numbers), openPulls: numbers };
}
function pagesAfter(page) {
    if (page.next === null)
        return 0;
    return page.last === null ? Infinity : Math.max(1, page.last - 1);
}
async function openPullsOf(at) {
    const { owner, name: repo } = at.repository;
    const listing = { what: 'the open pull requests', notFound: notVisible(at.repository) };
    const first = await firstPage(at, listing, 'GET /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        state: 'open',
    });
    const pulls = openPulls(await allItems(at, listing, first), listing.what);
    return [...new Map(pulls.map((pull) => [pull.number, pull])).values()];
}
async function perPull(at, pulls) {
    const comments = [];
    for (const pull of pulls)
        comments.push(...(await commentsOf(at, pull)));
    return comments;
}
async function commentsOf(at, pull) {
    const { owner, name: repo } = at.repository;
    const listing = {
        what: `the comments of pull request #${pull}`,
        notFound: `no pull request #${pull} in ${owner}/${repo}, or the token may not read it`,
    };
    const first = await firstPage(at, listing, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: pull,
    });
    const comments = issueComments(await allItems(at, listing, first), listing.what);
    const stray = comments.find((comment) => comment.issue !== pull);
    if (stray !== undefined) {
        throw new Unreadable(`GitHub listed a comment of #${stray.issue} among ${listing.what}`, 'check that GITHUB_API_URL is the GitHub REST API');
    }
    return unique(comments);
}
function unique(comments) {
    return [...new Map(comments.map((comment) => [comment.id, comment])).values()];
}
function pages(n) {
    return `${(0,shared_text/* count */.U9)(n)} ${n === 1 ? 'page' : 'pages'}`;
}
function notVisible(repository) {
    return `the repository ${repository.owner}/${repository.name} is not there, or the token may not read it`;
}

;// CONCATENATED MODULE: ./src/github/repository.ts


const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
function repositoryOf(env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const match = REPOSITORY.exec(repository);
    if (match === null || match[2] === '.' || match[2] === '..') {
        throw new Unreadable(repository === ''
            ? 'GITHUB_REPOSITORY is not set'
            : `GITHUB_REPOSITORY is ${(0,shared_text/* quote */.hD)(repository)}, not owner/name`, 'run the step in GitHub Actions, which sets GITHUB_REPOSITORY to owner/name');
    }
    return { owner: match[1], name: match[2], api: apiOf(env.GITHUB_API_URL) };
}
function apiOf(text) {
    const given = text === undefined || text.trim() === '' ? 'https://api.github.com' : text.trim();
    let url = null;
    try {
        url = new URL(given);
    }
    catch {
    }
    if (url === null ||
        !/^https?:$/.test(url.protocol) ||
        url.username !== '' ||
        url.password !== '' ||
        url.search !== '' ||
        url.hash !== '') {
        throw new Unreadable(`GITHUB_API_URL is ${(0,shared_text/* quote */.hD)((0,shared_text/* withoutUserinfo */.Q3)(given))}, not an http(s) URL of the API`, 'leave GITHUB_API_URL as the runner sets it (https://api.github.com, or https://HOST/api/v3)');
    }
    return url.href.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/github/comments.ts









function gitHubReader(options) {
    const secrets = [...new Set([...options.secrets, ...secretForms([options.token])])];
    const redactor = new Redactor(secrets);
    const read = async (signal, work) => {
        let http = null;
        try {
            const repository = setUp(options);
            http = new HttpClient({
                base: new URL(`${repository.api}/`),
                headers: {},
                secrets,
                connections: 1,
                timeoutMs: options.timeoutMs,
                retries: options.retries,
                log: options.log?.debug && ((line) => options.log?.debug?.(line)),
            });
            const reading = await readingOver(http, repository, options, signal);
            return { readable: true, ...(await work(reading)), requests: http.requestCount };
        }
        catch (error) {
            if (!(error instanceof Unreadable))
                throw error;
            const { reason, fix } = error;
            const requests = http?.requestCount ?? 0;
            return { readable: false, reason: redactor.text(reason), fix, requests };
        }
        finally {
            await http?.close();
        }
    };
    return {
        openPullRequestComments: (signal) => read(signal, (at) => openPullComments(at, options.log)),
        pullRequestComments: (pull, signal) => read(signal, async (at) => {
            if (!Number.isSafeInteger(pull) || pull < 1) {
                throw new Unreadable(`${String(pull)} is not a pull request number`, 'name a pull request by its number, like `${{ github.event.pull_request.number }}`');
            }
            return { comments: await commentsOf(at, pull), openPulls: [] };
        }),
    };
}
function setUp(options) {
    if (options.token === '') {
        throw new Unreadable('no GitHub token', `pass the job's token (\`\${{ github.token }}\`), and ${PERMISSION_FIX}`);
    }
    return repositoryOf(options.env);
}
async function readingOver(http, repository, options, signal) {
    const { getOctokit } = await octokitModule();
    const log = {
        debug: () => { },
        info: () => { },
        warn: warnTo(options.log),
        error: warnTo(options.log),
    };
    const octokit = getOctokit(options.token, {
        baseUrl: repository.api,
        userAgent: `terminate-jobs/${version/* VERSION */.x}`,
        log,
        request: { fetch: fetchOver(http), log },
    });
    const cancel = options.signal ? AbortSignal.any([options.signal, signal]) : signal;
    const sent = () => http.requestCount;
    return { octokit, root: `${repository.api}/`, signal: cancel, repository, sent };
}
async function octokitModule() {
    try {
        return await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(542), __webpack_require__.e(501)]).then(__webpack_require__.bind(__webpack_require__, 3501));
    }
    catch (error) {
        throw new Unreadable(`@actions/github could not be loaded: ${(0,shared_text/* oneLine */.TN)((0,failures/* messageOf */.bD)(error), 300)}`, 'check GITHUB_EVENT_PATH: the runner sets it to the workflow event, a JSON file');
    }
}
function warnTo(log) {
    return (message) => log?.info((0,shared_text/* oneLine */.TN)(`GitHub: ${message}`, 300));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/report/outputs.ts






const RESULTS_BUDGET_BYTES = 800_000;
const CLUSTERS_BUDGET_BYTES = 160_000;
const WRITE_CHUNK_BYTES = 256 * 1024;
function writeResults(rows, dir, priority, options = {}) {
    const { budget = RESULTS_BUDGET_BYTES, lighter = (row) => row } = options;
    const written = writeRowsFile(rows, dir, options.tempDir ?? (0,external_node_os_.tmpdir)(), options.clusters);
    const { file, fileError, fallback, sizes } = written;
    if (totalOf(sizes) <= budget) {
        return {
            results: JSON.stringify(rows),
            file,
            omitted: 0,
            lightened: false,
            fileError,
            fallback,
        };
    }
    const light = rows.map(lighter);
    const lightSizes = light.map((row, index) => row === rows[index] ? sizes[index] : Buffer.byteLength(JSON.stringify(row)));
    const kept = keptRows(light, lightSizes, priority, budget);
    const results = `[${light
        .filter((_, index) => kept.has(index))
        .map((row) => JSON.stringify(row))
        .join(',')}]`;
    const lightened = light.some((row, index) => row !== rows[index] && kept.has(index));
    return { results, file, omitted: rows.length - kept.size, lightened, fileError, fallback };
}
function totalOf(sizes) {
    return 2 + sizes.reduce((sum, size) => sum + size, 0) + Math.max(0, sizes.length - 1);
}
function keptRows(rows, sizes, priority, budget) {
    const kept = new Set();
    if (totalOf(sizes) <= budget)
        return new Set(rows.map((_, index) => index));
    const order = rows.map((_, index) => index);
    order.sort((a, b) => priority(rows[a]) - priority(rows[b]) || a - b);
    let used = 2;
    for (const index of order) {
        const cost = sizes[index] + (kept.size > 0 ? 1 : 0);
        if (used + cost > budget)
            continue;
        kept.add(index);
        used += cost;
    }
    return kept;
}
function writeRowsFile(rows, dir, tempDir, clusters) {
    const sizes = new Array(rows.length);
    const opened = openResultsFile(dir, tempDir);
    let { file, fileError } = opened;
    const { fd } = opened;
    let pending = [];
    let pendingBytes = 0;
    const flush = () => {
        if (fd !== null && pending.length > 0)
            (0,external_node_fs_.writeSync)(fd, pending.join(''));
        pending = [];
        pendingBytes = 0;
    };
    try {
        pending.push(clusters === undefined ? '[' : '{"jobs": [');
        rows.forEach((row, index) => {
            const text = JSON.stringify(row);
            sizes[index] = Buffer.byteLength(text);
            pending.push(index === 0 ? text : `,\n${text}`);
            pendingBytes += sizes[index];
            if (pendingBytes >= WRITE_CHUNK_BYTES)
                flush();
        });
        pending.push(clusters === undefined ? ']\n' : `],\n"clusters": ${JSON.stringify(clusters)}}\n`);
        flush();
    }
    catch (error) {
        fileError = (0,failures/* messageOf */.bD)(error);
        file = '';
        rows.forEach((row, index) => (sizes[index] ??= Buffer.byteLength(JSON.stringify(row))));
    }
    finally {
        if (fd !== null)
            (0,external_node_fs_.closeSync)(fd);
    }
    return { file, fileError, fallback: opened.fallback, sizes };
}
function openResultsFile(dir, tempDir) {
    const name = `terminate-jobs-results-${(0,external_node_crypto_.randomUUID)()}.json`;
    let fallback = dir ? null : 'RUNNER_TEMP is not set';
    let fileError = null;
    for (const place of dir ? [dir, tempDir] : [tempDir]) {
        const file = (0,external_node_path_.join)(place, name);
        try {
            return { fd: (0,external_node_fs_.openSync)(file, 'wx', 0o600), file, fileError, fallback };
        }
        catch (error) {
            if (place === dir)
                fallback = `RUNNER_TEMP (${dir}) cannot be written: ${(0,failures/* messageOf */.bD)(error)}`;
            else
                fileError = (0,failures/* messageOf */.bD)(error);
        }
    }
    return { fd: null, file: '', fileError, fallback };
}
function writeOutputs(core, env, rows, clusters = null) {
    const priority = (row) => (0,shared_rows/* isFailure */.N6)(row.outcome) ? 0 : (0,shared_rows/* isAccepted */.oB)(row.outcome) ? 1 : 2;
    const clusterOutput = clustersOutput(core, clusters ?? [], priority);
    const written = writeResults(rows, env.RUNNER_TEMP, priority, {
        lighter: withoutLog,
        budget: RESULTS_BUDGET_BYTES - Buffer.byteLength(clusterOutput),
        ...(clusters === null ? {} : { clusters }),
    });
    warnAbout(core, written, rows.length);
    const { terminated, failed } = (0,shared_rows/* countRows */.BO)(rows);
    try {
        core.setOutput(Outputs.Results, written.results);
        core.setOutput(Outputs.ResultsFile, written.file);
        core.setOutput(Outputs.Terminated, terminated);
        core.setOutput(Outputs.Failed, failed);
        core.setOutput(Outputs.Clusters, clusterOutput);
        return null;
    }
    catch (error) {
        return `The step's outputs could not be written (GITHUB_OUTPUT=${env.GITHUB_OUTPUT ?? ''}): ${(0,failures/* messageOf */.bD)(error)}. Every row is in the results file ${written.file || '(not written either)'} and the job summary.`;
    }
}
function clustersOutput(core, rows, priority) {
    const texts = rows.map((row) => JSON.stringify(row));
    const sizes = texts.map((text) => Buffer.byteLength(text));
    const kept = keptRows(rows, sizes, priority, CLUSTERS_BUDGET_BYTES);
    if (kept.size < rows.length) {
        core.warning(`${rows.length - kept.size} of ${rows.length} cluster rows are only in the file of output results-file: \`clusters\` holds what fits in ${CLUSTERS_BUDGET_BYTES.toLocaleString('en')} bytes, failures first.`);
    }
    return `[${texts.filter((_, index) => kept.has(index)).join(',')}]`;
}
function withoutLog(row) {
    if (row.log === undefined)
        return row;
    const { log: _log, ...rest } = row;
    return rest;
}
function warnAbout(core, written, count) {
    const where = `the file of output results-file (${written.file || 'not written'})`;
    const budget = RESULTS_BUDGET_BYTES.toLocaleString('en');
    if (written.fallback !== null) {
        core.warning(`The results file is in ${(0,external_node_os_.tmpdir)()}: ${written.fallback}.`);
    }
    if (written.fileError !== null) {
        core.warning(`Could not write the results file: ${written.fileError}`);
    }
    if (written.lightened) {
        core.warning(`The rows in \`results\` have no \`log\`: with their logs they take more than ${budget} bytes. ${where[0]?.toUpperCase()}${where.slice(1)} has them.`);
    }
    if (written.omitted > 0) {
        core.warning(`${written.omitted} of ${count} rows are only in ${where}: \`results\` holds what fits in ${budget} bytes, failures first.`);
    }
}
const Outputs = {
    Results: 'results',
    ResultsFile: 'results-file',
    Terminated: 'terminated',
    Failed: 'failed',
    Clusters: 'clusters',
};

;// CONCATENATED MODULE: ./src/report/html.ts

class Html {
    text;
    constructor(text) {
        this.text = text;
    }
    static trusted(text) {
        return new Html(text);
    }
    get bytes() {
        return Buffer.byteLength(this.text);
    }
}
function html_element(tag, children = [], attributes = {}) {
    const attrs = Object.entries(attributes)
        .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
        .join('');
    return Html.trusted(`<${tag}${attrs}>${children.map((child) => html(child)).join('')}</${tag}>`);
}
function html(content, limit) {
    return content instanceof Html ? content.text : (0,shared_text/* cellSafe */.o3)(content, limit);
}
function html_text(value, limit) {
    return Html.trusted((0,shared_text/* cellSafe */.o3)(value, limit));
}
const CODE_SPAN = /`([^`]+)`/g;
function words(sentence, limit) {
    const line = (0,shared_text/* oneLine */.TN)(sentence, limit);
    let shown = '';
    let from = 0;
    for (const span of line.matchAll(CODE_SPAN)) {
        shown += (0,shared_text/* markupEscaped */.mD)(line.slice(from, span.index));
        shown += `<code>${(0,shared_text/* markupEscaped */.mD)(span[1])}</code>`;
        from = span.index + span[0].length;
    }
    return Html.trusted(shown + (0,shared_text/* markupEscaped */.mD)(line.slice(from)));
}
function join(pieces, separator = '') {
    return Html.trusted(pieces.map((piece) => html(piece)).join(separator));
}
function html_link(href, children) {
    return href && /^https?:\/\//i.test(href) ? html_element('a', children, { href }) : join(children);
}
function preformatted(lines, limit, maxBytes) {
    const kept = [];
    let bytes = 0;
    for (let i = lines.length - 1; i >= 0; i--) {
        const line = (0,shared_text/* cellSafe */.o3)(lines[i], limit);
        bytes += Buffer.byteLength(line) + 5;
        if (bytes > maxBytes)
            break;
        kept.push(line);
    }
    const block = Html.trusted(`<pre>${kept.reverse().join('&#10;')}</pre>`);
    return { block, shown: kept.length };
}
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

;// CONCATENATED MODULE: ./src/report/sheet.ts
const LOOKS = {
    error: { marker: '❌', phrase: 'failed' },
    'not-found': { marker: '❌', phrase: 'not found' },
    'timed-out': { marker: '⏱️', phrase: 'still active at the deadline' },
    ended: { marker: '✅', phrase: 'stopped' },
    terminated: { marker: '✅', phrase: 'told to stop' },
    'dry-run': { marker: '🔍', phrase: 'would be stopped' },
    'not-active': { marker: '➖', phrase: 'already ended' },
    busy: { marker: '➖', phrase: 'still in use' },
    'not-ready': { marker: '➖', phrase: 'not ready to terminate' },
    terminating: { marker: '➖', phrase: 'already terminating' },
    'not-idle': { marker: '➖', phrase: 'no longer idle' },
};
function sizeOf(parts) {
    return parts.reduce((sum, part) => sum + part.bytes + 1, 0);
}

;// CONCATENATED MODULE: ./src/report/clusters.ts




const CLUSTER_ROW_LIMIT = 200;
function clusterSection(sheet, budget) {
    if (sheet === null)
        return [];
    const { format, rows } = sheet;
    const counts = new Map();
    for (const row of rows)
        counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
    const said = [...counts].map(([outcome, count]) => `${count} ${outcome}`);
    const parts = [
        html_element('h3', ['Clusters']),
        html_element('p', [rows.length === 0 ? 'No cluster to terminate.' : join(said, ' · ')]),
    ];
    if (rows.length === 0)
        return parts;
    const header = html_element('tr', ['Outcome', 'Cluster', 'Status', 'Message'].map((name) => html_element('th', [name])));
    parts.push(Html.trusted('<table>'), header);
    let left = budget - sizeOf(parts) - 200;
    const ordered = [...rows].sort((a, b) => failed(a) - failed(b));
    let shown = 0;
    for (const row of ordered.slice(0, CLUSTER_ROW_LIMIT)) {
        const cells = [
            `${LOOKS[row.outcome].marker} ${row.outcome}`,
            html_link(row.page_url, [format.keyOf(row)]),
            format.statusOf(row),
            words(row.error ?? '', shared_text/* CELL_LIMIT */.rX),
        ];
        const line = html_element('tr', cells.map((cell) => html_element('td', [cell])));
        if ((left -= line.bytes + 1) < 0)
            break;
        parts.push(line);
        shown++;
    }
    parts.push(Html.trusted('</table>'));
    if (rows.length > shown) {
        const more = `${rows.length - shown} more cluster row(s) are in the `;
        parts.push(html_element('p', [more, html_element('code', ['results-file']), ' output.']));
    }
    return parts;
}
function failed(row) {
    return (0,shared_rows/* isFailure */.N6)(row.outcome) ? 0 : 1;
}

;// CONCATENATED MODULE: ./src/report/log-blocks.ts



const LOG_BLOCK_BYTES = 16 * 1024;
const LOG_LINE_CHARS = 500;
function logSection({ format, jobs, context }, budget) {
    const notes = new Map((context.logNotes ?? []).map((note) => [note.index, note.why]));
    const wanted = jobs.filter(({ row, index }) => row.log !== undefined || notes.has(index));
    if (wanted.length === 0)
        return [];
    const parts = [html_element('h3', ['Last log lines'])];
    let left = budget - sizeOf(parts) - 200;
    let dropped = 0;
    for (const { row, index } of wanted) {
        const part = left < 2048
            ? null
            : row.log
                ? logBlock(format, row)
                : logNote(format, row, notes.get(index) ?? '');
        if (part === null || left - part.bytes - 1 < 0) {
            dropped++;
            continue;
        }
        left -= part.bytes + 1;
        parts.push(part);
    }
    if (dropped > 0) {
        parts.push(html_element('p', [
            `${dropped} more log(s) left out to keep the summary within its size; the rows in `,
            html_element('code', ['results-file']),
            ' have them.',
        ]));
    }
    return parts;
}
function logBlock(format, row) {
    const lines = row.log ?? [];
    const { block, shown } = preformatted(lines, LOG_LINE_CHARS, LOG_BLOCK_BYTES);
    const count = shown === lines.length ? '' : ` (the last ${shown})`;
    const label = join([
        `${LOOKS[row.outcome].marker} `,
        html_link(row.page_url, [format.keyOf(row)]),
        `: ${lines.length} log line(s)${count}`,
    ]);
    return html_element('details', [html_element('summary', [label]), block]);
}
function logNote(format, row, why) {
    return html_element('p', [
        `${LOOKS[row.outcome].marker} `,
        html_link(row.page_url, [format.keyOf(row)]),
        ': no log: ',
        words(why, shared_text/* MESSAGE_LIMIT */.Gy),
    ]);
}

;// CONCATENATED MODULE: ./src/report/summary.ts







const SUMMARY_ROW_LIMIT = 500;
const SUMMARY_BUDGET_BYTES = 768 * 1024;
const ORDER = Object.keys(LOOKS);
function summaryHtml(format, rows, context, clusters = null) {
    const groups = (0,shared_rows/* groupRows */.fD)(format, rows);
    const sheet = { format, jobs: inOrder(format, rows, groups), context };
    const head = [
        heading(format.title, rows, context, clusters?.rows ?? []),
        ...overview(rows, context),
        ...itemTable(groups, format.groupsAre ?? 'item'),
    ];
    let left = SUMMARY_BUDGET_BYTES - sizeOf(head);
    const table = jobTable(sheet, left);
    left -= sizeOf(table);
    const cluster = clusterSection(clusters, Math.min(left, SUMMARY_BUDGET_BYTES / 4));
    left -= sizeOf(cluster);
    const logs = logSection(sheet, left);
    return `${[...head, ...table, ...cluster, ...logs].map((part) => part.text).join('\n')}\n`;
}
function inputErrorHtml(problems, inputs) {
    const what = problems.length === 1 ? 'an invalid input' : `${problems.length} input problems`;
    const parts = [
        html_element('h2', [`❌ Step failed: ${what}, nothing was sent`]),
        html_element('p', [
            join([
                'Inputs to check: ',
                join(inputs.map((name) => html_element('code', [name])), ', '),
            ]),
        ]),
        html_element('ul', problems.map((problem) => html_element('li', [words(problem, shared_text/* MESSAGE_LIMIT */.Gy)]))),
    ];
    return `${parts.map((part) => part.text).join('\n')}\n`;
}
function heading(title, rows, context, clusters) {
    if (context.stopped !== null) {
        const why = words(context.stoppedBecause ?? context.stopped, shared_text/* MESSAGE_LIMIT */.Gy);
        return html_element('h2', ['❌ Step failed: ', why, stopLeft(rows).heading]);
    }
    const dry = context.dryRun ? 'Dry run: ' : '';
    const [shown, noun] = rows.length === 0 && clusters.length > 0 ? [clusters, 'cluster'] : [rows, 'job'];
    const counts = countsByOutcome(shown);
    if (counts.length === 0)
        return html_element('h2', [`➖ ${dry}no active jobs on ${title}`]);
    const phrases = counts.map(([outcome, count], i) => `${count} ${i === 0 ? `${noun}${count === 1 ? '' : 's'} ` : ''}${phraseOf(outcome, noun)}`);
    const marker = shown.some((row) => (0,shared_rows/* isFailure */.N6)(row.outcome)) ? '❌' : '✅';
    return html_element('h2', [`${marker} ${dry}${phrases.join(', ')} on ${title}`]);
}
function phraseOf(outcome, noun) {
    if (noun === 'cluster' && outcome === 'terminated')
        return 'told to terminate';
    if (noun === 'cluster' && outcome === 'ended')
        return 'terminated';
    if (noun === 'cluster' && outcome === 'dry-run')
        return 'would be terminated';
    return LOOKS[outcome].phrase;
}
function overview(rows, context) {
    const where = [];
    if (context.host)
        where.push(join(['Server ', html_element('code', [context.host])]));
    where.push(join(['target ', html_link(context.targetPage, [html_element('code', [context.target])])]));
    if (context.runUrl)
        where.push(html_link(context.runUrl, ['workflow run']));
    const parts = [html_element('p', [join(where, ' · ')])];
    if (context.signedIn)
        parts.push(html_element('p', [words(context.signedIn, shared_text/* MESSAGE_LIMIT */.Gy)]));
    if (context.selection) {
        parts.push(html_element('p', ['Selection: ', words(context.selection, shared_text/* MESSAGE_LIMIT */.Gy), '.']));
    }
    for (const notice of context.notices ?? []) {
        parts.push(html_element('p', [html_element('strong', ['Left running:']), ' ', words(notice, shared_text/* MESSAGE_LIMIT */.Gy)]));
    }
    if (context.stopped) {
        const why = words(context.stopped, shared_text/* MESSAGE_LIMIT */.Gy);
        parts.push(html_element('p', [html_element('strong', [stopLeft(rows).label]), ' ', why]));
    }
    const counts = countsByOutcome(rows).map(([outcome, count]) => `${LOOKS[outcome].marker} ${count} ${outcome}`);
    if (counts.length > 0)
        parts.push(html_element('p', [join(counts, ' · ')]));
    return parts;
}
function stopLeft(rows) {
    const accepted = (0,shared_rows/* acceptedOrders */.nP)(rows);
    if (accepted === 'none') {
        return { heading: ', nothing was terminated', label: 'Stopped before any job was terminated:' };
    }
    if (accepted === null)
        return { heading: '', label: 'Stopped:' };
    const orders = accepted === 1 ? '1 kill order was' : `${accepted} kill orders were`;
    return { heading: ` after ${orders} accepted`, label: `Stopped after ${orders} accepted:` };
}
function jobTable({ format, jobs, context }, budget) {
    if (jobs.length === 0)
        return [];
    const header = html_element('tr', ['Outcome', 'Job', 'Status', 'Facts', 'Message'].map((name) => html_element('th', [name])));
    const lines = [Html.trusted('<table>'), header];
    let left = budget - sizeOf(lines) - 200;
    for (const { row } of jobs.slice(0, SUMMARY_ROW_LIMIT)) {
        const line = jobRow(format, row, context);
        if ((left -= line.bytes + 1) < 0)
            break;
        lines.push(line);
    }
    const shown = lines.length - 2;
    lines.push(Html.trusted('</table>'));
    if (jobs.length > shown) {
        const more = jobs.length - shown;
        lines.push(html_element('p', [
            `${more} more row(s) are in the `,
            html_element('code', ['results-file']),
            ' output.',
        ]));
    }
    return lines;
}
function jobRow(format, row, context) {
    const facts = (context.facts?.(row) ?? []).map((fact) => `${fact.label} ${fact.value}`);
    const cells = [
        `${LOOKS[row.outcome].marker} ${row.outcome}`,
        html_link(row.page_url, [format.keyOf(row)]),
        format.statusOf(row),
        facts.join(' · '),
        words(row.error ?? '', shared_text/* CELL_LIMIT */.rX),
    ];
    return html_element('tr', cells.map((cell) => html_element('td', [cell])));
}
function countsByOutcome(rows) {
    const counts = new Map();
    for (const row of rows)
        counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
    return ORDER.filter((outcome) => counts.has(outcome)).map((o) => [o, counts.get(o)]);
}
function failuresFirst(rows) {
    const shown = rows.map((row, index) => ({ row, index }));
    return [
        ...shown.filter(({ row }) => (0,shared_rows/* isFailure */.N6)(row.outcome)),
        ...shown.filter(({ row }) => !(0,shared_rows/* isFailure */.N6)(row.outcome)),
    ];
}
function inOrder(format, rows, groups) {
    const shown = failuresFirst(rows);
    if (groups === null)
        return shown;
    const place = new Map(groups.map((group, order) => [group.id, order]));
    const placeOf = (row) => place.get(format.groupOf?.(row)?.id ?? '') ?? groups.length;
    const failed = (row) => ((0,shared_rows/* isFailure */.N6)(row.outcome) ? 0 : 1);
    return [...shown].sort((a, b) => failed(a.row) - failed(b.row) || placeOf(a.row) - placeOf(b.row) || a.index - b.index);
}
const GROUP_LIMIT = 100;
function itemTable(groups, noun) {
    if (groups === null)
        return [];
    const place = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
    const names = [place, 'Title', 'Jobs', 'Kill orders accepted', 'Failures'];
    const lines = [
        html_element('p', [`${groups.length} ${noun}(s):`]),
        Html.trusted('<table>'),
        html_element('tr', names.map((name) => html_element('th', [name]))),
    ];
    for (const { id, title, rows, counts } of groups.slice(0, GROUP_LIMIT)) {
        const cells = [id, title ?? '', rows.length, counts.terminated, counts.failed];
        lines.push(html_element('tr', cells.map((cell) => html_element('td', [html_text(String(cell), shared_text/* CELL_LIMIT */.rX)]))));
    }
    lines.push(Html.trusted('</table>'));
    if (groups.length > GROUP_LIMIT) {
        const more = `${groups.length - GROUP_LIMIT} more ${noun}(s); every row is in the `;
        lines.push(html_element('p', [more, html_element('code', ['results-file']), ' output.']));
    }
    return lines;
}
async function writeSummary(core, env, html) {
    if (!env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await core.summary.addRaw(html).write();
    }
    catch (error) {
        core.warning(`Could not write the job summary: ${(0,failures/* messageOf */.bD)(error)}`);
    }
}

// EXTERNAL MODULE: ./src/settings/inputs.ts
var inputs = __webpack_require__(7428);
// EXTERNAL MODULE: ./src/settings/settings.ts + 2 modules
var settings = __webpack_require__(5911);
// EXTERNAL MODULE: ./src/vendors/registry.ts + 34 modules
var registry = __webpack_require__(7722);
;// CONCATENATED MODULE: ./src/main.ts

















function runContext(env) {
    const runId = Number(env.GITHUB_RUN_ID);
    return {
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        repository: env.GITHUB_REPOSITORY || null,
        runId: Number.isSafeInteger(runId) && runId > 0 ? runId : null,
    };
}
async function run(actionsCore, context, env, cancel) {
    const core = guardedLog(actionsCore);
    const settings = await readSettings(core, env);
    if (settings === null)
        return;
    for (const note of settings.notes)
        core.info(note);
    const runUrl = context.repository && context.runId
        ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
        : null;
    const report = await execute(settings, core, env, runUrl, cancel);
    await conclude(settings, report, core, env, runUrl);
}
async function readSettings(core, env) {
    try {
        return (0,settings/* parseSettings */.P)(readInputs(core, env), env);
    }
    catch (error) {
        if (!(error instanceof settings/* InputError */.d))
            throw error;
        const { vendor, keys } = error.partial;
        const format = vendor ? (0,registry/* findVendor */.g)(vendor)?.rows(false) : undefined;
        const rows = format ? keys.map((key) => format.errorRow(key, 'not sent: invalid input')) : [];
        const outputError = writeOutputs(core, env, rows);
        await writeSummary(core, env, inputErrorHtml(error.problems, error.inputs));
        core.setFailed(outputError ? `${error.message}\n${outputError}` : error.message);
        return null;
    }
}
function readInputs(core, env) {
    const keys = [core.getInput(inputs/* Inputs */.G0.ApiKey), ...registry/* VENDORS */.c.map((v) => env[v.apiKeyEnv] ?? '')]
        .map((key) => key.trim())
        .filter(Boolean);
    const forms = keys.flatMap((key) => registry/* VENDORS */.c.flatMap((v) => secretForms(v.credentials(key))));
    const token = core.getInput(inputs/* Inputs */.G0.GitHubToken).trim();
    if (token !== '' && !token.includes('${{'))
        forms.push(...secretForms([token]));
    for (const form of new Set(forms))
        core.setSecret(form);
    const misnamed = (0,inputs/* misnamedInputs */.Mt)(env);
    if (misnamed !== null)
        core.warning(misnamed);
    return Object.fromEntries((0,inputs/* inputNames */.vj)().map((name) => [name, core.getInput(name)]));
}
async function execute(settings, core, env, runUrl, cancel) {
    const { http, vendor, signInError } = await openVendor(settings, core, env, runUrl, cancel);
    const report = {
        vendor,
        rows: [],
        stop: new Stop(),
        selection: '',
        logNotes: [],
        signedIn: signInError === undefined,
        clusters: vendor.clusters === undefined ? null : [],
    };
    let killed = false;
    try {
        if (signInError !== undefined) {
            Object.assign(report, stoppedBeforeAnyOrder(vendor.rows, settings.keys, signInError));
        }
        else {
            Object.assign(report, await terminateJobs(vendor, settings, core, cancel));
            killed = true;
            if (!report.stop.stopped)
                await afterKill(settings, vendor, http, report, core, cancel);
        }
    }
    catch (error) {
        const why = `Unexpected failure: ${(0,failures/* messageOf */.bD)(error)}`;
        report.stop = new Stop();
        report.stop.record(why, { message: why, headline: 'an unexpected failure' });
        if (!killed)
            report.rows = settings.keys.map((key) => vendor.rows.errorRow(key, why));
    }
    finally {
        await http.close();
        core.debug(`${http.requestCount} request(s) sent.`);
    }
    if (cancel.aborted)
        report.stop.cancelled('cancelled');
    return report;
}
const NO_KEY = { apiKey: '', secrets: [] };
async function openVendor(settings, core, env, runUrl, cancel) {
    let credential = NO_KEY;
    let signInError;
    try {
        credential = await signIn(settings, core, env, runUrl, cancel);
    }
    catch (error) {
        signInError = error;
    }
    const http = openHttp(settings, credential, runUrl, core, env);
    const vendor = settings.configured.client(http, {
        wait: settings.waits,
        concurrency: settings.concurrency,
        log: core,
        github: gitHubReader({
            env,
            token: settings.githubToken,
            timeoutMs: settings.timeoutMs,
            retries: settings.retries,
            signal: cancel,
            secrets: [credential.apiKey, ...credential.secrets].filter(Boolean),
            log: core,
        }),
        ...(credential.keyAdvice === undefined ? {} : { keyAdvice: credential.keyAdvice }),
    });
    return { http, vendor, signInError };
}
async function afterKill(settings, vendor, http, report, core, cancel) {
    const killed = report.rows;
    const clusters = vendor.clusters;
    const waitPlan = {
        timeoutMs: settings.waitTimeoutMs,
        intervalMs: settings.pollIntervalMs,
        concurrency: settings.concurrency,
    };
    const waitStarted = Date.now();
    if (settings.waits || (clusters?.afterJobsStopped && !settings.dryRun)) {
        const waited = await waitForJobs(vendor, report.rows, waitPlan, http.gate, core, cancel);
        report.rows = waited.rows;
        report.stop.adopt(waited.stop);
    }
    if (clusters !== undefined && !report.stop.stopped && !cancel.aborted) {
        const { dryRun, concurrency } = settings;
        const plan = { dryRun, concurrency, wait: settings.waits ? waitPlan : null, waitStarted };
        const released = await releaseClusters(clusters, report.rows, plan, http.gate, core, cancel);
        report.clusters = released.rows;
        report.stop.adopt(released.stop);
    }
    if (settings.dryRun || cancel.aborted)
        return;
    const plan = {
        lines: settings.logLines,
        everyStopped: settings.watchdog,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
    };
    const logs = await fetchLogs(vendor, report.rows, killed, plan, http.gate, core, cancel);
    report.rows = logs.rows;
    report.logNotes = logs.notes;
}
async function conclude(settings, report, core, env, runUrl) {
    const { vendor, rows } = report;
    const stopped = report.stop.message;
    const format = vendor.rows;
    const outputError = writeOutputs(core, env, rows, report.clusters);
    const now = Date.now();
    const clusters = vendor.clusters;
    const clusterSheet = clusters && report.clusters ? { format: clusters.rows, rows: report.clusters } : null;
    const summary = summaryHtml(format, rows, {
        target: settings.target.text,
        targetPage: vendor.targetPage,
        host: settings.apiBase.host,
        selection: report.selection,
        notices: vendor.notices().map((notice) => notice.text),
        dryRun: settings.dryRun,
        signedIn: `${report.signedIn ? 'Signed in' : 'Could not sign in'} with ${settings.signIn}.`,
        runUrl,
        stopped,
        stoppedBecause: report.stop.headline,
        facts: (row) => vendor.facts(row, now),
        logNotes: report.logNotes,
    }, clusterSheet);
    await writeSummary(core, env, summary);
    const failures = [
        (0,shared_rows/* failureMessage */.oh)(format, rows, 'job'),
        clusterSheet && (0,shared_rows/* failureMessage */.oh)(clusterSheet.format, clusterSheet.rows, 'cluster'),
    ];
    const message = failures.filter(Boolean).join('\n');
    if (stopped !== null)
        core.setFailed((0,shared_text/* oneLine */.TN)(stopped));
    else if (message !== '' && settings.failOnError)
        core.setFailed(message);
    else if (message !== '')
        core.warning(message);
    if (outputError !== null)
        core.setFailed(outputError);
}


/***/ }),

/***/ 2173:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ cancel)
/* harmony export */ });
const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => cancel.abort(new Error(`received ${signal}`)));
}


/***/ }),

/***/ 6696:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8330);

const VERSION = _package_json__WEBPACK_IMPORTED_MODULE_0__/* .version */ .rE;


/***/ }),

/***/ 7428:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   Mt: () => (/* binding */ misnamedInputs),
/* harmony export */   b1: () => (/* binding */ LIMITS),
/* harmony export */   vj: () => (/* binding */ inputNames),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/* harmony import */ var _vendors_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7722);

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
    LogLines: 'log-lines',
    Path: 'path',
    GitHubToken: 'github-token',
};
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
    'log-lines': '20',
    path: '.',
    'github-token': '${{ github.token }}',
};
const LIMITS = {
    timeout: { min: 0.1, max: 3600 },
    'wait-timeout': { min: 1, max: 21600 },
    'poll-interval': { min: 0.2, max: 3600 },
};
function inputNames() {
    return [...new Set([...Object.values(Inputs), ..._vendors_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .VENDORS */ .c.flatMap((v) => v.ownInputs)])];
}
function misnamedInputs(env) {
    const value = (name) => (env[name] ?? '').trim();
    const misnamed = inputNames()
        .filter((input) => input.includes('-'))
        .flatMap((input) => {
        const read = `INPUT_${input.toUpperCase()}`;
        const variables = new Set([read.replace(/-/g, '_'), read.replace(/-/g, '')]);
        return [...variables]
            .filter((name) => value(name) !== '' && value(name) !== value(read))
            .map((name) => ({ name, input, read }));
    });
    const [first] = misnamed;
    if (first === undefined)
        return null;
    const list = misnamed.map(({ name, input, read }) => `${name} (input \`${input}\` is ${read})`);
    return `Not read: ${list.join(', ')}. A shell that drops or changes hyphens in variable names, or a hand-written \`env:\`, made ${misnamed.length === 1 ? 'it' : 'them'}: give the input in \`with:\`, or set ${first.read} itself (\`env '${first.read}=…' node dist/index.js\` keeps the hyphen).`;
}


/***/ }),

/***/ 5911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  d: () => (/* binding */ InputError),
  P: () => (/* binding */ parseSettings)
});

// EXTERNAL MODULE: ./src/shared/text.ts
var shared_text = __webpack_require__(4646);
;// CONCATENATED MODULE: ./src/shared/problems.ts

class Problems {
    list = [];
    expected(name, value, expected, limit) {
        this.list.push(`${name}: ${value === '' ? 'missing' : `got ${limit === undefined ? (0,shared_text/* quote */.hD)(value) : (0,shared_text/* quoteUpTo */.$i)(value, limit)}`}, expected ${expected}`);
    }
    add(problem) {
        this.list.push(problem);
    }
}

// EXTERNAL MODULE: ./src/shared/selection.ts
var selection = __webpack_require__(2799);
// EXTERNAL MODULE: ./src/shared/values.ts
var values = __webpack_require__(9799);
// EXTERNAL MODULE: ./src/vendors/registry.ts + 34 modules
var registry = __webpack_require__(7722);
;// CONCATENATED MODULE: ./src/settings/credential.ts
function readCredential(vendor, configured, name, input, env, problems) {
    const apiKey = input || (env[vendor.apiKeyEnv] ?? '').trim();
    const problem = keyProblem(name, apiKey);
    if (problem !== null) {
        problems.add(problem);
        return null;
    }
    if (apiKey !== '') {
        const from = input ? `input \`${name}\`` : `env ${vendor.apiKeyEnv}`;
        return { apiKey, signIn: `the API key of ${from}` };
    }
    const { keyless } = configured;
    const unavailable = keyless ? keyless.unavailable(env) : null;
    if (!keyless || unavailable !== null) {
        problems.add(`${name}: missing; set the input or the ${vendor.apiKeyEnv} environment variable${unavailable ? ` (${unavailable})` : ''}`);
        return null;
    }
    return { apiKey: '', signIn: keyless.method };
}
const NOT_IN_A_HEADER = /[\u0000-\u001f\u007f-\u009f\u0100-\uffff]/;
function keyProblem(name, apiKey) {
    if (/[\r\n]/.test(apiKey))
        return `${name}: contains a line break; paste the key alone`;
    if (NOT_IN_A_HEADER.test(apiKey)) {
        return `${name}: contains a control character or one outside Latin-1, which cannot travel in an HTTP header; paste the key alone`;
    }
    return null;
}

// EXTERNAL MODULE: ./src/settings/inputs.ts
var inputs = __webpack_require__(7428);
;// CONCATENATED MODULE: ./src/settings/settings.ts







class InputError extends Error {
    problems;
    partial;
    name = 'InputError';
    constructor(problems, partial) {
        super(problems.length === 1
            ? `Invalid input: ${problems[0]}`
            : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`);
        this.problems = problems;
        this.partial = partial;
    }
    get inputs() {
        const names = new Set((0,inputs/* inputNames */.vj)());
        const named = this.problems.map((problem) => /^([a-z-]+):/.exec(problem)?.[1] ?? '');
        return [...new Set(named.filter((name) => names.has(name)))];
    }
}
function parseSettings(raw, env = {}) {
    const problems = new Problems();
    const given = (name) => (raw[name] ?? '').trim();
    const get = (name) => given(name) || inputs/* DEFAULTS */.zY[name];
    const vendor = readVendor(given(inputs/* Inputs */.G0.Vendor), problems);
    const jobs = vendor ? readJobs(vendor, given, get, env, problems) : undefined;
    const keyText = vendor ? null : keyProblem(inputs/* Inputs */.G0.ApiKey, get(inputs/* Inputs */.G0.ApiKey));
    if (keyText !== null)
        problems.add(keyText);
    const tokenText = keyProblem(inputs/* Inputs */.G0.GitHubToken, given(inputs/* Inputs */.G0.GitHubToken));
    if (tokenText !== null)
        problems.add(tokenText);
    const common = readCommon(get, problems);
    if (problems.list.length > 0 || !vendor || !jobs?.credential || !jobs.apiBase || !jobs.target) {
        throw new InputError(problems.list, { vendor: vendor?.name, keys: jobs?.keys ?? [] });
    }
    const { located, configured, credential, target, apiBase, all, keys } = jobs;
    const notes = [...located.notes, ...(configured.notes ?? [])];
    const watchdog = given(selection/* OLDER_THAN */.Vg) !== '';
    const githubToken = given(inputs/* Inputs */.G0.GitHubToken).includes('${{') ? '' : given(inputs/* Inputs */.G0.GitHubToken);
    return {
        githubToken,
        ...common,
        ...credential,
        vendor,
        configured,
        target,
        all,
        keys,
        apiBase,
        notes,
        watchdog,
    };
}
function readVendor(text, problems) {
    const vendor = (0,registry/* findVendor */.g)(text);
    if (!vendor) {
        const names = registry/* VENDORS */.c.map((v) => `\`${v.name}\`${v.aliases.map((a) => ` (or \`${a}\`)`).join('')}`);
        problems.expected(inputs/* Inputs */.G0.Vendor, text, names.join(' or '));
    }
    return vendor;
}
function readJobs(vendor, given, get, env, problems) {
    const located = vendor.locate?.(given, env, problems) ?? { notes: [] };
    const targetText = given(inputs/* Inputs */.G0.Target) || located.target?.value || inputs/* DEFAULTS */.zY.target;
    const unnamed = targetText === '' ? (vendor.target.unnamed?.(given) ?? null) : null;
    const read = unnamed ?? vendor.target.parse(targetText);
    const target = 'bad' in read ? null : read;
    if ('bad' in read && !(targetText === '' && located.failed)) {
        const bad = (0,shared_text/* withoutUserinfo */.Q3)(read.bad);
        problems.expected(named(inputs/* Inputs */.G0.Target, located.target), bad, vendor.target.expected, 300);
    }
    const keysText = get(inputs/* Inputs */.G0.Keys);
    const all = ALL.test(keysText);
    const none = NONE.test(keysText);
    const keys = all || none ? [] : parseKeys(keysText, vendor, problems);
    refuseOtherVendorsInputs(vendor, given, problems);
    const configured = vendor.configure(given, { all, none }, problems, target);
    if (none && !configured.withoutJobs) {
        problems.add(`${inputs/* Inputs */.G0.Keys}: \`none\` touches no job, so it goes only with \`clusters: idle\` (idle clusters alone); give ${vendor.key.many}, or \`all\``);
    }
    const apiKey = get(inputs/* Inputs */.G0.ApiKey);
    const credential = readCredential(vendor, configured, inputs/* Inputs */.G0.ApiKey, apiKey, env, problems);
    const apiBase = readServer(vendor, get(inputs/* Inputs */.G0.Server), env, located, target, problems);
    return { located, target, all, keys, configured, credential, apiBase };
}
function readServer(vendor, input, env, located, target, problems) {
    const text = input || vendor.server.fallback(env) || located.server?.value;
    if (text === undefined && located.failed)
        return null;
    const name = named(inputs/* Inputs */.G0.Server, located.server);
    return parseServer(vendor, text ?? '', name, target ?? { text: '' }, problems);
}
function named(name, found) {
    return found ? `${name} (from ${found.from})` : name;
}
function readCommon(get, problems) {
    const seconds = (name) => (0,values/* parseSeconds */.fL)(name, get(name), inputs/* LIMITS */.b1[name], problems);
    const common = {
        dryRun: (0,values/* parseBoolean */.yG)(inputs/* Inputs */.G0.DryRun, get(inputs/* Inputs */.G0.DryRun), problems),
        failOnError: (0,values/* parseBoolean */.yG)(inputs/* Inputs */.G0.FailOnError, get(inputs/* Inputs */.G0.FailOnError), problems),
        concurrency: (0,values/* parseWhole */.z2)(inputs/* Inputs */.G0.Concurrency, get(inputs/* Inputs */.G0.Concurrency), 1, 64, problems),
        timeoutMs: seconds(inputs/* Inputs */.G0.Timeout),
        retries: (0,values/* parseWhole */.z2)(inputs/* Inputs */.G0.Retries, get(inputs/* Inputs */.G0.Retries), 0, 10, problems),
        wait: (0,values/* parseBoolean */.yG)(inputs/* Inputs */.G0.Wait, get(inputs/* Inputs */.G0.Wait), problems),
        waitTimeoutMs: seconds(inputs/* Inputs */.G0.WaitTimeout),
        pollIntervalMs: seconds(inputs/* Inputs */.G0.PollInterval),
        logLines: (0,values/* parseWhole */.z2)(inputs/* Inputs */.G0.LogLines, get(inputs/* Inputs */.G0.LogLines), 0, 200, problems),
    };
    if (common.wait && common.pollIntervalMs > common.waitTimeoutMs) {
        problems.add(`${inputs/* Inputs */.G0.PollInterval}: ${get(inputs/* Inputs */.G0.PollInterval)} s is longer than ${inputs/* Inputs */.G0.WaitTimeout} (${get(inputs/* Inputs */.G0.WaitTimeout)} s), so the wait could poll only once; shorten ${inputs/* Inputs */.G0.PollInterval} or lengthen ${inputs/* Inputs */.G0.WaitTimeout}`);
    }
    return { ...common, waits: common.wait && !common.dryRun };
}
function refuseOtherVendorsInputs(vendor, given, problems) {
    for (const name of (0,inputs/* inputNames */.vj)()) {
        if (given(name) === '' || vendor.ownInputs.includes(name))
            continue;
        const owners = registry/* VENDORS */.c.filter((v) => v.ownInputs.includes(name)).map((v) => v.name);
        if (owners.length > 0) {
            problems.add(`${name}: only for vendor ${owners.join(' or ')}; not read for ${vendor.name}`);
        }
    }
}
const ALL = /^all$/i;
const NONE = /^none$/i;
function parseKeys(text, vendor, problems) {
    const tokens = (0,values/* splitList */.ry)(text);
    if (tokens.length === 0) {
        problems.add(`${inputs/* Inputs */.G0.Keys}: ${text === '' ? 'missing' : `got ${(0,shared_text/* quote */.hD)(text)}, no key in it`}; give ${vendor.key.many}, or \`all\` for every active job of the target`);
        return [];
    }
    if (tokens.some((token) => ALL.test(token))) {
        problems.add(`${inputs/* Inputs */.G0.Keys}: \`all\` stands alone; give either \`all\` or ${vendor.key.many}, not both`);
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
        const shown = (0,shared_text/* someOf */.yU)(bad.map(shared_text/* quote */.hD));
        const verb = bad.length === 1 ? `is not ${vendor.key.one}` : `are not ${vendor.key.many}`;
        const star = bad.includes('*') ? '; for every active job give `all`' : '';
        problems.add(`${inputs/* Inputs */.G0.Keys}: ${shown} ${verb}; expected ${vendor.key.expected}${star}`);
    }
    return [...keys];
}
function parseServer(vendor, text, name, target, problems) {
    if (text === '') {
        problems.add(`${name}: missing; ${vendor.server.missing}`);
        return null;
    }
    const scheme = text.includes('//') || /^https?:/i.test(text)
        ? ''
        : `; did you mean ${(0,shared_text/* quote */.hD)(`https://${text}`)}?`;
    const refuse = () => {
        problems.add(`${name}: got ${(0,shared_text/* quote */.hD)((0,shared_text/* withoutUserinfo */.Q3)(text))}, expected an http(s) URL like https://jobs.example.com (no query or fragment)${scheme}`);
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
        problems.add(`${name}: must not carry credentials; give the key in \`api-key\``);
        return null;
    }
    if (url.search || url.hash)
        return refuse();
    return vendor.server.apiRoot(`${url.origin}${url.pathname.replace(/\/+$/, '')}`, target);
}


/***/ }),

/***/ 7298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L8: () => (/* binding */ classify),
/* harmony export */   NL: () => (/* binding */ RunStopped),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   bj: () => (/* binding */ unanswered)
/* harmony export */ });
/* harmony import */ var _http_answer_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9856);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4646);


class RunStopped extends Error {
    reason;
    row;
    headline;
    name = 'RunStopped';
    constructor(message, reason, row, headline = reason) {
        super(message);
        this.reason = reason;
        this.row = row;
        this.headline = headline;
    }
}
function classify(error) {
    if (error instanceof RunStopped) {
        return {
            kind: 'stop',
            message: error.message,
            reason: error.reason,
            headline: error.headline,
            rowError: error.message,
            row: error.row,
            refused: true,
        };
    }
    if (error instanceof _http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .RequestAborted */ .R_)
        return { kind: 'cancelled' };
    if (error instanceof _http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .RateLimited */ .JH) {
        return {
            kind: 'stop',
            message: (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sentence */ .em)(`The server rate-limited the run: ${error.message}`),
            reason: error.reason,
            headline: 'the server rate-limited the run',
            rowError: error.message,
            refused: false,
        };
    }
    if (error instanceof _http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .TransportError */ .wX)
        return { kind: 'unreachable', message: error.message };
    return { kind: 'unexpected', message: messageOf(error) };
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
function unanswered(error, request, message, reason) {
    if (!(error instanceof _http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .TransportError */ .wX) || error instanceof _http_answer_js__WEBPACK_IMPORTED_MODULE_0__/* .RateLimited */ .JH)
        return error;
    const said = error.timedOut
        ? `${request} timed out (${error.message})`
        : `${request} failed: ${error.message}`;
    return new RunStopped((0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sentence */ .em)(message(said)), reason);
}


/***/ }),

/***/ 5135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ mapLimited),
/* harmony export */   v: () => (/* binding */ forEachLimited)
/* harmony export */ });
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
async function mapLimited(items, limit, work) {
    const results = [];
    let failure = null;
    await forEachLimited(items, limit, async (item, index) => {
        try {
            results[index] = await work(item);
        }
        catch (error) {
            failure ??= { error };
        }
    }, () => failure !== null);
    if (failure !== null)
        throw failure.error;
    return results;
}


/***/ }),

/***/ 580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ countRows),
/* harmony export */   IZ: () => (/* binding */ isWaitedOn),
/* harmony export */   N6: () => (/* binding */ isFailure),
/* harmony export */   S0: () => (/* binding */ MAYBE_REGISTERED),
/* harmony export */   TY: () => (/* binding */ outcomeCounts),
/* harmony export */   _: () => (/* binding */ describeRow),
/* harmony export */   fD: () => (/* binding */ groupRows),
/* harmony export */   nP: () => (/* binding */ acceptedOrders),
/* harmony export */   oB: () => (/* binding */ isAccepted),
/* harmony export */   oh: () => (/* binding */ failureMessage)
/* harmony export */ });
/* unused harmony exports OUTCOMES, failureList */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4646);

const OUTCOMES = {
    terminated: { failure: false, accepted: true, waitedOn: true },
    'not-active': { failure: false, accepted: false, waitedOn: false },
    'not-found': { failure: true, accepted: false, waitedOn: false },
    error: { failure: true, accepted: false, waitedOn: false },
    'dry-run': { failure: false, accepted: false, waitedOn: false },
    ended: { failure: false, accepted: true, waitedOn: false },
    'timed-out': { failure: true, accepted: true, waitedOn: false },
    busy: { failure: false, accepted: false, waitedOn: false },
    'not-ready': { failure: false, accepted: false, waitedOn: false },
    terminating: { failure: false, accepted: false, waitedOn: false },
    'not-idle': { failure: false, accepted: false, waitedOn: false },
};
const MAYBE_REGISTERED = 'the kill order may or may not have been registered';
function acceptedOrders(rows) {
    const accepted = rows.filter((row) => isAccepted(row.outcome)).length;
    if (accepted > 0)
        return accepted;
    return rows.some((row) => row.error?.includes(MAYBE_REGISTERED)) ? null : 'none';
}
function isFailure(outcome) {
    return OUTCOMES[outcome].failure;
}
function isAccepted(outcome) {
    return OUTCOMES[outcome].accepted;
}
function isWaitedOn(outcome) {
    return OUTCOMES[outcome].waitedOn;
}
function countRows(rows) {
    return {
        terminated: rows.filter((row) => isAccepted(row.outcome)).length,
        failed: rows.filter((row) => isFailure(row.outcome)).length,
    };
}
function groupRows(format, rows) {
    if (format.groupOf === undefined)
        return null;
    const groups = new Map();
    const places = format.places?.() ?? [];
    for (const place of places)
        groups.set(place.id, { ...place, rows: [], counts: countRows([]) });
    for (const row of rows) {
        const name = format.groupOf(row);
        if (name === null)
            continue;
        const group = groups.get(name.id) ?? { ...name, rows: [], counts: countRows([]) };
        group.rows.push(row);
        groups.set(name.id, group);
    }
    if (groups.size < (places.length > 0 ? 1 : 2))
        return null;
    for (const group of groups.values())
        group.counts = countRows(group.rows);
    return [...groups.values()];
}
function failureList(format, rows) {
    const failures = rows
        .filter((row) => isFailure(row.outcome))
        .map((row) => `${format.keyOf(row)} ${row.outcome}${row.error ? ` (${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(row.error, 200)})` : ''}`);
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .someOf */ .yU)(failures, '; ');
}
function failureMessage(format, rows, noun) {
    const { failed } = countRows(rows);
    if (failed === 0)
        return '';
    return `${failed} of ${rows.length} ${noun}(s) failed: ${failureList(format, rows)}`;
}
function describeRow(format, row) {
    const status = format.statusOf(row);
    const details = [status && `status ${status}`, row.error].filter(Boolean).join('; ');
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(`${format.keyOf(row)}: ${row.outcome}${details ? ` (${details})` : ''}`);
}
function outcomeCounts(rows) {
    const counts = new Map();
    for (const row of rows)
        counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
    const said = Object.keys(OUTCOMES)
        .filter((outcome) => counts.has(outcome))
        .map((outcome) => `${counts.get(outcome)} ${outcome}`);
    return said.length > 0 ? said.join(', ') : 'no job';
}


/***/ }),

/***/ 2799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Lt: () => (/* binding */ select),
/* harmony export */   R5: () => (/* binding */ timestampMs),
/* harmony export */   Vg: () => (/* binding */ OLDER_THAN),
/* harmony export */   W7: () => (/* binding */ olderThan),
/* harmony export */   e9: () => (/* binding */ describeSelection),
/* harmony export */   ff: () => (/* binding */ filterAllowed),
/* harmony export */   om: () => (/* binding */ DURATION_EXPECTED),
/* harmony export */   ty: () => (/* binding */ parseOlderThan)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4646);

function select(listed, filters) {
    const jobs = listed.filter((entry) => entry.job !== null).length;
    if (jobs === 0)
        return { rows: listed.map(({ row }) => row), log: 'No active jobs found.' };
    let kept = [...listed];
    const clauses = [];
    for (const filter of filters) {
        const counts = new Map([[filter.reason, 0]]);
        kept = kept.filter(({ job }) => {
            if (job === null)
                return true;
            const reason = filter.leftOut(job);
            if (reason)
                counts.set(reason, (counts.get(reason) ?? 0) + 1);
            return reason === null;
        });
        for (const [reason, count] of counts) {
            if (count > 0 || (reason === filter.reason && !filter.quiet))
                clauses.push(`${reason.clause(count)} and ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__.be)(count)} left alone`);
        }
    }
    const found = `Found ${jobs} active job(s)`;
    return { rows: kept.map(({ row }) => row), log: `${[found, ...clauses].join('; ')}.` };
}
function describeSelection(filters) {
    const keeps = filters.filter((filter) => !filter.quiet).map((filter) => filter.keeps);
    return ['every active job', keeps.join(', ')].filter(Boolean).join(' ');
}
function filterAllowed(name, text, context, problems) {
    if (text === '')
        return false;
    if (context.all)
        return true;
    problems.add(`${name}: only with \`keys: all\`; it narrows the active jobs, not given keys`);
    return false;
}
const OLDER_THAN = 'older-than';
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
const DURATION_EXPECTED = 'a duration: a positive number with a unit s, m, h or d (90s, 30m, 6h, 2d), or seconds';
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
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
function timestampMs(value) {
    if (typeof value !== 'string' || !TIMESTAMP.test(value))
        return null;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
}
function olderThan(duration, startOf, now = Date.now) {
    const reason = {
        clause: (count) => `${count} ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .have */ .HO)(count)} not been running for more than ${duration.text}`,
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


/***/ }),

/***/ 4646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ quoteUpTo),
/* harmony export */   Gy: () => (/* binding */ MESSAGE_LIMIT),
/* harmony export */   HO: () => (/* binding */ have),
/* harmony export */   Q3: () => (/* binding */ withoutUserinfo),
/* harmony export */   S5: () => (/* binding */ durationText),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   be: () => (/* binding */ be),
/* harmony export */   em: () => (/* binding */ sentence),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   mD: () => (/* binding */ markupEscaped),
/* harmony export */   o3: () => (/* binding */ cellSafe),
/* harmony export */   rX: () => (/* binding */ CELL_LIMIT),
/* harmony export */   sN: () => (/* binding */ logSafe),
/* harmony export */   w$: () => (/* binding */ lastLines),
/* harmony export */   yU: () => (/* binding */ someOf)
/* harmony export */ });
/* unused harmony export LOG_LINE_LIMIT */
const MESSAGE_LIMIT = 1_000;
const CELL_LIMIT = 300;
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function oneLine(text, limit = MESSAGE_LIMIT) {
    return safeLine(text.replace(LINE_BREAK, ' '), limit);
}
function logSafe(message, limit = MESSAGE_LIMIT) {
    return message
        .split('\n')
        .map((line) => safeLine(line.replace(LINE_BREAK, ' '), limit))
        .join('\n');
}
function cellSafe(text, limit = CELL_LIMIT) {
    return markupEscaped(oneLine(text, limit));
}
function markupEscaped(line) {
    return line.replace(/[&<>"'[\]!#`|\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}
function safeLine(line, limit) {
    let safe = line
        .replace(/\t/g, ' ')
        .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replaceAll('##[', '## [')
        .replace(/^(\s*):(?=:)/, '$1: ');
    if (safe.length > limit) {
        const end = /[\ud800-\udbff]/.test(safe.charAt(limit - 2)) ? limit - 2 : limit - 1;
        safe = `${safe.slice(0, end)}…`;
    }
    return safe;
}
const LOG_LINE_LIMIT = MESSAGE_LIMIT;
function lastLines(pieces, count) {
    const lines = pieces.flatMap((piece) => piece.replace(/\r?\n$/, '').split(/\r\n|\n|\r/));
    return lines.slice(-count).map((line) => {
        if (line.length <= LOG_LINE_LIMIT)
            return line;
        const end = /[\ud800-\udbff]/.test(line.charAt(LOG_LINE_LIMIT - 2)) ? -2 : -1;
        return `${line.slice(0, LOG_LINE_LIMIT + end)}…`;
    });
}
const QUOTE_ESCAPED = /[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff`]/g;
function quote(value) {
    return quoteUpTo(value, 80);
}
function quoteUpTo(value, limit) {
    const safe = withoutUserinfo(value);
    const shown = safe.length > limit ? `${safe.slice(0, limit)}…` : safe;
    return JSON.stringify(shown).replace(QUOTE_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function withoutUserinfo(text) {
    return text.replace(/(^|[\s,])((?:[^:/?#\s,]*:)?\/\/)?[^/?#\s,]*@/g, '$1$2***@');
}
function someOf(items, separator = ', ') {
    const more = items.length > 5 ? `${separator.trimEnd()} and ${items.length - 5} more` : '';
    return items.slice(0, 5).join(separator) + more;
}
function be(count) {
    return count === 1 ? 'is' : 'are';
}
function have(count) {
    return count === 1 ? 'has' : 'have';
}
function sentence(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
function count(n) {
    return n.toLocaleString('en');
}
function durationText(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60)
        return `${s} s`;
    const min = Math.floor(s / 60);
    if (min < 60)
        return `${min} min`;
    const h = Math.floor(min / 60);
    if (h < 24)
        return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
    return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fL: () => (/* binding */ parseSeconds),
/* harmony export */   ry: () => (/* binding */ splitList),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   z2: () => (/* binding */ parseWhole)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4646);

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
        problems.add(`${name}: got ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(text)}, expected a whole number from ${min} to ${max}`);
    }
    return value;
}
function parseSeconds(name, text, { min, max }, problems) {
    const value = Number(text);
    if (!/^\d*\.?\d+$/.test(text) || !(value >= min) || value > max) {
        problems.add(`${name}: got ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(text)}, expected seconds, at least ${min} and at most ${max}`);
    }
    return Math.round(value * 1000);
}
function splitList(text) {
    return text.split(/[\s,]+/).filter((token) => token !== '');
}


/***/ }),

/***/ 791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JJ: () => (/* binding */ shownValue),
/* harmony export */   Ro: () => (/* binding */ toNumber),
/* harmony export */   b6: () => (/* binding */ textOf),
/* harmony export */   iU: () => (/* binding */ startedFact),
/* harmony export */   q3: () => (/* binding */ httpUrl),
/* harmony export */   qY: () => (/* binding */ asRecord),
/* harmony export */   yM: () => (/* binding */ textFact)
/* harmony export */ });
/* harmony import */ var _shared_selection_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2799);
/* harmony import */ var _shared_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4646);


function asRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : null;
}
function toNumber(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    if (typeof value !== 'string' || value.trim() === '')
        return null;
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
}
function shownValue(value) {
    return typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : (JSON.stringify(value) ?? '');
}
function startedFact(start, now) {
    const started = (0,_shared_selection_js__WEBPACK_IMPORTED_MODULE_0__/* .timestampMs */ .R5)(start);
    if (started === null)
        return null;
    const when = new Date(started).toISOString().slice(0, 16).replace('T', ' ');
    const age = now >= started ? ` (${(0,_shared_text_js__WEBPACK_IMPORTED_MODULE_1__/* .durationText */ .S5)(now - started)} ago)` : '';
    return { label: 'started', value: `${when} UTC${age}` };
}
function textFact(label, value) {
    if (typeof value === 'number' && Number.isFinite(value))
        return { label, value: String(value) };
    return typeof value === 'string' && value !== '' ? { label, value } : null;
}
function httpUrl(value) {
    if (typeof value !== 'string' || !URL.canParse(value))
        return null;
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}
function textOf(value) {
    return typeof value === 'string' && value !== '' ? value : null;
}


/***/ }),

/***/ 7722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c: () => (/* binding */ VENDORS),
  g: () => (/* binding */ findVendor)
});

// EXTERNAL MODULE: ./src/shared/text.ts
var shared_text = __webpack_require__(4646);
// EXTERNAL MODULE: ./src/shared/selection.ts
var selection = __webpack_require__(2799);
// EXTERNAL MODULE: ./src/http/answer.ts
var http_answer = __webpack_require__(9856);
// EXTERNAL MODULE: ./src/shared/failures.ts
var failures = __webpack_require__(7298);
// EXTERNAL MODULE: ./src/vendors/kit.ts
var kit = __webpack_require__(791);
;// CONCATENATED MODULE: ./src/vendors/base.ts



class VendorJobs {
    http;
    plan;
    lists = null;
    constructor(http, plan) {
        this.http = http;
        this.plan = plan;
    }
    async prepare(_signal) { }
    async filters(_signal) {
        return [];
    }
    async readRateBudget(_signal) { }
    async log(_row, _lines, _signal) {
        return { unavailable: `${this.rows.title} has no job log API` };
    }
    facts(_row, _now) {
        return [];
    }
    targetPage = null;
    notices() {
        return [];
    }
    notTheVendors(response) {
        if (response.text.trim() === '' || (0,kit/* asRecord */.qY)(response.json) !== null)
            return null;
        return `the answer did not come from the ${this.rows.title} API (${(0,http_answer/* failureText */.kY)(response, null)}); the kill order is not known to have been registered`;
    }
    stopOnRefusedKey(response, call, row) {
        if (response.status !== 401)
            return;
        throw new failures/* RunStopped */.NL(`${this.rows.title} did not accept the API key (${call} answered ${this.describeAnswer(response)}). ${this.plan.keyAdvice ?? this.keyAdvice}`, 'authentication failed', row, 'the API key was refused');
    }
}

;// CONCATENATED MODULE: ./src/vendors/connect/answers.ts



function idText(value) {
    if (typeof value === 'number')
        return Number.isSafeInteger(value) ? String(value) : null;
    return typeof value === 'string' && /^\d{1,30}$/.test(value) ? value : null;
}
function connectCode(response) {
    const code = (0,kit/* asRecord */.qY)(response.json)?.code;
    return typeof code === 'number' ? code : null;
}
function connectMessage(response) {
    const error = (0,kit/* asRecord */.qY)(response.json)?.error;
    return (0,http_answer/* failureText */.kY)(response, typeof error === 'string' && error !== '' ? error : null);
}
function describeAnswer(response) {
    const code = connectCode(response);
    return `HTTP ${response.status}${code === null ? '' : `, code ${code}`}: ${connectMessage(response)}`;
}
function checkTarget(response, guid) {
    return response.status === 404 && connectCode(response) !== null
        ? ` No content item ${guid} is on this server, or the key cannot see it: check \`target\`.`
        : '';
}
function refuseForbiddenItem(response, call, guid, row) {
    if (response.status !== 403 || guid === '')
        return;
    throw new failures/* RunStopped */.NL(`Not allowed to terminate the jobs of content ${guid} (${call} answered ${describeAnswer(response)}): only its owner, collaborators and administrators may.`, 'permission denied', row);
}

// EXTERNAL MODULE: ./src/shared/values.ts
var values = __webpack_require__(9799);
;// CONCATENATED MODULE: ./src/vendors/connect/selection.ts




const BUNDLE_KIND = 'bundle_kind';
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_ANYWHERE = new RegExp(GUID, 'gi');
const UUID = new RegExp(`^${GUID}$`, 'i');
const TAG = /^[A-Za-z0-9_]+$/;
const TARGET_EXPECTED = 'the content GUID (a UUID like 951bf3ad-82d0-4bca-bba8-9b27e35c49fa), an http(s) URL of the content with exactly one content GUID, or a draft URL exactly like {server}/connect/#/apps/{guid}/draft/{bundle id}';
const BUNDLE_EXPECTED = '`previous` or a bundle id (digits, like 127015)';
function contentGuid(target) {
    if (UUID.test(target))
        return target.toLowerCase();
    if ((0,kit/* httpUrl */.q3)(target) === null)
        return null;
    const guids = new Set([...target.matchAll(UUID_ANYWHERE)].map(([guid]) => guid.toLowerCase()));
    return guids.size === 1 ? [...guids][0] : null;
}
function parseBundle(text) {
    if (/^previous$/i.test(text))
        return { kind: 'previous' };
    const id = bundleIdOf(text);
    return id === null ? null : { kind: 'id', id };
}
function parseTags(text) {
    const tokens = (0,values/* splitList */.ry)(text);
    return {
        tags: [...new Set(tokens.filter((token) => TAG.test(token)))],
        bad: tokens.filter((token) => !TAG.test(token)),
    };
}
function bundleIdOf(value) {
    if (typeof value === 'number')
        return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
    if (typeof value !== 'string' || !/^\d{1,30}$/.test(value))
        return null;
    const id = value.replace(/^0+/, '');
    return id === '' ? null : id;
}
function notOnBundle(active, previews = false) {
    return notOnActive(() => active, `the active bundle ${active}`, previews);
}
function notOnItemsActiveBundle(previews = false) {
    return notOnActive((job) => job.active_bundle, "their content item's active bundle", previews);
}
function notOnActive(activeOf, active, previews) {
    const onActive = { clause: (count) => `${count} ${(0,shared_text.be)(count)} on ${active}` };
    const unreadable = {
        clause: (count) => `${count} ${(0,shared_text/* have */.HO)(count)} no readable bundle_id`,
    };
    const noActive = {
        clause: (count) => `${count} ${(0,shared_text.be)(count)} of a content item that names no active bundle`,
    };
    const spared = sparedReasons();
    return {
        keeps: `not on ${active}${previews ? ', nor on a preview' : ''}`,
        reason: onActive,
        leftOut(job) {
            const current = bundleIdOf(activeOf(job));
            if (current === null)
                return noActive;
            const bundle = bundleIdOf(job.bundle_id);
            if (bundle === null)
                return unreadable;
            if (bundle === current)
                return onActive;
            const kind = job[BUNDLE_KIND]?.kind ?? 'unproven';
            return kind === 'previous' ? null : spared[kind];
        },
    };
}
function sparedReasons() {
    return {
        preview: { clause: (count) => `${count} ${(0,shared_text.be)(count)} on a pull request's preview` },
        newer: {
            clause: (count) => `${count} ${(0,shared_text.be)(count)} on a bundle newer than the active one (a draft, or a version rolled back from)`,
        },
        unproven: {
            clause: (count) => `${count} ${(0,shared_text.be)(count)} on a bundle that may be a preview (nothing tells)`,
        },
    };
}
function onPreviewOf(pull) {
    const reason = {
        clause: (count) => `${count} ${(0,shared_text.be)(count)} not on a preview of #${pull}`,
    };
    return {
        keeps: `on a preview of pull request #${pull}`,
        reason,
        leftOut(job) {
            const kind = job[BUNDLE_KIND];
            return kind?.kind === 'preview' && kind.pulls.includes(pull) ? null : reason;
        },
    };
}
function onBundle(id) {
    const reason = { clause: (count) => `${count} ${(0,shared_text.be)(count)} not on bundle ${id}` };
    return {
        keeps: `on bundle ${id}`,
        reason,
        leftOut: (job) => (bundleIdOf(job.bundle_id) === id ? null : reason),
    };
}
function onDraftBundles() {
    const reason = {
        clause: (count) => `${count} ${(0,shared_text.be)(count)} not on the bundle of their item's draft URL`,
    };
    return {
        keeps: "on the bundle of their item's draft URL where target names one",
        reason,
        leftOut(job) {
            const drafts = Array.isArray(job.draft_bundles) ? job.draft_bundles : [];
            if (drafts.length === 0)
                return null;
            const bundle = bundleIdOf(job.bundle_id);
            return bundle !== null && drafts.includes(bundle) ? null : reason;
        },
    };
}
function taggedAs(tags) {
    const names = tags.join(' or ');
    const reason = { clause: (count) => `${count} ${(0,shared_text.be)(count)} not tagged ${names}` };
    return {
        keeps: `tagged ${names}`,
        reason,
        leftOut: (job) => (typeof job.tag === 'string' && tags.includes(job.tag) ? null : reason),
    };
}
const NO_FILTERS = {
    bundle: null,
    tags: [],
    olderThan: null,
    content: { tags: [], names: [] },
};
async function connectFilters(inputs, severalItems, activeBundle, previews = false) {
    const { bundle, tags, olderThan: age } = inputs;
    const filters = [];
    if (bundle?.kind === 'previous') {
        filters.push(severalItems ? notOnItemsActiveBundle(previews) : notOnBundle(await activeBundle(), previews));
    }
    if (bundle?.kind === 'pull-request' && !severalItems)
        await activeBundle();
    if (bundle?.kind === 'id')
        filters.push(onBundle(bundle.id));
    if (bundle?.kind === 'drafts')
        filters.push(onDraftBundles());
    if (bundle?.kind === 'pull-request')
        filters.push(onPreviewOf(bundle.pull));
    if (tags.length > 0)
        filters.push(taggedAs(tags));
    if (age)
        filters.push((0,selection/* olderThan */.W7)(age, (job) => job.start_time));
    return filters;
}

;// CONCATENATED MODULE: ./src/vendors/connect/facts.ts



class ConnectFacts {
    seen = new Map();
    remember(key, job) {
        const { hostname, bundle_id, tag, start_time } = job;
        this.seen.set(key, { hostname, bundle_id, tag, start_time });
    }
    of(key, now) {
        const job = this.seen.get(key);
        if (!job)
            return [];
        return [
            (0,kit/* textFact */.yM)('host', job.hostname),
            (0,kit/* textFact */.yM)('bundle', bundleIdOf(job.bundle_id)),
            (0,kit/* textFact */.yM)('tag', job.tag),
            (0,kit/* startedFact */.iU)(job.start_time, now),
        ].filter((fact) => fact !== null);
    }
}
async function readConnectLog(http, path, lines, signal, describe) {
    const response = await http.request('GET', path, { query: { maxLogLines: lines }, signal });
    const entries = (0,kit/* asRecord */.qY)(response.json)?.entries;
    if (response.status !== 200 || !Array.isArray(entries)) {
        return { unavailable: `GET ${path} answered ${describe(response)}` };
    }
    const texts = entries.map((entry) => (0,kit/* asRecord */.qY)(entry)?.data);
    return {
        lines: (0,shared_text/* lastLines */.w$)(texts.filter((text) => typeof text === 'string'), lines),
    };
}

;// CONCATENATED MODULE: ./src/vendors/connect/jobs-list.ts


const ACTIVE = 0;
const JOBS_PER_REQUEST = 100;
class ConnectJobLists {
    http;
    listOf;
    sizes;
    check;
    constructor(http, listOf, sizes, check) {
        this.http = http;
        this.listOf = listOf;
        this.sizes = sizes;
        this.check = check;
    }
    cost(rows) {
        const first = rows[0];
        if (first === undefined)
            return 0;
        const size = this.sizes.get(this.listOf(first)) ?? rows.length;
        return Math.max(1, Math.ceil(size / JOBS_PER_REQUEST));
    }
    async poll(rows, signal) {
        const guid = rows[0] === undefined ? '' : this.listOf(rows[0]);
        const path = `v1/content/${guid}/jobs`;
        const response = await this.http.request('GET', path, { signal });
        this.check(response, `GET ${path}`);
        if (response.status === 200 && Array.isArray(response.json)) {
            this.sizes.set(guid, response.json.length);
            const listed = jobsByKey(response.json, new Set(rows.map((row) => row.job_key)));
            const polls = rows.map((row) => {
                const job = listed.get(row.job_key);
                if (job === undefined)
                    return null;
                return polledJob(row, job) ?? { ended: false, row, seen: 'listed without a job status' };
            });
            return { polls, requests: 1 };
        }
        if (response.status === 404 && connectCode(response) !== null) {
            return { polls: rows.map(() => null), requests: 1 };
        }
        const unread = `GET ${path} answered ${describeAnswer(response)}`;
        return { polls: rows.map(() => null), requests: 1, unread };
    }
}
function jobsByKey(list, keys) {
    const jobs = new Map();
    for (const job of list.map(kit/* asRecord */.qY)) {
        if (job === null || typeof job.key !== 'string' || !keys.has(job.key))
            continue;
        if (!jobs.has(job.key))
            jobs.set(job.key, job);
    }
    return jobs;
}
function polledJob(row, job) {
    const status = (0,kit/* toNumber */.Ro)(job.status);
    if (status === null || !Number.isInteger(status) || status < ACTIVE)
        return null;
    return status === ACTIVE
        ? { ended: false, row: { ...row, status }, seen: 'still active (status 0)' }
        : { ended: true, row: { ...row, status, outcome: 'ended' } };
}

;// CONCATENATED MODULE: ./src/vendors/connect/rows.ts



const JOB_KEY = /^[A-Za-z0-9_-]{1,128}$/;
function isJobKey(key) {
    return typeof key === 'string' && JOB_KEY.test(key);
}
function connectRows(wait, page = () => null, titles = new Map(), itemOf = () => null) {
    return {
        title: 'Posit Connect',
        errorRow: (key, message) => withStatusField({
            ...emptyFields(key),
            app_guid: itemOf(key),
            code: null,
            error: message,
            outcome: 'error',
            page_url: page(key),
        }, wait),
        keyOf: (row) => row.job_key || row.app_guid || 'content item',
        groupOf: (row) => row.app_guid === null ? null : { id: row.app_guid, title: titles.get(row.app_guid) ?? null },
        statusOf,
        withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
    };
}
function statusOf(row) {
    if (row.status !== undefined && row.status !== null) {
        return STATUS_NAMES[row.status] ?? String(row.status);
    }
    return row.outcome === 'dry-run' ? STATUS_NAMES[0] : '';
}
function jobPage(apiRoot, guid, key) {
    return `${contentPage(apiRoot, guid)}/logs?logKey=${encodeURIComponent(key)}`;
}
function contentPage(apiRoot, guid) {
    return `${apiRoot.replace(/__api__\/$/, '')}connect/#/apps/${encodeURIComponent(guid)}`;
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
function orderFields(body, key, item) {
    const order = (0,kit/* asRecord */.qY)(body) ?? {};
    const guid = order.app_guid ?? order.content_guid;
    return {
        app_id: (0,kit/* toNumber */.Ro)(order.app_id ?? order.content_id),
        app_guid: typeof guid === 'string' && UUID.test(guid) ? guid : item,
        job_key: key,
        job_id: idText(order.job_id),
        result: typeof order.result === 'string' ? order.result : null,
        code: null,
        error: null,
        outcome: 'terminated',
    };
}
function jobFields(job, key, outcome) {
    return {
        app_id: (0,kit/* toNumber */.Ro)(job.app_id ?? job.content_id),
        app_guid: null,
        job_key: key,
        job_id: idText(job.id),
        result: null,
        code: null,
        error: null,
        outcome,
    };
}
const NOT_ACTIVE_CODE = 163;
function failureOutcome(status, code) {
    if (status === 409 && code === NOT_ACTIVE_CODE)
        return 'not-active';
    return status === 404 ? 'not-found' : 'error';
}

;// CONCATENATED MODULE: ./src/vendors/connect/items.ts







const NOT_A_KEY = 'not sent: the server listed this job under a key that is not a job key (letters, digits, `-` and `_`)';
const LISTED_TWICE = 'not sent: the server listed this job key under two content items';
class ContentItems {
    targets;
    itemOfKey = new Map();
    titles = new Map();
    listSizes = new Map();
    constructor(targets) {
        this.targets = targets;
    }
    get guid() {
        const { targets } = this;
        return targets.kind === 'items' && targets.items.length === 1
            ? (targets.items[0]?.guid ?? '')
            : '';
    }
    itemOf(key) {
        return this.itemOfKey.get(key) ?? this.guid;
    }
    draftsOf(guid) {
        const { targets } = this;
        if (targets.kind !== 'items')
            return [];
        return targets.items.find((item) => item.guid === guid)?.drafts ?? [];
    }
    jobsPath(key) {
        const jobs = `v1/content/${key === undefined ? this.guid : this.itemOf(key)}/jobs`;
        return key === undefined ? jobs : `${jobs}/${encodeURIComponent(key)}`;
    }
    listed(guid, jobs, active, rows) {
        this.listSizes.set(guid, jobs.length);
        const listed = new Map();
        for (const job of jobs.map(kit/* asRecord */.qY)) {
            if (job === null || (0,kit/* toNumber */.Ro)(job.status) !== ACTIVE)
                continue;
            const key = isJobKey(job.key) ? job.key : null;
            const name = key ?? (0,kit/* shownValue */.JJ)(job.key);
            if (listed.has(name))
                continue;
            const elsewhere = key !== null && (this.itemOfKey.get(key) ?? guid) !== guid;
            if (key !== null && !elsewhere && this.guid === '')
                this.itemOfKey.set(key, guid);
            const refused = key === null ? NOT_A_KEY : elsewhere ? LISTED_TWICE : null;
            listed.set(name, {
                row: refused === null ? rows.jobRow(name, job) : rows.refusedRow(name, refused),
                job: {
                    bundle_id: job.bundle_id,
                    tag: job.tag,
                    start_time: job.start_time,
                    active_bundle: active,
                    draft_bundles: this.draftsOf(guid),
                },
            });
        }
        return [...listed.values()];
    }
}
async function readActiveBundle(http, guid, signal, check) {
    const path = `v1/content/${guid}`;
    const response = await http.request('GET', path, { signal });
    check(response, `GET ${path}`);
    const unreadable = (why) => new failures/* RunStopped */.NL((0,shared_text/* sentence */.em)(`Could not read the active bundle of content ${guid}, which \`bundle: previous\` needs; nothing was terminated: ${why}`) + checkTarget(response, guid), 'the active bundle is unknown');
    const content = (0,kit/* asRecord */.qY)(response.json);
    if (response.status !== 200 || !content) {
        throw unreadable(`GET ${path} answered ${describeAnswer(response)}`);
    }
    const bundle = bundleIdOf(content.bundle_id);
    if (bundle === null) {
        throw unreadable('the content names no active bundle (it has never been deployed?)');
    }
    return bundle;
}
async function listItemJobs(http, guid, signal, check) {
    const call = `GET v1/content/${guid}/jobs`;
    const response = await http.request('GET', `v1/content/${guid}/jobs`, { signal });
    check(response, call);
    if (response.status !== 200 || !Array.isArray(response.json)) {
        throw new failures/* RunStopped */.NL((0,shared_text/* sentence */.em)(`Could not list the jobs of content ${guid}: ${call} answered ${describeAnswer(response)}`) + checkTarget(response, guid), 'listing the jobs failed');
    }
    return response.json;
}

;// CONCATENATED MODULE: ./src/vendors/connect/server.ts



const MINIMUM_VERSION = '2022.10.0';
function refuseOldServer(response) {
    const version = (0,kit/* asRecord */.qY)(response.json)?.version ?? '';
    if (response.status !== 200 || typeof version !== 'string' || !/^\d+\.\d+/.test(version)) {
        return '';
    }
    if (compareVersions(version, MINIMUM_VERSION) < 0) {
        throw new failures/* RunStopped */.NL(`Posit Connect ${version} has no API to terminate jobs: it needs ${MINIMUM_VERSION} or newer.`, `Connect ${version} is older than ${MINIMUM_VERSION}`);
    }
    return version;
}
function refuseNoJobsApi(response, call, origin, row) {
    if (response.status !== 404 || connectCode(response) !== null)
        return;
    throw new failures/* RunStopped */.NL(`No jobs API at ${origin} (${call} answered a 404 without Connect's error code): Posit Connect ${MINIMUM_VERSION} or newer is needed, or \`server\` is not the Connect server URL.`, 'no jobs API at the server', row);
}
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

;// CONCATENATED MODULE: ./src/vendors/connect/bundles.ts




const DRAFTS_SINCE = '2025.06.0';
function draftsPossible(version) {
    return version === '' || compareVersions(version, DRAFTS_SINCE) >= 0;
}
function deployMetadata(bundle) {
    const metadata = (0,kit/* asRecord */.qY)(bundle.metadata);
    if (metadata === null)
        return null;
    const given = (value) => typeof value === 'string' && value.trim() !== '';
    const sources = Object.entries(metadata).filter(([name]) => name.startsWith('source'));
    if (!sources.some(([, value]) => given(value)))
        return null;
    const pull = metadata.source_pull_request;
    if (!given(pull))
        return { pull: null };
    const number = /^\s*[1-9]\d{0,9}\s*$/.test(pull) ? Number(pull) : 0;
    return { pull: number };
}
async function readBundles(http, guid, signal, check) {
    const path = `v1/content/${guid}/bundles`;
    const response = await http.request('GET', path, { signal });
    check(response, `GET ${path}`);
    if (response.status !== 200 || !Array.isArray(response.json)) {
        return { unreadable: `GET ${path} answered ${describeAnswer(response)}` };
    }
    const metadata = new Map();
    for (const bundle of response.json.map(kit/* asRecord */.qY)) {
        const id = bundleIdOf(bundle?.id);
        const deploy = bundle === null ? null : deployMetadata(bundle);
        if (id !== null && deploy !== null)
            metadata.set(id, deploy);
    }
    return { metadata };
}
function newerBundle(a, b) {
    return a.length === b.length ? a > b : a.length > b.length;
}

;// CONCATENATED MODULE: ./src/vendors/connect/commented.ts



async function listCommented(pull, sources, keyless, scan) {
    if (!draftsPossible(sources.version) || !sources.comments)
        return { listed: [], notices: [] };
    const found = await sources.comments();
    if ('unreadable' in found) {
        const fix = found.fix || 'give the job `permissions: pull-requests: read`';
        throw new failures/* RunStopped */.NL(`Could not tell which content items hold the previews of #${pull}: no content item is given (\`target\` or a deployment file), and ${(0,shared_text/* sentence */.em)(found.unreadable)} Nothing was terminated. ${fix.charAt(0).toUpperCase()}${fix.slice(1)}, or give the content item in \`target\`.`, `the previews of #${pull} could not be told`);
    }
    const guids = [...found.bundles.keys()];
    if (guids.length === 0) {
        const text = `No trusted deploy comment of #${pull} names a content item on ${sources.server}: no previews to stop.`;
        return { listed: [], notices: [{ text, warning: false }] };
    }
    const items = guids.length === 1 ? 'content item' : 'content items';
    sources.log?.info(`The deploy comments of #${pull} name ${items} ${(0,shared_text/* someOf */.yU)(guids)} on this server.`);
    const unreached = [];
    const listed = await scan(guids, {
        kinds: keyless ? ['gone', 'forbidden'] : ['gone'],
        unreached,
    });
    if (!keyless || unreached.length === 0)
        return { listed, notices: [] };
    const them = unreached.length === 1 ? 'it' : 'them';
    const text = `Content ${(0,shared_text/* someOf */.yU)(unreached)}, named by the deploy comments of #${pull}, not touched: the key of the keyless sign-in is for one content item and may not reach ${them}; the API key of an account that may see ${them} stops ${unreached.length === 1 ? 'its' : 'their'} previews too.`;
    return { listed, notices: [{ text, warning: false }] };
}

// EXTERNAL MODULE: ./src/shared/pool.ts
var pool = __webpack_require__(5135);
;// CONCATENATED MODULE: ./src/vendors/connect/preview-comments.ts

const MARKER = 'Preview deployed to Connect';
const PREVIEW_URL = /(https?:\/\/\S+?)\/connect\/#\/apps\/([^/\s]+)\/draft\/(\d+)/;
const BUNDLE_LIST = /<!-- preview-bundles:([\d,]+) -->/;
const ACTIONS_BOT = 'github-actions[bot]';
const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
const IGNORED = {
    untrusted: 'untrusted author',
    noUrl: 'no preview URL',
    otherServer: 'another server',
    notGuid: 'not a content GUID',
    noBundle: 'no bundle id',
};
function previewBundles(comments, server) {
    const found = { bundles: new Map(), ignored: new Map() };
    const ours = serverKey(server);
    for (const comment of comments) {
        if (!comment.body.includes(MARKER))
            continue;
        const preview = previewOf(comment, ours);
        if ('ignored' in preview) {
            found.ignored.set(preview.ignored, (found.ignored.get(preview.ignored) ?? 0) + 1);
            continue;
        }
        const byBundle = found.bundles.get(preview.guid) ?? new Map();
        found.bundles.set(preview.guid, byBundle);
        for (const id of preview.bundles) {
            const pulls = byBundle.get(id) ?? [];
            if (!pulls.includes(comment.issue))
                pulls.push(comment.issue);
            byBundle.set(id, pulls.sort((a, b) => a - b));
        }
    }
    return found;
}
function previewOf(comment, server) {
    const trusted = comment.author === ACTIONS_BOT || TRUSTED_ASSOCIATIONS.has(comment.association);
    if (!trusted)
        return { ignored: IGNORED.untrusted };
    const url = PREVIEW_URL.exec(comment.body);
    if (url === null)
        return { ignored: IGNORED.noUrl };
    const [, named = '', guid = '', urlBundle = ''] = url;
    if (server === null || serverKey(named) !== server)
        return { ignored: IGNORED.otherServer };
    if (!UUID.test(guid))
        return { ignored: IGNORED.notGuid };
    const list = BUNDLE_LIST.exec(comment.body)?.[1];
    const ids = list === undefined ? [urlBundle] : list.split(',');
    const bundles = [...new Set(ids.map(bundleIdOf).filter((id) => id !== null))];
    if (bundles.length === 0)
        return { ignored: IGNORED.noBundle };
    return { guid: guid.toLowerCase(), bundles };
}
function serverKey(text) {
    let url;
    try {
        url = new URL(text.replace(/\/+$/, ''));
    }
    catch {
        return null;
    }
    if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '')
        return null;
    if (url.username !== '' || url.password !== '')
        return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

;// CONCATENATED MODULE: ./src/vendors/connect/previews.ts






function previewQuestion(inputs) {
    const { bundle } = inputs;
    if (bundle?.kind === 'previous')
        return { kind: 'previous' };
    return bundle?.kind === 'pull-request' ? { kind: 'pull-request', pull: bundle.pull } : null;
}
function serverOf(root) {
    return root.replace(/\/__api__\/?$/, '');
}
const COMMENTS_FIX = 'give the job `permissions: pull-requests: read`';
const METADATA_FIX = 'or deploy with posit-dev/connect-actions to Connect 2025.12.0 or later (its bundles carry the pull request in their metadata)';
function fixOf(readerFix) {
    const fix = readerFix || COMMENTS_FIX;
    return `${fix.charAt(0).toUpperCase()}${fix.slice(1)} (the deploy comments then tell), ${METADATA_FIX}.`;
}
async function judgeBundles(listed, question, signal, sources) {
    const candidates = candidatesOf(listed);
    if (!draftsPossible(sources.version)) {
        for (const { job } of candidates)
            job[BUNDLE_KIND] = { kind: 'previous' };
        return question.kind === 'previous'
            ? []
            : [
                {
                    text: `Connect ${sources.version} has no drafts (${DRAFTS_SINCE} and later): no previews to stop.`,
                    warning: false,
                },
            ];
    }
    if (candidates.length === 0)
        return [];
    const listings = await readListings(candidates, sources, signal);
    const comments = sources.comments ?? commentsOnce(question, sources, signal);
    const kinds = [];
    for (const candidate of candidates) {
        const kind = await kindOf(candidate, listings, comments, question);
        candidate.job[BUNDLE_KIND] = kind;
        kinds.push({ candidate, kind });
    }
    return noticesOf(kinds, question);
}
function candidatesOf(listed) {
    const candidates = [];
    for (const { row, job } of listed) {
        if (job === null || row.app_guid === null)
            continue;
        const bundle = bundleIdOf(job.bundle_id);
        const active = bundleIdOf(job.active_bundle);
        if (bundle !== null && active !== null && bundle !== active) {
            candidates.push({ guid: row.app_guid, bundle, active, job });
        }
    }
    return candidates;
}
async function readListings(candidates, { http, check, concurrency }, signal) {
    const guids = [...new Set(candidates.map((candidate) => candidate.guid))];
    const listings = await (0,pool/* mapLimited */.b)(guids, concurrency, (guid) => readBundles(http, guid, signal, check));
    return new Map(guids.map((guid, i) => [guid, listings[i]]));
}
function commentsOnce(question, sources, signal) {
    return once(() => readComments(question, sources, signal));
}
async function readComments(question, { github, server, log }, signal) {
    const read = github
        ? await (question.kind === 'previous'
            ? github.openPullRequestComments(signal)
            : github.pullRequestComments(question.pull, signal))
        : { readable: false, reason: 'no GitHub token', fix: '', requests: 0 };
    if (!read.readable) {
        return { unreadable: `the deploy comments could not be read (${read.reason})`, fix: read.fix };
    }
    const found = previewBundles(read.comments, server);
    const ignored = [...found.ignored].map(([why, n]) => `${n} ${why}`);
    if (ignored.length > 0) {
        log?.info(`Deploy comments left out (${(0,shared_text/* someOf */.yU)(ignored)}): only trusted comments for this server count.`);
    }
    return found;
}
async function kindOf({ guid, bundle, active }, listings, comments, question) {
    const listing = listings.get(guid);
    const metadata = listing && 'metadata' in listing ? listing.metadata.get(bundle) : undefined;
    if (metadata !== undefined) {
        return metadata.pull === null
            ? { kind: 'previous' }
            : { kind: 'preview', pulls: metadata.pull === 0 ? [] : [metadata.pull] };
    }
    if (question.kind === 'previous' && newerBundle(bundle, active))
        return { kind: 'newer' };
    const found = await comments();
    if ('unreadable' in found) {
        const unlisted = listing && 'unreadable' in listing ? `; ${listing.unreadable}` : '';
        const why = `no deploy metadata${unlisted}, and ${found.unreadable}`;
        if (question.kind === 'previous')
            return { kind: 'unproven', why, fix: fixOf(found.fix) };
        throw new failures/* RunStopped */.NL(`Could not tell which bundles of content ${guid} are previews of #${question.pull}: bundle ${bundle} has ${(0,shared_text/* sentence */.em)(why)} Nothing was terminated. ${fixOf(found.fix)}`, `the previews of #${question.pull} could not be told`);
    }
    const pulls = found.bundles.get(guid)?.get(bundle);
    return pulls === undefined ? { kind: 'previous' } : { kind: 'preview', pulls };
}
function noticesOf(kinds, question) {
    const notices = [];
    const previews = kinds.filter(({ kind }) => kind.kind === 'preview' && question.kind === 'previous');
    if (previews.length > 0) {
        const pulls = new Set(previews.flatMap(({ kind }) => (kind.kind === 'preview' ? kind.pulls : [])));
        const of = pulls.size === 0
            ? 'pull requests'
            : (0,shared_text/* someOf */.yU)([...pulls].sort((a, b) => a - b).map((n) => `#${n}`));
        notices.push({
            text: `${(0,shared_text/* count */.U9)(previews.length)} job(s) on previews of ${of} left running: \`bundle: previous\` never stops a preview.`,
            warning: false,
        });
    }
    const bundlesOf = (wanted) => [
        ...new Set(kinds
            .filter(({ kind }) => kind.kind === wanted)
            .map(({ candidate }) => `${candidate.bundle} (content ${candidate.guid})`)),
    ];
    const newer = bundlesOf('newer');
    if (newer.length > 0) {
        const jobs = kinds.filter(({ kind }) => kind.kind === 'newer').length;
        notices.push({
            text: `${(0,shared_text/* count */.U9)(jobs)} job(s) on bundles newer than their item's active one left running, ${(0,shared_text/* someOf */.yU)(newer)}: each is a draft or a version rolled back from, and nothing shows which; \`bundle: {id}\` stops the jobs of one bundle.`,
            warning: false,
        });
    }
    const unproven = kinds.filter(({ kind }) => kind.kind === 'unproven');
    if (unproven.length > 0) {
        const { why, fix } = unproven[0]?.kind;
        notices.push({
            text: `${(0,shared_text/* count */.U9)(unproven.length)} job(s) on bundles ${(0,shared_text/* someOf */.yU)(bundlesOf('unproven'))} left running: this server may hold pull requests' previews (Connect 2025.06.0 and later) and nothing tells whether these bundles are: ${why}. ${fix}`,
            warning: true,
        });
    }
    return notices;
}
function once(make) {
    let made;
    return () => (made ??= make());
}

;// CONCATENATED MODULE: ./src/http/pager.ts
const MAX_PAGES = 1_000;
const MAX_ITEMS = 100_000;
class PageBudget {
    pages = 0;
    items = 0;
}
async function listPages(http, list, budget, signal) {
    const seen = { pages: new Set(), ids: new Set() };
    let page = { path: list.path, query: { ...list.query } };
    while (page !== null) {
        const call = `GET ${pageName(page)}`;
        spend(list, budget, seen.pages, page);
        const { maxBodyBytes } = list;
        const response = await http.request('GET', page.path, {
            query: page.query,
            signal,
            maxBodyBytes,
        });
        list.check(response, call);
        if (response.status !== 200 || !Array.isArray(response.json)) {
            throw list.fail(`${call} answered ${list.describe(response)}`);
        }
        const items = response.json;
        const fresh = readItems(list, items, seen.ids);
        if (items.length > 0 && fresh === 0) {
            throw list.fail(`the page ${pageName(page)} brings no new ${list.noun} (all of it was on earlier pages)`);
        }
        budget.items += fresh;
        if (budget.items > MAX_ITEMS) {
            throw list.fail(`the server listed more than ${MAX_ITEMS.toLocaleString('en')} ${list.noun}s`);
        }
        page = nextPage(list, page, response, items.length);
    }
}
function pageName({ path, query }) {
    const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
    return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}
function spend(list, budget, pages, page) {
    if (budget.pages >= MAX_PAGES) {
        throw list.fail(`the server kept sending pages (more than ${MAX_PAGES.toLocaleString('en')} pages)`);
    }
    const name = new URL(pageName(page), 'http://base/').href;
    if (pages.has(name)) {
        throw list.fail(`the server sent the page ${pageName(page)} again (a page seen before)`);
    }
    pages.add(name);
    budget.pages++;
}
function readItems(list, items, ids) {
    let fresh = 0;
    for (const value of items) {
        if (typeof value !== 'object' || value === null || Array.isArray(value))
            continue;
        const item = value;
        const id = list.idOf(item);
        if (!ids.has(id)) {
            ids.add(id);
            fresh++;
        }
        list.onItem(item, id);
    }
    return fresh;
}
function nextPage(list, page, response, count) {
    const link = response.headers.link;
    if (link !== undefined) {
        const next = nextLink(Array.isArray(link) ? link.join(', ') : link);
        return next === null ? null : { path: next, query: {} };
    }
    if (count < list.offset.pageSize)
        return null;
    const offset = Number(page.query[list.offset.param] ?? 0) + count;
    return { path: page.path, query: { ...page.query, [list.offset.param]: offset } };
}
function nextLink(header) {
    for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
        const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
        const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
        if (values.includes('next'))
            return match[1] ?? null;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/vendors/connect/content-list.ts






const CONTENT_LIST_MAX_BYTES = 64 * 1024 * 1024;
async function listContent(http, choice, check, signal) {
    const listed = new Map();
    const odd = new Set();
    const chosen = new Set();
    await listPages(http, {
        what: 'the content items',
        noun: 'content item',
        path: 'v1/content',
        query: choice.tags.length > 0 ? { include: 'tags' } : {},
        offset: { param: 'offset', pageSize: Infinity },
        maxBodyBytes: CONTENT_LIST_MAX_BYTES,
        check,
        describe: describeAnswer,
        fail: (why) => new failures/* RunStopped */.NL((0,shared_text/* sentence */.em)(`Could not list the content items: ${why}; nothing was terminated`), 'listing the content items failed'),
        idOf: (item) => (typeof item.guid === 'string' ? item.guid.toLowerCase() : (0,kit/* shownValue */.JJ)(item.guid)).slice(0, 100),
        onItem: (item, id) => {
            if (!UUID.test(id))
                return void odd.add(id);
            if (listed.has(id))
                return;
            listed.set(id, { guid: id, title: (0,kit/* textOf */.b6)(item.title), bundle: bundleIdOf(item.bundle_id) });
            if (isChosen(item, choice))
                chosen.add(id);
        },
    }, new PageBudget(), signal);
    const items = [...listed.values()].filter((item) => chosen.has(item.guid));
    return { items, odd: [...odd], said: describeList(listed.size + odd.size, items.length, choice) };
}
function isChosen(item, { tags, names }) {
    const tagged = Array.isArray(item.tags) &&
        item.tags.some((tag) => {
            const name = (0,kit/* asRecord */.qY)(tag)?.name;
            return typeof name === 'string' && tags.includes(name);
        });
    const named = typeof item.name === 'string' && names.includes(item.name);
    return (tags.length === 0 || tagged) && (names.length === 0 || named);
}
function describeList(listed, chosen, { tags, names }) {
    const by = [
        tags.length > 0 ? `tagged ${tags.join(' or ')}` : '',
        names.length > 0 ? `named ${names.join(' or ')}` : '',
    ].filter(Boolean);
    const narrowed = by.length > 0 ? `, ${(0,shared_text/* count */.U9)(chosen)} of them ${by.join(' and ')}` : '';
    return `Listed ${(0,shared_text/* count */.U9)(listed)} content item(s)${narrowed}`;
}

;// CONCATENATED MODULE: ./src/vendors/connect/targets.ts




const ALL_ITEMS = 'all';
const CONTENT_TAG = 'content-tag';
const CONTENT_NAME = 'content-name';
const TARGETS_EXPECTED = `${TARGET_EXPECTED}; several, separated by commas, spaces or newlines; or \`all\` for every content item the key can see`;
const DRAFT_URL = new RegExp(`^https?://[^\\s#]+#/apps/(${GUID})/draft/(\\d{1,30})$`, 'i');
const LOOKS_LIKE_DRAFT = /\/draft(?:[/?#]|$)/i;
function parseTargets(text) {
    const tokens = (0,values/* splitList */.ry)(text);
    const [first] = tokens;
    if (tokens.length === 1 && first !== undefined && /^all$/i.test(first)) {
        return { kind: 'all', text: ALL_ITEMS };
    }
    if (tokens.length === 0)
        return { bad: text };
    const all = tokens.find((token) => /^all$/i.test(token));
    if (all !== undefined)
        return { bad: all };
    const items = new Map();
    for (const token of tokens) {
        const item = targetItem(token);
        if (item === null)
            return { bad: token };
        const seen = items.get(item.guid);
        if (seen && (seen.drafts.length === 0) !== (item.drafts.length === 0))
            return { bad: token };
        if (seen)
            seen.drafts.push(...item.drafts.filter((id) => !seen.drafts.includes(id)));
        else
            items.set(item.guid, { guid: item.guid, drafts: [...item.drafts] });
    }
    const read = [...items.values()];
    return { kind: 'items', items: read, text: read.map((item) => item.guid).join(',') };
}
function targetItem(token) {
    if (LOOKS_LIKE_DRAFT.test(token)) {
        const [, guid, bundle] = DRAFT_URL.exec(token) ?? [];
        const id = bundleIdOf(bundle);
        return guid !== undefined && id !== null && (0,kit/* httpUrl */.q3)(token) !== null
            ? { guid: guid.toLowerCase(), drafts: [id] }
            : null;
    }
    const guid = contentGuid(token);
    return guid === null ? null : { guid, drafts: [] };
}
function guidsOf(targets) {
    return targets.kind === 'items' ? targets.items.map((item) => item.guid) : [];
}
function itemsOf(guids) {
    return { kind: 'items', items: guids.map((guid) => ({ guid, drafts: [] })) };
}
function commentedTarget(pullRequest) {
    if (!/^[1-9]\d{0,9}$/.test(pullRequest))
        return null;
    const pull = Number(pullRequest);
    return { kind: 'commented', pull, text: `the content items #${pull}'s deploy comments name` };
}
function beyondOneItem(target, content) {
    const reach = [
        target?.kind === 'all' && '`target: all`',
        target !== null && guidsOf(target).length > 1 && 'several content items in `target`',
        content.tags.length > 0 && `\`${CONTENT_TAG}\``,
        content.names.length > 0 && `\`${CONTENT_NAME}\``,
    ].filter((part) => part !== false);
    return reach.length === 0 ? null : reach.join(' with ');
}
function readContentChoice(read, context, problems, target) {
    const all = target?.kind === 'all';
    if (target !== null && (all || guidsOf(target).length > 1) && !context.all) {
        problems.add('target: several content items or `all` go with `keys: all`; explicit keys are the jobs of one content item');
    }
    return {
        tags: readNames(CONTENT_TAG, read(CONTENT_TAG), all, /[,\n]/, problems),
        names: readNames(CONTENT_NAME, read(CONTENT_NAME), all, /[\s,]+/, problems),
    };
}
function readNames(input, text, all, separator, problems) {
    if (text === '')
        return [];
    if (!all) {
        problems.add(`${input}: only with \`target: all\`; it narrows the content items the scan reads`);
        return [];
    }
    const names = [...new Set(text.split(separator).map((name) => name.trim()))].filter(Boolean);
    if (names.length === 0)
        problems.add(`${input}: got ${(0,shared_text/* quote */.hD)(text)}, no name in it`);
    return names;
}

;// CONCATENATED MODULE: ./src/vendors/connect/scan.ts








async function scanContent(host, signal, plan) {
    const { targets } = plan;
    const content = targets.kind === 'all'
        ? await listContent(host.http, plan.content, host.check, signal)
        : {
            items: guidsOf(targets).map((guid) => ({ guid, title: null, bundle: undefined })),
            odd: [],
            said: null,
        };
    const scans = await (0,pool/* mapLimited */.b)(content.items, plan.concurrency, (item) => scanItem(host, plan, item, signal));
    plan.log?.info(describeScan(scans, content.said));
    const odd = content.odd.map((shown) => {
        const error = `not scanned: the server listed a content item under a GUID that is not a UUID: ${shown}`;
        return {
            row: host.itemRow({ app_guid: null, code: null, error, outcome: 'error' }),
            job: null,
        };
    });
    const spared = (scan) => scan.kind !== 'listed' &&
        scan.kind !== 'failed' &&
        (targets.kind === 'all' || (plan.spare?.kinds.includes(scan.kind) ?? false));
    for (const scan of scans.filter(spared))
        plan.spare?.unreached.push(scan.item.guid);
    const rows = scans.flatMap((scan) => (spared(scan) ? [] : scanned(host, scan)));
    return [...odd, ...rows];
}
async function scanItem(host, plan, item, signal) {
    if (item.title !== null)
        host.titles.set(item.guid, item.title);
    if (plan.readsBundles && item.bundle === undefined) {
        const path = `v1/content/${item.guid}`;
        const read = await readItem(host, item, path, signal);
        if (read.kind !== 'answered')
            return read;
        const content = (0,kit/* asRecord */.qY)(read.response.json);
        if (read.response.status !== 200 || !content)
            return itemFailure(item, path, read.response);
        const known = { ...item, title: (0,kit/* textOf */.b6)(content.title), bundle: bundleIdOf(content.bundle_id) };
        return scanItem(host, plan, known, signal);
    }
    const path = `v1/content/${item.guid}/jobs`;
    const read = await readItem(host, item, path, signal);
    if (read.kind !== 'answered')
        return read;
    const { json } = read.response;
    if (read.response.status !== 200 || !Array.isArray(json)) {
        return itemFailure(item, path, read.response);
    }
    const listed = host.listedJobs(item.guid, json, item.bundle);
    return { item, kind: 'listed', listed, active: activeCount(json) };
}
function scanned(host, scan) {
    if (scan.kind === 'listed')
        return scan.listed;
    const { guid } = scan.item;
    const row = host.itemRow({
        app_guid: guid,
        code: scan.code,
        error: `content ${guid} not scanned: ${scan.error}`,
        outcome: scan.kind === 'gone' ? 'not-found' : 'error',
    });
    return [{ row, job: null }];
}
async function readItem({ http, check }, item, path, signal) {
    let response;
    try {
        response = await http.request('GET', path, { signal });
    }
    catch (error) {
        if (!(error instanceof http_answer/* TransportError */.wX))
            throw error;
        return { item, kind: 'failed', error: `GET ${path}: ${error.message}`, code: null };
    }
    check(response, `GET ${path}`);
    return { kind: 'answered', response };
}
function itemFailure(item, path, response) {
    const code = connectCode(response);
    const error = `GET ${path} answered ${describeAnswer(response)}`;
    if (response.status === 404 && code !== null)
        return { item, kind: 'gone', error, code };
    if (response.status === 403)
        return { item, kind: 'forbidden', error, code };
    return { item, kind: 'failed', error, code };
}
function activeCount(jobs) {
    return jobs.filter((job) => (0,kit/* toNumber */.Ro)((0,kit/* asRecord */.qY)(job)?.status) === 0).length;
}
function describeScan(scans, listed) {
    const withJobs = scans.filter((scan) => scan.kind === 'listed' && scan.active > 0).length;
    const notes = [
        ['gone', 'vanished during the scan (not found)'],
        ['forbidden', 'refused access (not allowed)'],
        ['failed', 'could not be read'],
    ].flatMap(([kind, what]) => {
        const guids = scans.filter((scan) => scan.kind === kind).map((scan) => scan.item.guid);
        return guids.length > 0 ? [`${(0,shared_text/* count */.U9)(guids.length)} ${what}: ${(0,shared_text/* someOf */.yU)(guids)}`] : [];
    });
    const n = (0,shared_text/* count */.U9)(scans.length);
    const head = listed === null ? `Scanned ${n} content item(s)` : `${listed}; scanned ${n}`;
    return `${[`${head}: ${(0,shared_text/* count */.U9)(withJobs)} had active jobs`, ...notes].join('; ')}.`;
}

;// CONCATENATED MODULE: ./src/vendors/connect/client.ts















const SCAN_CONCURRENCY = 8;
class ConnectJobs extends VendorJobs {
    inputs;
    rows;
    keyAdvice = 'Check `api-key` or CONNECT_API_KEY.';
    targetPage;
    items;
    seen = new ConnectFacts();
    lists;
    version = null;
    active = null;
    said = [];
    constructor(http, plan, inputs = NO_FILTERS) {
        super(http, plan);
        this.inputs = inputs;
        this.items = new ContentItems(plan.target);
        this.rows = connectRows(plan.wait, (key) => this.page(key), this.items.titles, (key) => this.itemOf(key));
        this.targetPage = this.guid === '' ? null : contentPage(http.root, this.guid);
        this.lists = new ConnectJobLists(http, (row) => this.items.itemOf(row.job_key), this.items.listSizes, (response, call) => this.stopOnRefusedKey(response, call));
    }
    get guid() {
        return this.items.guid;
    }
    async prepare(signal) {
        const response = await this.http.request('GET', 'server_settings', { signal });
        this.stopOnRunWideFailure(response, 'GET server_settings');
        this.version = refuseOldServer(response);
    }
    filters(signal) {
        return connectFilters(this.inputs, this.guid === '', async () => {
            this.active = await readActiveBundle(this.http, this.guid, signal, (response, call) => this.stopOnRunWideFailure(response, call));
            return this.active;
        }, draftsPossible(this.version ?? ''));
    }
    async activeJobs(signal) {
        const question = previewQuestion(this.inputs);
        const sources = {
            http: this.http,
            check: (response, call) => this.stopOnServerWideFailure(response, call),
            version: this.version ?? '',
            server: serverOf(this.http.root),
            github: this.plan.github,
            concurrency: this.plan.concurrency ?? SCAN_CONCURRENCY,
            ...(this.plan.log ? { log: this.plan.log } : {}),
        };
        if (question === null)
            return this.listActive(signal, sources);
        sources.comments = commentsOnce(question, sources, signal);
        const listed = await this.listActive(signal, sources);
        this.said = [...this.said, ...(await judgeBundles(listed, question, signal, sources))];
        return listed;
    }
    notices() {
        return this.said;
    }
    async listActive(signal, sources) {
        const { targets } = this.items;
        if (this.guid !== '') {
            const jobs = await listItemJobs(this.http, this.guid, signal, (response, call) => this.stopOnRunWideFailure(response, call));
            return this.listedJobs(this.guid, jobs, this.active);
        }
        if (targets.kind !== 'commented')
            return this.scan(targets, signal);
        const keyless = !!this.plan.keyAdvice;
        const found = await listCommented(targets.pull, sources, keyless, (guids, spare) => this.scan(itemsOf(guids), signal, spare));
        this.said = found.notices;
        return found.listed;
    }
    scan(targets, signal, spare) {
        return scanContent(this.scanHost(), signal, {
            targets,
            content: this.inputs.content,
            readsBundles: previewQuestion(this.inputs) !== null,
            concurrency: this.plan.concurrency ?? SCAN_CONCURRENCY,
            log: this.plan.log,
            ...(spare ? { spare } : {}),
        });
    }
    listedJobs(guid, jobs, active) {
        return this.items.listed(guid, jobs, active, {
            jobRow: (key, job) => {
                this.seen.remember(key, job);
                return this.jobRow(key, job, 'dry-run');
            },
            refusedRow: (name, why) => ({ ...this.rows.errorRow(name, why), app_guid: guid }),
        });
    }
    scanHost() {
        return {
            http: this.http,
            check: (response, call) => this.stopOnServerWideFailure(response, call),
            listedJobs: (guid, jobs, active) => this.listedJobs(guid, jobs, active),
            itemRow: (fields) => this.row({ ...emptyFields(''), ...fields }),
            titles: this.items.titles,
        };
    }
    async terminate(key, signal) {
        const response = await this.http.request('DELETE', this.items.jobsPath(key), { signal });
        const foreign = (0,http_answer/* isSuccess */.oJ)(response) ? this.notTheVendors(response) : null;
        if (foreign !== null) {
            return this.row({ ...emptyFields(key), code: null, error: foreign, outcome: 'error' });
        }
        if ((0,http_answer/* isSuccess */.oJ)(response)) {
            return this.row(orderFields(response.json, key, this.items.itemOf(key)));
        }
        return this.failureRow(key, response, `DELETE ${this.items.jobsPath(key)}`);
    }
    async inspect(key, signal) {
        const response = await this.http.request('GET', this.items.jobsPath(key), { signal });
        const job = (0,kit/* asRecord */.qY)(response.json);
        if (response.status === 200 && job) {
            this.seen.remember(key, job);
            return this.jobRow(key, job, job.status === ACTIVE ? 'dry-run' : 'not-active');
        }
        return this.failureRow(key, response, `GET ${this.items.jobsPath(key)}`);
    }
    async poll(row, signal) {
        const path = this.items.jobsPath(row.job_key);
        const response = await this.http.request('GET', path, { signal });
        this.stopOnRefusedKey(response, `GET ${path}`);
        const job = (0,kit/* asRecord */.qY)(response.json);
        if (response.status === 200 && job) {
            this.seen.remember(row.job_key, job);
            return (polledJob(row, job) ?? {
                ended: false,
                row,
                seen: `an answer without a job status (${connectMessage(response)})`,
            });
        }
        if (response.status === 404 && connectCode(response) !== null) {
            return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
        }
        return { ended: false, row, seen: connectMessage(response) };
    }
    log(row, lines, signal) {
        return readConnectLog(this.http, `${this.items.jobsPath(row.job_key)}/log`, lines, signal, describeAnswer);
    }
    facts(row, now) {
        return this.seen.of(row.job_key, now);
    }
    page(key) {
        const guid = this.itemOf(key);
        return guid === null ? null : jobPage(this.http.root, guid, key);
    }
    itemOf(key) {
        return this.items.itemOf(key) || null;
    }
    jobRow(key, job, outcome) {
        return this.row(jobFields(job, key, outcome));
    }
    failureRow(key, response, call) {
        this.stopOnRunWideFailure(response, call, key);
        const code = connectCode(response);
        const outcome = failureOutcome(response.status, code);
        return this.row({ ...emptyFields(key), code, error: connectMessage(response), outcome });
    }
    stopOnRunWideFailure(response, call, key) {
        const row = key
            ? this.row({
                ...emptyFields(key),
                code: connectCode(response),
                error: connectMessage(response),
                outcome: 'error',
            })
            : undefined;
        this.stopOnServerWideFailure(response, call, row);
        refuseForbiddenItem(response, call, this.guid, row);
    }
    stopOnServerWideFailure(response, call, row) {
        this.stopOnRefusedKey(response, call, row);
        refuseNoJobsApi(response, call, this.http.origin, row);
    }
    describeAnswer(response) {
        return describeAnswer(response);
    }
    row(fields) {
        const page_url = fields.outcome === 'not-found' ? null : this.page(fields.job_key);
        const app_guid = fields.app_guid ?? this.itemOf(fields.job_key);
        return withStatusField({ ...fields, app_guid, page_url }, this.plan.wait);
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
;// CONCATENATED MODULE: ./src/vendors/connect/workspace.ts


function workspaceOf(env) {
    const root = (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd());
    return { root, real: realOrNull(root) ?? root };
}
function outsideWorkspace(workspace, path) {
    if (!within(workspace.root, path) && !within(workspace.real, path)) {
        return `outside the workspace ${workspace.root}`;
    }
    const real = realOrNull(path);
    if (real !== null && !within(workspace.real, real)) {
        return `a symbolic link leading outside the workspace ${workspace.root} (to ${real})`;
    }
    return null;
}
function shownPath(workspace, path) {
    const shown = within(workspace.root, path) ? (0,external_node_path_.relative)(workspace.root, path) || '.' : path;
    return shown.split(external_node_path_.sep).join('/');
}
function within(root, path) {
    const rest = (0,external_node_path_.relative)(root, path);
    return rest !== '..' && !rest.startsWith(`..${external_node_path_.sep}`) && !(0,external_node_path_.isAbsolute)(rest);
}
function realOrNull(path) {
    try {
        return (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/vendors/connect/deployment.ts





const DEPLOYMENT_FILE = 'deployment-file';
const PATH = 'path';
const DEPLOYMENTS = '.posit/publish/deployments';
function locateDeployment(given, env, problems) {
    const missing = [given.target === '' && 'target', given.server === '' && 'server'].filter((name) => name !== false);
    if (given.file === '' && missing.length === 0)
        return { notes: [] };
    const place = appFolder(workspaceOf(env), given.path || '.', problems);
    const needed = missing.filter((name) => name !== 'target' || given.targetNeeded);
    const file = place &&
        (given.file
            ? namedFile(place, given.file, problems)
            : onlyFile(place, missing, needed, problems));
    if (file === NONE)
        return { notes: [] };
    const record = file && readRecord(file, problems);
    if (!file || !record)
        return { failed: true, notes: [] };
    const field = (name, input) => {
        const value = record[name];
        if (typeof value === 'string' && value.trim() !== '') {
            return { value: value.trim(), from: `${file.shown}, field ${name}` };
        }
        problems.add(`${DEPLOYMENT_FILE}: ${file.shown} has no \`${name}\` (a string) to give \`${input}\`; deploy the content with Posit Publisher first, or give \`${input}\``);
        return undefined;
    };
    if (missing.length > 0 && record.server_type === 'connect_cloud') {
        problems.add(`${DEPLOYMENT_FILE}: ${file.shown} records a deployment to Posit Connect Cloud (server_type connect_cloud), which has no jobs API for this action`);
        return { failed: true, notes: [] };
    }
    const target = given.target === '' ? field('id', 'target') : undefined;
    const server = given.server === '' ? field('server_url', 'server') : undefined;
    const failed = (given.target === '' && !target) || (given.server === '' && !server);
    return { target, server, failed, notes: [describeSources(file, target, server)] };
}
function describeSources(file, target, server) {
    const part = (input, field, found) => found
        ? `${input} ${(0,shared_text/* withoutUserinfo */.Q3)(found.value)} from its ${field}`
        : `${input} as given (the inputs win)`;
    return `Deployment file ${file.shown}: ${part('target', 'id', target)}; ${part('server', 'server_url', server)}.`;
}
const CHECKOUT = 'is the repository checked out (actions/checkout) in an earlier step?';
function appFolder(workspace, path, problems) {
    const folder = (0,external_node_path_.resolve)(workspace.root, path);
    const outside = outsideWorkspace(workspace, folder);
    if (outside !== null) {
        problems.add(`${PATH}: got ${(0,shared_text/* quote */.hD)(path)}, ${outside}; give the application's folder in the repository`);
        return null;
    }
    if (!isKind(folder, 'folder')) {
        problems.add(`${PATH}: got ${(0,shared_text/* quote */.hD)(path)}, but there is no such folder in the workspace ${workspace.root}; ${CHECKOUT}`);
        return null;
    }
    return { workspace, folder };
}
function namedFile(place, name, problems) {
    const path = (0,external_node_path_.resolve)(place.folder, name);
    const outside = outsideWorkspace(place.workspace, path);
    if (outside !== null) {
        problems.add(`${DEPLOYMENT_FILE}: got ${(0,shared_text/* quote */.hD)(name)}, ${outside}; name a file in the repository, relative to \`${PATH}\``);
        return null;
    }
    if (!isKind(path, 'file')) {
        problems.add(`${DEPLOYMENT_FILE}: got ${(0,shared_text/* quote */.hD)(name)}, but there is no such file under ${place.folder}; ${CHECKOUT}`);
        return null;
    }
    return { path, shown: shownPath(place.workspace, path) };
}
const NONE = 'none';
function onlyFile(place, missing, needed, problems) {
    const dir = (0,external_node_path_.resolve)(place.folder, DEPLOYMENTS);
    const found = deploymentFiles(dir, problems);
    if (found === null)
        return null;
    const names = found.map((path) => (0,external_node_path_.relative)(dir, path).split(external_node_path_.sep).join('/'));
    const [only] = found;
    if (only !== undefined && found.length === 1) {
        const outside = outsideWorkspace(place.workspace, only);
        const shown = shownPath(place.workspace, only);
        if (outside === null)
            return { path: only, shown };
        problems.add(`${DEPLOYMENT_FILE}: ${shown} is ${outside}; it is not read`);
        return null;
    }
    if (names.length === 0 && needed.length === 0)
        return NONE;
    const asked = names.length === 0 ? needed : missing;
    const inputs = asked
        .map((name) => (name === 'server' ? '`server` (or env CONNECT_SERVER)' : `\`${name}\``))
        .join(' and ');
    const checkout = (0,external_node_fs_.existsSync)(dir) ? '' : `; ${CHECKOUT}`;
    problems.add(names.length === 0
        ? `${asked.join(' and ')}: missing, and no Posit Publisher deployment file (${DEPLOYMENTS}/*.toml) under ${place.folder} to read ${asked.length === 1 ? 'it' : 'them'} from; give ${inputs}${checkout}`
        : `${DEPLOYMENT_FILE}: missing, and ${DEPLOYMENTS} under ${place.folder} has ${names.length} deployment files (${(0,shared_text/* someOf */.yU)(names)}); name the one of this content in \`${DEPLOYMENT_FILE}\`, or give ${inputs}`);
    return null;
}
function deploymentFiles(dir, problems) {
    try {
        return (0,external_node_fs_.readdirSync)(dir, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.name.endsWith('.toml') && !entry.isDirectory())
            .map((entry) => (0,external_node_path_.join)(entry.parentPath, entry.name))
            .filter((path) => isKind(path, 'file'))
            .sort();
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        problems.add(`${DEPLOYMENT_FILE}: cannot list ${dir}: ${error.message}`);
        return null;
    }
}
function isKind(path, kind) {
    try {
        const stat = (0,external_node_fs_.statSync)(path);
        return kind === 'file' ? stat.isFile() : stat.isDirectory();
    }
    catch {
        return false;
    }
}
function readRecord(file, problems) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file.path, 'utf8');
    }
    catch (error) {
        problems.add(`${DEPLOYMENT_FILE}: cannot read ${file.shown}: ${error.message}`);
        return null;
    }
    try {
        return (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        if (!(error instanceof dist/* TomlError */.zx))
            throw error;
        const [what] = error.message.split('\n');
        problems.add(`${DEPLOYMENT_FILE}: ${file.shown} is not valid TOML (line ${error.line}, column ${error.column}: ${what})`);
        return null;
    }
}

;// CONCATENATED MODULE: ./src/vendors/connect/trusted-publishing.ts




const AUDIENCE = 'audience';
const DEFAULT_AUDIENCE = 'connect';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const DISCOVERY = '.well-known/oauth-authorization-server';
const USABLE_KEY = /^[\x21-\x7e]{1,4096}$/;
const OR_KEY = 'or give `api-key` (or CONNECT_API_KEY)';
const FAILED = 'Trusted Publishing failed';
function trustedPublishing(audience) {
    return {
        method: `Trusted Publishing for audience ${audience}`,
        refusedAdvice: `The key came from Trusted Publishing (audience ${audience}): it is short-lived (a long wait can outlast it) and ends when the trusted publisher is removed. Run again, ${OR_KEY}.`,
        unavailable: (env) => env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
            ? null
            : 'or sign in with Trusted Publishing, which needs `permissions: id-token: write` on the job: without it GitHub sets no ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN',
        signIn: (session) => exchangeForKey(audience, session),
    };
}
async function exchangeForKey(audience, session) {
    const server = new URL('../', session.apiBase);
    const endpoint = await withClient(session, server, (http) => tokenEndpoint(http, server, session.signal));
    const idToken = await session.idToken(audience);
    return withClient(session, server, (http) => requestKey(http, endpoint, idToken, audience, session.signal));
}
async function withClient(session, server, use) {
    const http = session.http(new URL('/', server));
    try {
        return await use(http);
    }
    finally {
        await http.close();
    }
}
async function tokenEndpoint(http, server, signal) {
    const discovery = new URL(DISCOVERY, server).pathname;
    const response = await http.request('GET', discovery, { signal });
    const said = `GET ${discovery} answered ${(0,http_answer/* failureText */.kY)(response, null)}`;
    const metadata = (0,kit/* asRecord */.qY)(response.json);
    if (response.status === 404 || (response.status === 200 && !metadata))
        throw unsupported(said);
    if (response.status !== 200 || !metadata) {
        throw new failures/* RunStopped */.NL(`Could not read the OAuth metadata of ${server.origin}: ${said}.`, FAILED);
    }
    const grants = metadata.grant_types_supported;
    if (Array.isArray(grants) && !grants.includes(TOKEN_EXCHANGE)) {
        throw unsupported(`its OAuth metadata (GET ${discovery}) lists no token exchange grant`);
    }
    const endpoint = typeof metadata.token_endpoint === 'string' ? metadata.token_endpoint : '';
    const url = URL.parse(endpoint);
    if (!url)
        throw unsupported(`its OAuth metadata (GET ${discovery}) names no token_endpoint URL`);
    if (url.origin !== server.origin || url.username || url.password) {
        throw new failures/* RunStopped */.NL(`Connect's OAuth metadata names the token endpoint ${(0,shared_text/* quote */.hD)(endpoint)}, which is not on the server's own origin ${server.origin}: the OIDC token is not sent there. Check \`server\`, ${OR_KEY}.`, 'the token endpoint is on another origin');
    }
    return url;
}
function unsupported(why) {
    return new failures/* RunStopped */.NL(`This Connect server does not support Trusted Publishing (needs 2026.07.0 or newer with an Enhanced or Advanced license): ${why}. Give \`api-key\` (or CONNECT_API_KEY) instead.`, 'the server does not support Trusted Publishing');
}
async function requestKey(http, endpoint, idToken, audience, signal) {
    const path = `${endpoint.pathname}${endpoint.search}`;
    const form = {
        grant_type: TOKEN_EXCHANGE,
        subject_token_type: ID_TOKEN,
        requested_token_type: ACCESS_TOKEN,
        subject_token: idToken,
    };
    const response = await http
        .request('POST', path, { body: { form }, signal })
        .catch((error) => {
        throw (0,failures/* unanswered */.bj)(error, `Connect's token exchange (POST ${endpoint.pathname})`, (said) => `${FAILED}: ${said}; ${OR_KEY}`, FAILED);
    });
    if (response.status < 200 || response.status >= 300) {
        throw exchangeFailure(response, `POST ${endpoint.pathname}`, audience);
    }
    const key = (0,kit/* asRecord */.qY)(response.json)?.access_token;
    if (typeof key === 'string' && USABLE_KEY.test(key))
        return key;
    throw new failures/* RunStopped */.NL(`The token exchange (POST ${endpoint.pathname}) answered HTTP ${response.status} without a usable access_token.`, FAILED);
}
function exchangeFailure(response, call, audience) {
    const answer = (0,kit/* asRecord */.qY)(response.json);
    const text = (value) => (typeof value === 'string' ? value : '');
    const [error, description] = [text(answer?.error), text(answer?.error_description)];
    if (response.status === 400 && error === 'invalid_grant') {
        const said = description || error;
        if (/ambiguous/i.test(description)) {
            return new failures/* RunStopped */.NL(`The OIDC token matched more than one trusted publisher on Connect (${said}): remove the duplicate access grants on the server, ${OR_KEY}.`, FAILED);
        }
        if (/verif/i.test(description)) {
            return new failures/* RunStopped */.NL(`Connect could not verify the OIDC token (${said}): check the server's clock and its OIDC issuer settings, ${OR_KEY}.`, FAILED);
        }
        return new failures/* RunStopped */.NL(`No trusted publisher on Connect matches this repository and audience ${audience} (${said}). Check the content's trusted publisher: its audience must be ${audience}, and its repository, workflow and environment must match the job; GitHub's immutable subject claims (repo:owner@id/repo@id) are the usual cause of a mismatch. Or give \`api-key\` (or CONNECT_API_KEY).`, FAILED);
    }
    const detail = [error, description].filter(Boolean).join(': ');
    const said = detail ? `HTTP ${response.status} (${detail})` : (0,http_answer/* failureText */.kY)(response, null);
    return new failures/* RunStopped */.NL(`The token exchange (${call}) answered ${said}; ${OR_KEY}.`, FAILED);
}

;// CONCATENATED MODULE: ./src/vendors/connect/index.ts












const BUNDLE = 'bundle';
const PULL_REQUEST = 'pull-request';
const PULL_EXPECTED = 'the number of a pull request (a positive whole number, as `${{ github.event.pull_request.number }}` gives)';
const connect_TAG = 'tag';
const TAG_EXPECTED = 'job tags of letters, digits and `_` (like run_app)';
const AUDIENCE_TEXT = /^[\x21-\x7e]{1,256}$/;
function connectHeaders(apiKey) {
    return { authorization: `Key ${apiKey}`, accept: 'application/json' };
}
const connect = {
    name: 'posit-connect',
    aliases: ['connect'],
    title: 'Posit Connect',
    apiKeyEnv: 'CONNECT_API_KEY',
    ownInputs: [
        BUNDLE,
        PULL_REQUEST,
        connect_TAG,
        selection/* OLDER_THAN */.Vg,
        CONTENT_TAG,
        CONTENT_NAME,
        AUDIENCE,
        DEPLOYMENT_FILE,
    ],
    example: { target: '951bf3ad-82d0-4bca-bba8-9b27e35c49fa', keys: 'k3sHkEoWJNwQim7g' },
    target: {
        expected: TARGETS_EXPECTED,
        parse: parseTargets,
        unnamed: (given) => commentedTarget(given(PULL_REQUEST)),
    },
    key: {
        one: 'a job key',
        many: 'job keys',
        expected: 'letters, digits, `-` and `_` (like k3sHkEoWJNwQim7g)',
        parse: (token) => (isJobKey(token) ? token : null),
    },
    server: {
        fallback: serverFallback,
        missing: 'Posit Connect needs the server URL (input `server` or env CONNECT_SERVER)',
        apiRoot: (server) => new URL(`${server.replace(/\/__api__$/, '')}/__api__/`),
    },
    locate: (given, env, problems) => locateDeployment({
        target: given(TARGET),
        server: given(SERVER) || serverFallback(env),
        file: given(DEPLOYMENT_FILE),
        path: given(PATH),
        targetNeeded: given(PULL_REQUEST) === '',
    }, env, problems),
    credentials: (apiKey) => [apiKey],
    headers: connectHeaders,
    rows: connectRows,
    configure: (read, context, problems, target) => {
        const pulled = readPullRequest(read, target, context, problems);
        const { bundle, notes } = pulled === undefined
            ? readBundle(read(BUNDLE), target, context, problems)
            : { bundle: pulled, notes: [] };
        const options = {
            bundle,
            tags: readTags(read(connect_TAG), context, problems),
            olderThan: (0,selection/* parseOlderThan */.ty)(read(selection/* OLDER_THAN */.Vg), context, problems),
            content: readContentChoice(read, context, problems, target),
        };
        const targets = target ?? { kind: 'items', items: [] };
        return {
            options,
            client: (http, plan) => new ConnectJobs(http, { ...plan, target: targets }, options),
            keyless: forOneItem(trustedPublishing(readAudience(read(AUDIENCE), problems)), beyondOneItem(target, options.content)),
            notes,
        };
    },
};
const TARGET = 'target';
const SERVER = 'server';
function serverFallback(env) {
    return (env.CONNECT_SERVER ?? '').trim();
}
function readBundle(text, target, context, problems) {
    const items = context.all && target?.kind === 'items' ? target.items : [];
    const drafted = items.filter((item) => item.drafts.length > 0);
    const drafts = drafted.map((item) => `${item.guid} (bundle ${item.drafts.join(', ')})`);
    const [only] = drafted;
    if (text === '' && only !== undefined) {
        if (items.length === 1 && only.drafts.length === 1) {
            const id = only.drafts[0];
            const note = `target is a draft of bundle ${id}: only the jobs on bundle ${id} are selected (\`bundle\` chooses otherwise).`;
            return { bundle: { kind: 'id', id }, notes: [note] };
        }
        const note = `target names drafts of ${(0,shared_text/* someOf */.yU)(drafts)}: of those items only the jobs on those bundles are selected (\`bundle\` chooses otherwise).`;
        return { bundle: { kind: 'drafts' }, notes: [note] };
    }
    if (!(0,selection/* filterAllowed */.ff)(BUNDLE, text, context, problems))
        return { bundle: null, notes: [] };
    const bundle = parseBundle(text);
    if (bundle === null)
        problems.expected(BUNDLE, text, BUNDLE_EXPECTED);
    const notes = drafted.length === 0
        ? []
        : [`target names drafts of ${(0,shared_text/* someOf */.yU)(drafts)}; \`bundle: ${text}\` wins.`];
    return { bundle, notes };
}
function forOneItem(keyless, reach) {
    if (reach === null)
        return keyless;
    const why = `${reach} cannot use Trusted Publishing, which signs in for one content item: give the API key of an account that may see those items`;
    return { ...keyless, unavailable: () => why };
}
function readPullRequest(read, target, context, problems) {
    const text = read(PULL_REQUEST);
    if (text === '')
        return undefined;
    if (!(0,selection/* filterAllowed */.ff)(PULL_REQUEST, text, context, problems))
        return null;
    if (read(BUNDLE) !== '') {
        problems.add(`${PULL_REQUEST}: not with \`${BUNDLE}\`: both choose the bundles whose jobs stop; give one of them`);
    }
    if (target?.kind === 'items' && target.items.some((item) => item.drafts.length > 0)) {
        problems.add(`${PULL_REQUEST}: not with a draft URL in \`${TARGET}\`: both choose the bundles whose jobs stop; give the content item (its GUID) in \`${TARGET}\``);
    }
    if (!/^[1-9]\d{0,9}$/.test(text)) {
        problems.expected(PULL_REQUEST, text, PULL_EXPECTED);
        return null;
    }
    return { kind: 'pull-request', pull: Number(text) };
}
function readAudience(text, problems) {
    if (text === '')
        return DEFAULT_AUDIENCE;
    if (!AUDIENCE_TEXT.test(text)) {
        problems.expected(AUDIENCE, text, "the audience of the content's trusted publisher (printable characters without spaces, like connect)");
    }
    return text;
}
function readTags(text, context, problems) {
    if (!(0,selection/* filterAllowed */.ff)(connect_TAG, text, context, problems))
        return [];
    const { tags, bad } = parseTags(text);
    if (tags.length === 0 && bad.length === 0)
        problems.expected(connect_TAG, text, TAG_EXPECTED);
    if (bad.length > 0) {
        const shown = (0,shared_text/* someOf */.yU)(bad.map(shared_text/* quote */.hD));
        const verb = bad.length === 1 ? 'is not a tag' : 'are not tags';
        problems.add(`${connect_TAG}: ${shown} ${verb}; expected ${TAG_EXPECTED}`);
    }
    return tags;
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/cluster-inputs.ts

const CLUSTERS = 'clusters';
const IDLE_FOR = 'idle-for';
const MODES = ['none', 'emptied', 'idle'];
function parseClusters(read, context, problems) {
    const text = read(CLUSTERS);
    const mode = MODES.find((name) => name === text.toLowerCase()) ?? (text === '' ? 'none' : null);
    const idleFor = read(IDLE_FOR);
    if (mode === null) {
        problems.expected(CLUSTERS, text, '`none`, `emptied` or `idle`');
        return null;
    }
    if (idleFor !== '' && mode !== 'idle') {
        problems.add(`${IDLE_FOR}: only with \`${CLUSTERS}: idle\`; it says how long a cluster has been idle`);
    }
    if (mode === 'emptied' && context.none) {
        problems.add(`${CLUSTERS}: \`emptied\` terminates the clusters of the jobs this run stops, and \`keys: none\` stops none; give keys, or \`${CLUSTERS}: idle\``);
    }
    if (mode === 'none')
        return null;
    if (mode === 'emptied' || idleFor === '')
        return { mode, idleForMs: 0, idleForText: null };
    const duration = (0,selection/* parseDuration */.E9)(idleFor);
    if (duration === null)
        problems.expected(IDLE_FOR, idleFor, selection/* DURATION_EXPECTED */.om);
    return { mode, idleForMs: duration?.ms ?? 0, idleForText: duration?.text ?? null };
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/rows.ts


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
        ...emptyJob(jobIdOf(key) ?? key),
        code: null,
        error: message,
        outcome: 'error',
        page_url: null,
    }),
    keyOf: (row) => String(row.id),
    statusOf: (row) => row.status ?? '',
    withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
};
function accountRows(account) {
    if (account === null)
        return xplentyRows;
    return {
        ...xplentyRows,
        errorRow: (key, message) => ({ ...xplentyRows.errorRow(key, message), account_id: account }),
    };
}
function jobIdOf(value) {
    const id = typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\d{1,16}$/.test(value)
            ? Number(value)
            : NaN;
    return Number.isSafeInteger(id) && id > 0 ? id : null;
}
function emptyJob(id) {
    const job = Object.fromEntries(JOB_FIELDS.map((field) => [field, null]));
    return { ...job, account_id: null, id, status: null };
}
function jobRow(id, job, outcome) {
    const fields = Object.fromEntries(JOB_FIELDS.map((field) => [field, job[field] ?? null]));
    return {
        ...fields,
        account_id: null,
        id,
        status: typeof job.status === 'string' ? job.status : null,
        code: null,
        error: null,
        outcome,
        page_url: rows_jobPage(job.html_url),
    };
}
const PAGE_HOSTS = ['xplenty.com', 'integrate.io'];
function rows_jobPage(value) {
    const url = (0,kit/* httpUrl */.q3)(value);
    if (url === null || url.username || url.password)
        return null;
    const host = url.hostname.toLowerCase();
    return PAGE_HOSTS.some((own) => host === own || host.endsWith(`.${own}`)) ? url.href : null;
}
function jobFacts(row, names, now) {
    const runtime = row.runtime_in_seconds;
    return [
        named('package', row.package_id, names?.package),
        named('cluster', row.cluster_id, names?.cluster),
        (0,kit/* startedFact */.iU)(row.started_at, now),
        typeof runtime === 'number' && runtime >= 0
            ? { label: 'runtime', value: (0,shared_text/* durationText */.S5)(runtime * 1000) }
            : null,
    ].filter((fact) => fact !== null);
}
function named(label, id, name) {
    const fact = (0,kit/* textFact */.yM)(label, id);
    return fact && name ? { label, value: `${fact.value} (${name})` } : fact;
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/answers.ts



function failureRow(id, response) {
    return {
        ...emptyJob(id),
        code: response.status,
        error: xplentyMessage(response),
        outcome: response.status === 404 ? 'not-found' : 'error',
        page_url: null,
    };
}
function xplentyMessage(response) {
    const body = (0,kit/* asRecord */.qY)(response.json);
    const message = body?.message ?? body?.error_message;
    return (0,http_answer/* failureText */.kY)(response, typeof message === 'string' && message !== '' ? message : null);
}
function answers_describeAnswer(response) {
    return `HTTP ${response.status}: ${xplentyMessage(response)}`;
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/accounts.ts






const ALL_ACCOUNTS = 'all';
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const accounts_TARGET_EXPECTED = 'the Xplenty account ID (letters, digits, `-` and `_`); several, separated by commas, spaces or newlines; or `all` for every account of the key';
function parseAccounts(text) {
    const tokens = (0,values/* splitList */.ry)(text);
    const [first] = tokens;
    if (tokens.length === 1 && first !== undefined && /^all$/i.test(first)) {
        return { kind: 'all', text: ALL_ACCOUNTS };
    }
    if (tokens.length === 0)
        return { bad: text };
    const bad = tokens.find((token) => /^all$/i.test(token) || !ACCOUNT_ID.test(token));
    if (bad !== undefined)
        return { bad };
    const ids = [...new Set(tokens)];
    return { kind: 'ids', ids, text: ids.join(',') };
}
function oneAccount(target) {
    return target.kind === 'ids' && target.ids.length === 1 ? (target.ids[0] ?? null) : null;
}
const PAGE_SIZE = 100;
async function listAccounts(http, check, signal) {
    const found = new Map();
    const unusable = [];
    await listPages(http, {
        what: 'the accounts',
        noun: 'account',
        path: 'accounts',
        query: { sort: 'created', direction: 'asc', offset: 0, limit: PAGE_SIZE },
        offset: { param: 'offset', pageSize: PAGE_SIZE },
        check,
        describe: answers_describeAnswer,
        fail: (why) => new failures/* RunStopped */.NL((0,shared_text/* sentence */.em)(`Could not list the accounts of the key: ${why}; nothing was terminated`), 'listing the accounts failed'),
        idOf: (account) => accountIdOf(account.account_id) ?? `not an id: ${(0,kit/* shownValue */.JJ)(account.account_id)}`,
        onItem: (account) => {
            const id = accountIdOf(account.account_id);
            if (id === null)
                unusable.push((0,shared_text/* quote */.hD)((0,shared_text/* oneLine */.TN)((0,kit/* shownValue */.JJ)(account.account_id), 100)));
            else if (!found.has(id))
                found.set(id, accountOf(id, account));
        },
    }, new PageBudget(), signal);
    return { accounts: [...found.values()], unusable };
}
function accountIdOf(value) {
    return typeof value === 'string' && ACCOUNT_ID.test(value) ? value : null;
}
function accountOf(id, account) {
    const { name, running_jobs_count: running } = account;
    return {
        id,
        name: typeof name === 'string' && name.trim() !== '' ? name : null,
        running: typeof running === 'number' && Number.isSafeInteger(running) && running >= 0 ? running : null,
    };
}
function splitKey(key) {
    const slash = key.lastIndexOf('/');
    return slash < 0
        ? { account: '', id: key }
        : { account: key.slice(0, slash), id: key.slice(slash + 1) };
}

// EXTERNAL MODULE: ./src/shared/rows.ts
var rows = __webpack_require__(580);
;// CONCATENATED MODULE: ./src/vendors/xplenty/cluster-rows.ts





const CLUSTER_FIELDS = [
    'id',
    'name',
    'description',
    'status',
    'owner_id',
    'plan_id',
    'nodes',
    'type',
    'created_at',
    'updated_at',
    'available_since',
    'idle_since',
    'terminated_at',
    'running_jobs_count',
    'terminate_on_idle',
    'time_to_idle',
    'terminated_on_idle',
    'region',
    'zone',
    'master_instance_type',
    'slave_instance_type',
    'url',
];
const FREE = new Set(['available', 'idle']);
const GOING = new Set(['pending_terminate', 'terminating']);
const GONE = 'terminated';
function clusterRow(id, cluster, outcome, account) {
    const fields = Object.fromEntries(CLUSTER_FIELDS.map((field) => [field, cluster[field] ?? null]));
    return {
        ...fields,
        id,
        status: typeof cluster.status === 'string' ? cluster.status : null,
        account_id: account,
        code: null,
        error: null,
        outcome,
        page_url: rows_jobPage(cluster.html_url),
    };
}
function emptyCluster(id, account) {
    return { ...clusterRow(0, {}, 'error', account), id };
}
function clusterFailure(id, response, account) {
    return {
        ...emptyCluster(id, account),
        code: response.status,
        error: xplentyMessage(response),
        outcome: response.status === 404 ? 'not-found' : 'error',
    };
}
function clusterRows(accounts) {
    return {
        title: 'Xplenty',
        errorRow: (key, message) => {
            const { account, id } = splitKey(key);
            return { ...emptyCluster(jobIdOf(id) ?? id, account || null), error: message };
        },
        keyOf: (row) => accounts ? `${row.account_id ?? ''}/cluster ${String(row.id)}` : `cluster ${String(row.id)}`,
        statusOf: (row) => row.status ?? '',
        withOutcome: (row, outcome, error) => ({ ...row, outcome, error }),
    };
}
function idleLongEnough(cluster, inputs, now) {
    const since = (0,selection/* timestampMs */.R5)(cluster.idle_since);
    return since !== null && now - since >= inputs.idleForMs && now >= since;
}
function verdict(cluster, inputs, busy, id, now) {
    const status = cluster.status;
    if (status === GONE)
        return { outcome: 'not-active', why: 'already terminated' };
    if (typeof status === 'string' && GOING.has(status)) {
        return { outcome: 'terminating', why: `already ${status}` };
    }
    if (typeof status !== 'string' || !FREE.has(status)) {
        return {
            outcome: 'not-ready',
            why: `status ${JSON.stringify(status ?? null)}: not terminated`,
        };
    }
    if (inputs.mode === 'idle' && (status !== 'idle' || !idleLongEnough(cluster, inputs, now))) {
        const idle = inputs.idleForText === null ? 'idle' : `idle for ${inputs.idleForText}`;
        return { outcome: 'not-idle', why: `no longer ${idle} when read: left alone` };
    }
    if (busy === null)
        return null;
    const running = cluster.running_jobs_count;
    if (running !== 0) {
        const said = typeof running === 'number' ? `${running} running job(s)` : 'no running_jobs_count';
        return { outcome: 'busy', why: `${said}: left alone` };
    }
    if (busy(id)) {
        return {
            outcome: 'busy',
            why: 'an idle, pending or queued job of the account names it: left alone',
        };
    }
    return null;
}
const clusterIdOf = jobIdOf;
function emptiedBy(jobs, dryRun) {
    const ids = new Set();
    for (const job of jobs) {
        const chosen = dryRun ? job.outcome === 'dry-run' : (0,rows/* isAccepted */.oB)(job.outcome);
        const id = clusterIdOf(job.cluster_id);
        if (chosen && id !== null)
            ids.add(id);
    }
    return [...ids];
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/cluster-phase.ts




class XplentyClusterPhase {
    accounts;
    several;
    concurrency;
    budget;
    rows;
    lists = {
        listOf: (row) => row.account_id ?? '',
        cost: (rows) => (rows[0] === undefined ? 0 : this.ofRow(rows[0]).listCost(rows)),
        poll: (rows, signal) => rows[0] === undefined
            ? Promise.resolve({ polls: [], requests: 0 })
            : this.ofRow(rows[0]).listPoll(rows, signal),
    };
    afterJobsStopped;
    constructor(accounts, emptied, several, concurrency, budget) {
        this.accounts = accounts;
        this.several = several;
        this.concurrency = concurrency;
        this.budget = budget;
        this.rows = clusterRows(several);
        this.afterJobsStopped = emptied;
    }
    async choose(jobs, dryRun, signal) {
        const ofAccount = (account) => jobs.filter((row) => row.account_id === account);
        const chosen = await (0,pool/* mapLimited */.b)(this.accounts(), this.concurrency, async (clusters) => {
            const ids = await clusters.choose(ofAccount(clusters.account), dryRun, signal);
            return ids.map((id) => (this.several ? `${clusters.account ?? ''}/${id}` : String(id)));
        });
        return chosen.flat();
    }
    settle(key, dryRun, signal) {
        const { account, id } = this.split(key);
        return this.of(account).settle(id, dryRun, signal);
    }
    poll(row, signal) {
        return this.ofRow(row).poll(row, signal);
    }
    ofRow(row) {
        return this.of(this.several ? (row.account_id ?? '') : null);
    }
    readRateBudget(signal) {
        return this.budget(signal);
    }
    split(key) {
        const { account, id } = splitKey(key);
        const cluster = clusterIdOf(id);
        if (cluster === null || (account === '') === this.several) {
            throw new Error(`not a cluster key of this run: ${(0,shared_text/* quote */.hD)(key)}`);
        }
        return { account: this.several ? account : null, id: cluster };
    }
    of(account) {
        const found = this.accounts().find((clusters) => this.several ? clusters.account === account : true);
        if (found === undefined)
            throw new Error(`not an account of this run: ${(0,shared_text/* quote */.hD)(account ?? '')}`);
        return found;
    }
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/clusters.ts







const clusters_PAGE_SIZE = 100;
const SINCE_MARGIN_MS = 60_000;
const WAITING = ['idle', 'pending', 'queued'];
const ANY = 0;
class ListUnread extends Error {
}
class AccountClusters {
    http;
    inputs;
    account;
    hooks;
    constructor(http, inputs, account, hooks) {
        this.http = http;
        this.inputs = inputs;
        this.account = account;
        this.hooks = hooks;
    }
    waiting = new Set();
    began = Date.now();
    listed = null;
    async choose(jobs, dryRun, signal) {
        const ids = this.inputs.mode === 'emptied'
            ? emptiedBy(jobs, dryRun)
            : await this.idleClusters(Date.now(), signal);
        if (ids.length > 0 && !this.jobsUnasked(dryRun))
            this.waiting = await this.waitingOn(signal);
        return ids;
    }
    jobsUnasked(dryRun) {
        return dryRun && this.inputs.mode === 'emptied';
    }
    async idleClusters(now, signal) {
        const ids = [];
        const left = { young: 0, other: 0 };
        await listPages(this.http, this.list('clusters', { status: 'idle' }, 'cluster', (cluster) => {
            const id = clusterIdOf(cluster.id);
            if (id === null || cluster.status !== 'idle')
                left.other++;
            else if (idleLongEnough(cluster, this.inputs, now))
                ids.push(id);
            else
                left.young++;
        }), new PageBudget(), signal);
        const since = this.inputs.idleForText === null
            ? 'since no known past time'
            : `for ${this.inputs.idleForText} or less, or since no known past time`;
        if (left.young > 0) {
            this.hooks.log(`${this.where()}${left.young} idle cluster(s) idle ${since}: left alone.`);
        }
        if (left.other > 0) {
            this.hooks.log(`${this.where()}${left.other} listed cluster(s) not idle or under an id that is not a whole number: left alone.`);
        }
        return ids;
    }
    async waitingOn(signal) {
        const named = new Set();
        const budget = new PageBudget();
        for (const status of WAITING) {
            const query = { status, sort: 'created', direction: 'asc' };
            const list = this.list('jobs', query, 'job', (job) => {
                const cluster = clusterIdOf(job.cluster_id);
                if (cluster !== null)
                    named.add(cluster);
                else if (job.cluster_id !== null && job.cluster_id !== undefined)
                    named.add(ANY);
            });
            await listPages(this.http, list, budget, signal);
        }
        return named;
    }
    list(path, query, noun, onItem) {
        const what = `the ${query.status} ${noun}s`;
        return {
            what,
            noun,
            path,
            query: { ...query, offset: 0, limit: clusters_PAGE_SIZE },
            offset: { param: 'offset', pageSize: clusters_PAGE_SIZE },
            check: (response, call) => this.hooks.check(response, call),
            describe: answers_describeAnswer,
            fail: (why) => new failures/* RunStopped */.NL((0,shared_text/* sentence */.em)(`${this.where()}Could not list ${what}: ${why}; no cluster was terminated`), `listing ${what} failed`),
            idOf: (item) => (0,kit/* shownValue */.JJ)(item.id),
            onItem,
        };
    }
    async settle(id, dryRun, signal) {
        const read = await this.read(id, signal);
        if ('row' in read)
            return read.row;
        const busy = this.jobsUnasked(dryRun)
            ? null
            : (cluster) => this.waiting.has(cluster) || this.waiting.has(ANY);
        const no = verdict(read.cluster, this.inputs, busy, id, Date.now());
        if (no !== null)
            return { ...clusterRow(id, read.cluster, no.outcome, this.account), error: no.why };
        if (dryRun)
            return clusterRow(id, read.cluster, 'dry-run', this.account);
        return this.terminate(id, signal);
    }
    async read(id, signal) {
        const path = clusterPath(id);
        const response = await this.http.request('GET', path, { signal });
        this.hooks.check(response, `GET ${path}`);
        const cluster = (0,kit/* asRecord */.qY)(response.json);
        if (response.status === 200 && cluster !== null)
            return { cluster };
        return { row: clusterFailure(id, response, this.account) };
    }
    async terminate(id, signal) {
        const path = clusterPath(id);
        const response = await this.http.request('DELETE', path, { signal });
        this.hooks.check(response, `DELETE ${path}`);
        const cluster = (0,kit/* asRecord */.qY)(response.json);
        if ((0,http_answer/* isSuccess */.oJ)(response)) {
            const foreign = this.hooks.foreign(response);
            if (foreign !== null)
                return { ...clusterFailure(id, response, this.account), error: foreign };
            if (cluster === null)
                return { ...emptyCluster(id, this.account), outcome: 'terminated' };
            const outcome = cluster.status === GONE ? 'ended' : 'terminated';
            return clusterRow(id, cluster, outcome, this.account);
        }
        const refused = response.status >= 400 && response.status < 500;
        if (!refused || response.status === 404 || response.status === 429) {
            return clusterFailure(id, response, this.account);
        }
        const now = await this.read(id, signal);
        if ('row' in now)
            return clusterFailure(id, response, this.account);
        const no = verdict(now.cluster, { ...this.inputs, mode: 'emptied' }, null, id, Date.now());
        const outcome = no === null ? 'error' : no.outcome;
        return {
            ...clusterRow(id, now.cluster, outcome, this.account),
            code: response.status,
            error: xplentyMessage(response),
        };
    }
    async listPoll(rows, signal) {
        const since = new Date(this.began - SINCE_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const found = new Map();
        const budget = new PageBudget();
        let count = 0;
        let unread;
        const query = { status: 'all', sort: 'updated', direction: 'desc', since };
        try {
            const list = this.list('clusters', query, 'cluster', (cluster) => {
                count++;
                found.set((0,kit/* shownValue */.JJ)(cluster.id), cluster);
            });
            const fail = (why) => new ListUnread(`could not list the clusters: ${why}`);
            await listPages(this.http, { ...list, fail }, budget, signal);
            this.listed = count;
        }
        catch (error) {
            if (!(error instanceof ListUnread))
                throw error;
            unread = error.message;
        }
        const polls = rows.map((row) => {
            const cluster = found.get((0,kit/* shownValue */.JJ)(row.id));
            return cluster === undefined ? null : this.polled(row, cluster);
        });
        return { polls, requests: budget.pages, ...(unread === undefined ? {} : { unread }) };
    }
    listCost(rows) {
        return Math.max(1, Math.ceil((this.listed ?? rows.length) / clusters_PAGE_SIZE));
    }
    async poll(row, signal) {
        const id = clusterIdOf(row.id);
        if (id === null)
            throw new Error(`not a cluster id: ${(0,kit/* shownValue */.JJ)(row.id)}`);
        const path = clusterPath(id);
        const response = await this.http.request('GET', path, { signal });
        this.hooks.check(response, `GET ${path}`);
        const cluster = (0,kit/* asRecord */.qY)(response.json);
        if (response.status === 200 && cluster !== null && typeof cluster.status === 'string') {
            const fresh = {
                ...clusterRow(id, cluster, row.outcome, this.account),
                page_url: row.page_url,
            };
            return cluster.status === GONE
                ? { ended: true, row: { ...fresh, outcome: 'ended' } }
                : { ended: false, row: fresh, seen: `still ${cluster.status}` };
        }
        if (response.status === 404 && cluster !== null) {
            return { ended: true, row: { ...row, outcome: 'ended' } };
        }
        return { ended: false, row, seen: xplentyMessage(response) };
    }
    polled(row, cluster) {
        const id = clusterIdOf(row.id);
        if (id === null || typeof cluster.status !== 'string')
            return null;
        const fresh = { ...clusterRow(id, cluster, row.outcome, this.account), page_url: row.page_url };
        return cluster.status === GONE
            ? { ended: true, row: { ...fresh, outcome: 'ended' } }
            : { ended: false, row: fresh, seen: `still ${cluster.status}` };
    }
    where() {
        return this.account === null ? '' : `Account ${this.account}: `;
    }
}
function clusterPath(id) {
    return `clusters/${id}`;
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/statuses.ts
const statuses_ACTIVE = ['idle', 'pending', 'queued', 'running'];
const STOPPING = ['pending_stoppage', 'stopping'];
const TERMINAL = new Set(['stopped', 'completed', 'failed']);
function isTerminal(status) {
    return typeof status === 'string' && TERMINAL.has(status);
}
function isStopping(status) {
    return STOPPING.includes(status);
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/jobs-list.ts




const WAITED_ON = [...statuses_ACTIVE, ...STOPPING];
const jobs_list_PAGE_SIZE = 100;
class jobs_list_ListUnread extends Error {
}
class XplentyJobLists {
    http;
    describe;
    check;
    sizes = new Map();
    constructor(http, describe, check) {
        this.http = http;
        this.describe = describe;
        this.check = check;
    }
    listOf() {
        return 'jobs';
    }
    cost(rows) {
        return listedStatuses(rows).reduce((sum, status) => {
            const size = this.sizes.get(status) ?? rows.filter((row) => row.status === status).length;
            return sum + Math.max(1, Math.ceil(size / jobs_list_PAGE_SIZE));
        }, 0);
    }
    async poll(rows, signal) {
        const wanted = new Set(rows.map((row) => String(row.id)));
        const found = new Map();
        const budget = new PageBudget();
        let unread;
        try {
            for (const status of listedStatuses(rows)) {
                const list = waitList(status, wanted, found, this.describe, this.check);
                await listPages(this.http, list, budget, signal);
                this.sizes.set(status, list.count);
            }
        }
        catch (error) {
            if (!(error instanceof jobs_list_ListUnread))
                throw error;
            unread = error.message;
        }
        const polls = rows.map((row) => {
            const job = found.get(String(row.id));
            return job === undefined || typeof row.id !== 'number' ? null : jobs_list_polledJob(row, row.id, job);
        });
        return { polls, requests: budget.pages, ...(unread === undefined ? {} : { unread }) };
    }
}
function listedStatuses(rows) {
    const places = rows.map((row) => WAITED_ON.indexOf(row.status ?? ''));
    return WAITED_ON.slice(places.includes(-1) ? 0 : Math.min(...places));
}
function waitList(status, wanted, found, describe, check) {
    const list = {
        count: 0,
        what: `the ${status} jobs`,
        noun: 'job',
        path: 'jobs',
        query: { status, sort: 'created', direction: 'asc', offset: 0, limit: jobs_list_PAGE_SIZE },
        offset: { param: 'offset', pageSize: jobs_list_PAGE_SIZE },
        check,
        describe,
        fail: (why) => new jobs_list_ListUnread(`could not list the ${status} jobs: ${why}`),
        idOf: (job) => String(jobIdOf(job.id) ?? (0,kit/* shownValue */.JJ)(job.id)),
        onItem: (job, id) => {
            list.count++;
            if (wanted.has(id))
                found.set(id, Object.fromEntries(JOB_FIELDS.map((f) => [f, job[f]])));
        },
    };
    return list;
}
function jobs_list_polledJob(row, id, job) {
    if (typeof job.status !== 'string')
        return null;
    const fresh = jobRow(id, job, row.outcome);
    const page_url = fresh.page_url ?? row.page_url;
    const polled = {
        ...fresh,
        account_id: row.account_id,
        code: row.code,
        error: row.error,
        page_url,
    };
    return isTerminal(job.status)
        ? { ended: true, row: { ...polled, outcome: 'ended' } }
        : { ended: false, row: polled, seen: `still ${job.status}` };
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/selection.ts




const selection_NO_FILTERS = { packageId: null, olderThan: null };
function jobFilters(inputs) {
    const age = inputs.olderThan;
    const asked = asAsked(inputs.packageId);
    return age ? [asked, (0,selection/* olderThan */.W7)(age, (job) => job.started_at)] : [asked];
}
function isActive(status) {
    return statuses_ACTIVE.includes(status);
}
function asAsked(packageId) {
    const outside = packageId === null ? 'not active' : `not active or not of package ${packageId}`;
    const reason = {
        clause: (count) => `${count} ${(0,shared_text.be)(count)} ${outside} (the server listed ${count === 1 ? 'it' : 'them'} all the same)`,
    };
    return {
        keeps: '',
        quiet: true,
        reason,
        leftOut: (job) => isActive(job.status) && (packageId === null || jobIdOf(job.package_id) === packageId)
            ? null
            : reason,
    };
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/client.ts













const client_PAGE_SIZE = 100;
class XplentyJobs extends VendorJobs {
    inputs;
    account;
    rows;
    names = new Map();
    lists = new XplentyJobLists(this.http, answers_describeAnswer, (response, call) => this.stopOnRefusedKey(response, call));
    keyAdvice = 'Check `api-key` or XPLENTY_API_KEY, and that the key belongs to the account in `target`.';
    accountClusters;
    clusters;
    constructor(http, plan, inputs = selection_NO_FILTERS, account = null, ownPhase = true) {
        super(http, plan);
        this.inputs = inputs;
        this.account = account;
        this.rows = accountRows(account);
        const asked = inputs.clusters ?? null;
        this.accountClusters =
            asked === null
                ? null
                : new AccountClusters(http, asked, account, {
                    check: (response, call) => this.stopOnRefusedKey(response, call),
                    foreign: (response) => this.notTheVendors(response),
                    log: (line) => plan.log?.info(line),
                });
        const own = this.accountClusters;
        if (own !== null && ownPhase) {
            const budget = (signal) => this.readRateBudget(signal);
            const emptied = asked?.mode === 'emptied';
            const concurrency = plan.concurrency ?? 8;
            this.clusters = new XplentyClusterPhase(() => [own], emptied, false, concurrency, budget);
        }
    }
    async filters() {
        return jobFilters(this.inputs);
    }
    async activeJobs(signal) {
        const active = new Map();
        const budget = new PageBudget();
        for (const status of statuses_ACTIVE) {
            await listPages(this.http, this.activeList(status, active), budget, signal);
        }
        const byId = ({ row }) => typeof row.id === 'number' ? row.id : Infinity;
        return [...active.values()].sort((a, b) => byId(a) - byId(b));
    }
    activeList(status, active) {
        const { packageId } = this.inputs;
        const query = { status, sort: 'created', direction: 'asc', offset: 0, limit: client_PAGE_SIZE };
        return {
            what: `the ${status} jobs`,
            noun: 'job',
            path: 'jobs',
            query: packageId === null ? query : { ...query, package_id: packageId },
            offset: { param: 'offset', pageSize: client_PAGE_SIZE },
            check: (response, call) => this.stopOnRefusedKey(response, call),
            describe: answers_describeAnswer,
            fail: (why) => new failures/* RunStopped */.NL((0,shared_text/* sentence */.em)(`Could not list the ${status} jobs: ${why}; nothing was terminated`), 'listing the jobs failed'),
            idOf: (job) => String(jobIdOf(job.id) ?? (0,kit/* shownValue */.JJ)(job.id)),
            onItem: (job, key) => {
                if (!isActive(active.get(key)?.job?.status))
                    active.set(key, this.listed(key, job));
            },
        };
    }
    listed(key, job) {
        const id = jobIdOf(job.id);
        const row = id !== null
            ? this.own(jobRow(id, job, 'dry-run'))
            : this.rows.errorRow(key, 'not sent: the server listed this job under an id that is not a whole number from 1 to 2^53 - 1');
        if (id !== null)
            this.names.set(id, { package: nameOf(job.package), cluster: nameOf(job.cluster) });
        const { started_at, status, package_id } = job;
        return { row, job: { started_at, status, package_id } };
    }
    async terminate(key, signal) {
        return this.own(await this.kill(checkedId(key), signal));
    }
    async kill(id, signal) {
        const call = `DELETE ${jobPath(id)}`;
        const response = await this.http.request('DELETE', jobPath(id), { signal });
        if ((0,http_answer/* isSuccess */.oJ)(response))
            return this.orderRow(id, response);
        this.stopOnRefusedKey(response, call, this.own(failureRow(id, response)));
        const refused = response.status >= 400 && response.status < 500;
        if (!refused || response.status === 404 || response.status === 429) {
            return failureRow(id, response);
        }
        const now = await this.http.request('GET', jobPath(id), { signal });
        const current = (0,kit/* asRecord */.qY)(now.json);
        if (now.status !== 200 || !current)
            return failureRow(id, response);
        if (isTerminal(current.status)) {
            return {
                ...jobRow(id, current, 'not-active'),
                code: response.status,
                error: xplentyMessage(response),
            };
        }
        if (isStopping(current.status)) {
            return jobRow(id, current, 'terminated');
        }
        return {
            ...jobRow(id, current, 'error'),
            code: response.status,
            error: xplentyMessage(response),
        };
    }
    orderRow(id, response) {
        const foreign = this.notTheVendors(response);
        if (foreign !== null) {
            const error = foreign;
            return { ...emptyJob(id), code: response.status, error, outcome: 'error', page_url: null };
        }
        const job = (0,kit/* asRecord */.qY)(response.json);
        if (job === null) {
            return { ...emptyJob(id), code: null, error: null, outcome: 'terminated', page_url: null };
        }
        return jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'terminated');
    }
    async inspect(key, signal) {
        const id = checkedId(key);
        const response = await this.http.request('GET', jobPath(id), { signal });
        const job = (0,kit/* asRecord */.qY)(response.json);
        if (response.status === 200 && job) {
            return this.own(jobRow(id, job, isTerminal(job.status) ? 'not-active' : 'dry-run'));
        }
        const failed = this.own(failureRow(id, response));
        this.stopOnRefusedKey(response, `GET ${jobPath(id)}`, failed);
        return failed;
    }
    own(row) {
        return { ...row, account_id: this.account };
    }
    async readRateBudget(signal) {
        const response = await this.http.request('GET', 'rate_limit_status', { signal });
        const limits = (0,kit/* asRecord */.qY)((0,kit/* asRecord */.qY)(response.json)?.limits);
        const [limit, remaining] = [count(limits?.limit), count(limits?.remaining)];
        if (response.status !== 200 || limit === null || remaining === null || remaining > limit) {
            const said = response.status === 200 ? 'no limits in the answer' : answers_describeAnswer(response);
            throw new Error(`GET rate_limit_status answered ${said}`);
        }
        this.http.gate.record({ limit, remaining });
    }
    describeAnswer(response) {
        return answers_describeAnswer(response);
    }
    async log(row, lines, signal) {
        const path = `${jobPath(checkedId(String(row.id)))}/log`;
        const response = await this.http.request('GET', path, { signal });
        const body = (0,kit/* asRecord */.qY)(response.json)?.body;
        if (response.status !== 200 || typeof body !== 'string') {
            return { unavailable: `GET ${path} answered ${answers_describeAnswer(response)}` };
        }
        return { lines: (0,shared_text/* lastLines */.w$)([body], lines) };
    }
    facts(row, now) {
        return jobFacts(row, typeof row.id === 'number' ? this.names.get(row.id) : undefined, now);
    }
    async poll(row, signal) {
        const id = checkedId(String(row.id));
        const response = await this.http.request('GET', jobPath(id), { signal });
        this.stopOnRefusedKey(response, `GET ${jobPath(id)}`);
        const job = (0,kit/* asRecord */.qY)(response.json);
        const polled = response.status === 200 && job ? jobs_list_polledJob(row, id, job) : null;
        if (polled !== null)
            return polled;
        if (response.status === 404 && job !== null) {
            return { ended: true, row: { ...row, status: null, outcome: 'ended' } };
        }
        const said = response.status === 200 ? 'an answer without a job status: ' : '';
        return { ended: false, row, seen: `${said}${xplentyMessage(response)}` };
    }
}
function nameOf(value) {
    const name = (0,kit/* asRecord */.qY)(value)?.name;
    return typeof name === 'string' && name !== '' ? name : null;
}
function count(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}
function jobPath(id) {
    return `jobs/${id}`;
}
function checkedId(key) {
    const id = jobIdOf(key);
    if (id === null)
        throw new Error(`not a job id: ${JSON.stringify(key)}`);
    return id;
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/accounts-jobs.ts










class XplentyAccounts extends VendorJobs {
    inputs;
    target;
    rows;
    lists;
    keyAdvice = 'Check `api-key` or XPLENTY_API_KEY.';
    accounts = new Map();
    unusable = [];
    clusters;
    constructor(http, plan, inputs, target) {
        super(http, plan);
        this.inputs = inputs;
        this.target = target;
        if (target.kind === 'ids') {
            for (const id of target.ids)
                this.open({ id, name: null, running: null });
        }
        const places = () => [...this.accounts.values()].map(({ account }) => ({ id: account.id, title: account.name }));
        this.rows = {
            ...xplentyRows,
            errorRow: (key, message) => {
                const { account, id } = splitKey(key);
                return { ...xplentyRows.errorRow(id, message), account_id: account || null };
            },
            keyOf: (row) => `${row.account_id ?? ''}/${String(row.id)}`,
            groupOf: (row) => row.account_id === null
                ? null
                : {
                    id: row.account_id,
                    title: this.accounts.get(row.account_id)?.account.name ?? null,
                },
            places,
            groupsAre: 'account',
        };
        this.lists = new AccountLists((row) => this.of(row));
        const asked = inputs.clusters ?? null;
        if (asked !== null) {
            const each = () => [...this.accounts.values()].flatMap(({ jobs }) => jobs.accountClusters ?? []);
            const budget = (signal) => this.readRateBudget(signal);
            const emptied = asked.mode === 'emptied';
            const concurrency = plan.concurrency ?? 8;
            this.clusters = new XplentyClusterPhase(each, emptied, true, concurrency, budget);
        }
    }
    open(account) {
        const http = this.http.under(`${encodeURIComponent(account.id)}/api/`);
        const jobs = new XplentyJobs(http, this.plan, this.inputs, account.id, false);
        this.accounts.set(account.id, { account, jobs });
    }
    async prepare(signal) {
        if (this.target.kind === 'all') {
            const call = (response, what) => this.stopOnRefusedKey(response, what);
            const listed = await listAccounts(this.http, call, signal);
            for (const account of listed.accounts)
                this.open(account);
            this.unusable.push(...listed.unusable);
        }
        const shown = [...this.accounts.values()].map(({ account }) => accountText(account));
        const source = this.target.kind === 'all' ? 'of the key' : 'in target';
        this.plan.log?.info(shown.length === 0
            ? 'The key is a member of no account: no job to look at.'
            : `Accounts ${source} (${shown.length}): ${(0,shared_text/* someOf */.yU)(shown, ', ')}.`);
    }
    async filters() {
        return jobFilters(this.inputs);
    }
    async activeJobs(signal) {
        const accounts = [...this.accounts.values()];
        const lists = await (0,pool/* mapLimited */.b)(accounts, this.plan.concurrency ?? 8, async (entry) => {
            try {
                return await entry.jobs.activeJobs(signal);
            }
            catch (error) {
                throw inAccount(entry.account.id, error);
            }
        });
        return lists.flat();
    }
    async terminate(key, signal) {
        const { account, id } = splitKey(key);
        return this.jobsOf(account).terminate(id, signal);
    }
    async inspect(key, signal) {
        const { account, id } = splitKey(key);
        return this.jobsOf(account).inspect(id, signal);
    }
    async poll(row, signal) {
        return this.of(row).poll(row, signal);
    }
    async readRateBudget(signal) {
        const [first] = this.accounts.values();
        if (first !== undefined)
            await first.jobs.readRateBudget(signal);
    }
    async log(row, lines, signal) {
        return this.of(row).log(row, lines, signal);
    }
    facts(row, now) {
        return this.accounts.get(row.account_id ?? '')?.jobs.facts(row, now) ?? [];
    }
    notices() {
        if (this.unusable.length === 0)
            return [];
        const count = this.unusable.length;
        const text = `GET accounts listed ${count} ${count === 1 ? 'entry' : 'entries'} under no account ID (${(0,shared_text/* someOf */.yU)(this.unusable)}): no request names ${count === 1 ? 'it' : 'them'}, so any job of ${count === 1 ? 'it' : 'theirs'} keeps running.`;
        return [{ text, warning: true }];
    }
    describeAnswer(response) {
        return answers_describeAnswer(response);
    }
    of(row) {
        return this.jobsOf(row.account_id ?? '');
    }
    jobsOf(account) {
        const entry = this.accounts.get(account);
        if (entry === undefined)
            throw new Error(`not an account of this run: ${(0,shared_text/* quote */.hD)(account)}`);
        return entry.jobs;
    }
}
class AccountLists {
    of;
    constructor(of) {
        this.of = of;
    }
    listOf(row) {
        return row.account_id ?? '';
    }
    cost(rows) {
        const [first] = rows;
        return first === undefined ? 0 : this.of(first).lists.cost(rows);
    }
    async poll(rows, signal) {
        const [first] = rows;
        if (first === undefined)
            return { polls: [], requests: 0 };
        return this.of(first).lists.poll(rows, signal);
    }
}
function accountText({ id, name, running }) {
    const details = [
        name === null ? null : (0,shared_text/* quote */.hD)(name),
        running === null ? null : `${running} running`,
    ].filter((part) => part !== null);
    return details.length === 0 ? id : `${id} (${details.join(', ')})`;
}
function inAccount(account, error) {
    if (!(error instanceof failures/* RunStopped */.NL))
        return error;
    return new failures/* RunStopped */.NL(`Account ${account}: ${error.message}`, error.reason, error.row, error.headline);
}

;// CONCATENATED MODULE: ./src/vendors/xplenty/index.ts









const WHOLE_NUMBER = /^0*[1-9][0-9]{0,15}$/;
const PACKAGE_ID = 'package-id';
function xplentyHeaders(apiKey) {
    return {
        authorization: `Basic ${basicCredential(apiKey)}`,
        accept: 'application/vnd.xplenty+json; version=2',
    };
}
function basicCredential(apiKey) {
    return Buffer.from(`${apiKey}:`).toString('base64');
}
const xplenty = {
    name: 'xplenty',
    aliases: ['integrate-io'],
    title: 'Xplenty',
    apiKeyEnv: 'XPLENTY_API_KEY',
    ownInputs: [PACKAGE_ID, selection/* OLDER_THAN */.Vg, CLUSTERS, IDLE_FOR],
    example: { target: 'an-account', keys: '305' },
    target: { expected: accounts_TARGET_EXPECTED, parse: parseAccounts },
    key: {
        one: 'a job ID',
        many: 'job IDs',
        expected: 'positive whole numbers (like 305)',
        parse: (token) => wholeNumber(token),
    },
    server: {
        fallback: () => 'https://api.xplenty.com',
        missing: 'Xplenty needs the API base URL',
        apiRoot: (server, target) => {
            const account = oneAccount(target);
            return new URL(account === null ? `${server}/` : `${server}/${encodeURIComponent(account)}/api/`);
        },
    },
    credentials: (apiKey) => [apiKey, `${apiKey}:`, basicCredential(apiKey)],
    headers: xplentyHeaders,
    rows: () => xplentyRows,
    configure: (read, context, problems, target) => {
        const options = {
            packageId: parsePackageId(read(PACKAGE_ID), context.all, problems),
            olderThan: (0,selection/* parseOlderThan */.ty)(read(selection/* OLDER_THAN */.Vg), context, problems),
            clusters: parseClusters(read, context, problems),
        };
        const account = target === null ? null : oneAccount(target);
        if (target !== null && account === null && !context.all && !context.none) {
            problems.add('target: several accounts or `all` go with `keys: all`; a job ID names a job of one account');
        }
        return {
            options,
            withoutJobs: options.clusters?.mode === 'idle',
            client: (http, plan) => target === null || account !== null
                ? new XplentyJobs(http, plan, options, account)
                : new XplentyAccounts(http, plan, options, target),
        };
    },
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
function wholeNumber(text) {
    return WHOLE_NUMBER.test(text) && Number.isSafeInteger(Number(text))
        ? String(Number(text))
        : null;
}

;// CONCATENATED MODULE: ./src/vendors/registry.ts


const VENDORS = [connect, xplenty];
function findVendor(text) {
    const wanted = text.toLowerCase();
    return VENDORS.find((vendor) => vendor.name === wanted || vendor.aliases.includes(wanted));
}


/***/ })

};

//# sourceMappingURL=567.index.js.map