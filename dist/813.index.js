export const id = 813;
export const ids = [813];
export const modules = {

/***/ 4813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runnerCore: () => (/* binding */ runnerCore)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);




// The runner's workflow commands and file commands, written as @actions/core 3 writes them
// (lib/command.js, lib/file-command.js, lib/summary.js). Hand-written because @actions/core's
// one public entry also loads its OIDC client, and with it @actions/http-client, the whole
// of undici and @actions/exec: about half the bundle, compiled before the first request
// (bench: start-up 1.3-1.6x the bare fetch program with it, see bench/README.md). Its
// `exports` map hides the files that hold only these commands.
/** `::name::message`, escaped as the runner unescapes it. */
function command(name, message) {
    process.stdout.write(`::${name}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function commandValue(value) {
    if (value === null || value === undefined)
        return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
}
/** `name<<delimiter` blocks in $GITHUB_OUTPUT; a delimiter the value cannot contain. */
function setOutput(name, value) {
    const text = commandValue(value);
    const file = process.env.GITHUB_OUTPUT;
    if (!file) {
        process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
        process.stdout.write(`::set-output name=${escapeProperty(name)}::${escapeData(text)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
        return;
    }
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || text.includes(delimiter)) {
        throw new Error(`Unexpected input: the output contains the delimiter "${delimiter}"`);
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${text}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, 'utf8');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** The part of @actions/core the action uses, for the runner this process runs under. */
const runnerCore = {
    getInput: (name) => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    setSecret: (secret) => command('add-mask', secret),
    setOutput,
    setFailed: (message) => {
        process.exitCode = 1;
        command('error', message);
    },
    info: (message) => {
        process.stdout.write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
    },
    warning: (message) => command('warning', message),
    debug: (message) => command('debug', message),
    summary: {
        addRaw: (text) => ({
            write: async () => {
                const file = process.env.GITHUB_STEP_SUMMARY;
                if (!file)
                    throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY.');
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.appendFile)(file, text, 'utf8');
            },
        }),
    },
};


/***/ })

};

//# sourceMappingURL=813.index.js.map