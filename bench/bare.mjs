// The floors of the benchmark: the smallest Node programs that send the same requests as the
// action in a case, with Node's own fetch and nothing else (no retries, no checks, no log).
// bench.mjs runs them side by side with the action, spawned the same way; what the action
// takes beyond them is its own cost. The job is in $BENCH_BARE as JSON: { mode, ... }.
import { appendFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const job = JSON.parse(process.env.BENCH_BARE ?? '{}');
const headers = job.headers ?? {};

/** Runs `work` over 0..count-1 with `limit` at once. */
async function pool(count, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

async function call(method, url) {
  const response = await fetch(url, { method, headers });
  return response.json();
}

/** A page of a list and whether the server names a next one (RFC 8288 `Link`). */
async function page(url) {
  const response = await fetch(url, { headers });
  const next = /rel="?next"?/.test(response.headers.get('link') ?? '');
  return { jobs: await response.json(), next };
}

const modes = {
  /** Connect: server_settings, then a DELETE per job key, `concurrency` at once. */
  async kill({ api, guid, keyPrefix, count, concurrency }) {
    await call('GET', `${api}server_settings`);
    await pool(count, concurrency, (i) =>
      call('DELETE', `${api}v1/content/${guid}/jobs/${keyPrefix}${String(i).padStart(5, '0')}`),
    );
  },

  /**
   * A DELETE per job URL, then each job polled at its URL every `intervalMs` (from send to
   * send) until its status is one of `ended`; `concurrency` requests at most in flight, as the
   * action. Xplenty: `jobs/{id}`; Connect: `v1/content/{guid}/jobs/{key}`.
   */
  async poll({ urls, ended, concurrency, intervalMs }) {
    await pool(urls.length, concurrency, (i) => call('DELETE', urls[i]));
    let free = concurrency;
    const queue = [];
    const limited = async (url) => {
      if (free === 0) await new Promise((resolve) => queue.push(resolve));
      else free--;
      try {
        return await call('GET', url);
      } finally {
        if (queue.length > 0) queue.shift()();
        else free++;
      }
    };
    await Promise.all(
      urls.map(async (url) => {
        for (;;) {
          const sent = Date.now();
          const { status } = await limited(url);
          if (ended.includes(status)) return;
          await sleep(sent + intervalMs - Date.now());
        }
      }),
    );
  },

  /**
   * Xplenty dry-run: lists the active statuses in pages of 100 while a page names a next one
   * (the statuses side by side),
   * keeps the same fields per job, and writes the same outputs, results file and summary as
   * the action, each the plain way (one JSON.stringify of all rows for the file).
   */
  async list({ api, dropped }) {
    const rows = new Map();
    await Promise.all(
      ['idle', 'pending', 'queued', 'running'].map(async (status) => {
        for (let offset = 0; ; offset += 100) {
          const query = `status=${status}&sort=created&direction=asc&offset=${offset}&limit=100`;
          const { jobs, next } = await page(`${api}jobs?${query}`);
          for (const found of jobs) {
            const row = { ...found, code: null, error: null, outcome: 'dry-run' };
            for (const name of dropped) delete row[name];
            rows.set(found.id, row);
          }
          if (!next || jobs.length < 100) return;
        }
      }),
    );
    writeRows(
      [...rows.values()].sort((a, b) => a.id - b.id),
      (row) => row.id,
    );
  },

  /**
   * Connect `target: all` dry-run: the content list, then each item's jobs, `concurrency`
   * items at once (1: one after another, as the existing clients scan), and the same outputs.
   */
  async scan({ api, concurrency }) {
    const items = await call('GET', `${api}v1/content`);
    const rows = [];
    await pool(items.length, concurrency, async (i) => {
      const guid = items[i].guid;
      for (const found of await call('GET', `${api}v1/content/${guid}/jobs`)) {
        if (found.status !== 0) continue;
        const fields = { app_id: Number(found.app_id), app_guid: guid, job_key: found.key };
        rows.push({
          ...fields,
          job_id: found.id,
          result: null,
          code: null,
          error: null,
          outcome: 'dry-run',
        });
      }
    });
    writeRows(rows, (row) => row.job_key);
  },
};

/**
 * As the action: every row in a file (results-file), `results` with the rows that fit in
 * 800,000 bytes, the counts, and a summary table of the first 500 rows.
 */
function writeRows(rows, keyOf) {
  const file = `${process.env.RUNNER_TEMP}/results.json`;
  writeFileSync(file, JSON.stringify(rows));
  let size = 2;
  const fits = rows.filter((row) => (size += JSON.stringify(row).length + 1) <= 800_000);
  const output = (name, value) => `${name}<<EOF_bench\n${value}\nEOF_bench\n`;
  appendFileSync(
    process.env.GITHUB_OUTPUT,
    output('results', JSON.stringify(fits)) +
      output('results-file', file) +
      output('terminated', 0) +
      output('failed', 0),
  );
  const cells = rows
    .slice(0, 500)
    .map(
      (row) =>
        `<tr><td>${keyOf(row)}</td><td>dry-run</td><td>${row.status ?? ''}</td><td></td></tr>`,
    );
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, `<table>\n${cells.join('\n')}\n</table>\n`);
}

await modes[job.mode](job);
