// Only the undici modules a request uses, loaded by the transport at the first request as one
// chunk: undici's entry loads and compiles all of undici (fetch, WebSocket, caches, mocks),
// about a third of the action's start-up.
import api from 'undici/lib/api/index.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';

// As undici's entry does: every dispatcher gets the API methods (request, connect, ...). The
// proxy agent opens HTTPS tunnels with `connect`, which only this puts on its pool.
Object.assign(Dispatcher.prototype, api);

export { EnvHttpProxyAgent };
