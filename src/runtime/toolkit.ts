// What the action runs on, loaded as one chunk of dist/ once the signal handlers are in place:
// @actions/core (whose OIDC client's http-client imports all of undici) and undici's proxy
// agent for the action's own requests. In one chunk, undici is there once, and ncc's
// licenses.txt lists every package (with the two in chunks of their own, it left out
// @actions/exec, @actions/http-client and @actions/io: scripts/check-licenses.mjs caught it).
export * as core from '@actions/core';
export { EnvHttpProxyAgent } from 'undici';
