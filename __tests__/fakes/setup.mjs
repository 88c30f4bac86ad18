// What the tests, the benchmark and the demo share about using a fake: the inputs that point
// the action at it, and one way to close everything that was started.

/**
 * What every fake server says about itself: the vendor it plays, the target it serves, where
 * it listens and the key it accepts.
 * @typedef {{ vendor: string, target: string, server: string, apiKey: string }} Fake
 */

/**
 * The action inputs (action.yml names) that point at a started fake: its vendor, target,
 * server and key. `overrides` win, so a test can add keys or swap the server for a proxy.
 * @param {Fake} fake  what a fake's start function returned
 * @param {Record<string, string>} [overrides]
 * @returns {Record<string, string>}
 */
export function inputsFor(fake, overrides = {}) {
  const { vendor, target, server, apiKey } = fake;
  return { vendor, target, server, 'api-key': apiKey, ...overrides };
}

/**
 * Keeps what a test file or a tool starts (fakes, proxies, clients) and closes it all at once:
 * `afterEach(open.closeAll)` in tests, `finally` in tools.
 */
export function openSet() {
  /** @type {{ close(): Promise<unknown> }[]} */
  const open = [];
  return {
    /**
     * @template {{ close(): Promise<unknown> }} T
     * @param {T | Promise<T>} started
     * @returns {Promise<T>}
     */
    async keep(started) {
      const ready = await started;
      open.push(ready);
      return ready;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((item) => item.close()));
    },
  };
}

/**
 * Starts a fake, hands it to `body`, and closes it however `body` ends.
 * @template {{ close(): Promise<unknown> }} F, R
 * @param {Promise<F>} started
 * @param {(fake: F) => Promise<R>} body
 * @returns {Promise<R>}
 */
export async function withFake(started, body) {
  const fake = await started;
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}
