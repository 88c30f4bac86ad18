import { messageOf } from '../shared/failures.js';
import type { ActionsCore } from '../shared/log.js';
import {
  acceptedOrders,
  groupRows,
  isFailure,
  type JobRow,
  type Outcome,
  type RowFormat,
  type RowGroup,
} from '../shared/rows.js';
import { CELL_LIMIT, MESSAGE_LIMIT } from '../shared/text.js';
import { element, Html, join, link, text, words, type Content } from './html.js';
import { clusterSection, type ClusterSheet } from './clusters.js';
import { logSection } from './log-blocks.js';
import { LOOKS, sizeOf, type Sheet, type Shown, type SummaryContext } from './sheet.js';

/** Rows shown in the summary at most; every row is in `results-file`. */
export const SUMMARY_ROW_LIMIT = 500;
/**
 * GitHub refuses a step summary over 1 MiB. Cells are capped (text.ts), so 500 rows fit in
 * about 600 kB even when every character needs an entity; this budget is the backstop, and
 * logs are left out before any row.
 */
export const SUMMARY_BUDGET_BYTES = 768 * 1024;

const ORDER = Object.keys(LOOKS) as Outcome[];

/**
 * The job summary as HTML: a heading that says what happened, where, the counts, one table of
 * the jobs (failures first, each linked to its page) and the last log lines of some of them.
 * Every piece of outside text passes through the text guard (html.ts); the whole stays under
 * SUMMARY_BUDGET_BYTES, logs going before rows.
 */
export function summaryHtml<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
  context: SummaryContext,
  clusters: ClusterSheet | null = null,
): string {
  const groups = groupRows(format, rows);
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

/** The summary of a run whose inputs were refused: what was wrong and which inputs. */
export function inputErrorHtml(problems: readonly string[], inputs: readonly string[]): string {
  const what = problems.length === 1 ? 'an invalid input' : `${problems.length} input problems`;
  const parts = [
    element('h2', [`❌ Step failed: ${what}, nothing was sent`]),
    element('p', [
      join([
        'Inputs to check: ',
        join(
          inputs.map((name) => element('code', [name])),
          ', ',
        ),
      ]),
    ]),
    element(
      'ul',
      problems.map((problem) => element('li', [words(problem, MESSAGE_LIMIT)])),
    ),
  ];
  return `${parts.map((part) => part.text).join('\n')}\n`;
}

function heading(
  title: string,
  rows: readonly JobRow[],
  context: SummaryContext,
  clusters: readonly JobRow[],
): Html {
  if (context.stopped !== null) {
    const why = words(context.stoppedBecause ?? context.stopped, MESSAGE_LIMIT);
    return element('h2', ['❌ Step failed: ', why, stopLeft(rows).heading]);
  }
  const dry = context.dryRun ? 'Dry run: ' : '';
  // A run of clusters alone (`keys: none`, or no job active) says what it did to them.
  const [shown, noun] =
    rows.length === 0 && clusters.length > 0 ? [clusters, 'cluster'] : [rows, 'job'];
  const counts = countsByOutcome(shown);
  if (counts.length === 0) return element('h2', [`➖ ${dry}no active jobs on ${title}`]);
  const phrases = counts.map(
    ([outcome, count], i) =>
      `${count} ${i === 0 ? `${noun}${count === 1 ? '' : 's'} ` : ''}${phraseOf(outcome, noun)}`,
  );
  const marker = shown.some((row) => isFailure(row.outcome)) ? '❌' : '✅';
  return element('h2', [`${marker} ${dry}${phrases.join(', ')} on ${title}`]);
}

/** An outcome in the heading's words; a cluster is terminated, not stopped. */
function phraseOf(outcome: Outcome, noun: string): string {
  if (noun === 'cluster' && outcome === 'terminated') return 'told to terminate';
  if (noun === 'cluster' && outcome === 'ended') return 'terminated';
  if (noun === 'cluster' && outcome === 'dry-run') return 'would be terminated';
  return LOOKS[outcome].phrase;
}

/** Where (host, target, run), how the run signed in, what it chose, why it stopped, the counts. */
function overview(rows: readonly JobRow[], context: SummaryContext): Html[] {
  const where: Content[] = [];
  if (context.host) where.push(join(['Server ', element('code', [context.host])]));
  where.push(join(['target ', link(context.targetPage, [element('code', [context.target])])]));
  if (context.runUrl) where.push(link(context.runUrl, ['workflow run']));
  const parts = [element('p', [join(where, ' · ')])];
  if (context.signedIn) parts.push(element('p', [words(context.signedIn, MESSAGE_LIMIT)]));
  if (context.selection) {
    parts.push(element('p', ['Selection: ', words(context.selection, MESSAGE_LIMIT), '.']));
  }
  for (const notice of context.notices ?? []) {
    parts.push(
      element('p', [element('strong', ['Left running:']), ' ', words(notice, MESSAGE_LIMIT)]),
    );
  }
  if (context.stopped) {
    const why = words(context.stopped, MESSAGE_LIMIT);
    parts.push(element('p', [element('strong', [stopLeft(rows).label]), ' ', why]));
  }
  const counts = countsByOutcome(rows).map(
    ([outcome, count]) => `${LOOKS[outcome].marker} ${count} ${outcome}`,
  );
  if (counts.length > 0) parts.push(element('p', [join(counts, ' · ')]));
  return parts;
}

/**
 * What a stopped run left done, for its heading and the label of why it stopped: nothing
 * terminated, or how many kill orders were accepted; plain when an order sent but never
 * answered may have been carried out.
 */
function stopLeft(rows: readonly JobRow[]): { heading: string; label: string } {
  const accepted = acceptedOrders(rows);
  if (accepted === 'none') {
    return { heading: ', nothing was terminated', label: 'Stopped before any job was terminated:' };
  }
  if (accepted === null) return { heading: '', label: 'Stopped:' };
  const orders = accepted === 1 ? '1 kill order was' : `${accepted} kill orders were`;
  return { heading: ` after ${orders} accepted`, label: `Stopped after ${orders} accepted:` };
}

/** The table of jobs within `budget` bytes, and a note for the rows it leaves out. */
function jobTable<Row extends JobRow>(
  { format, jobs, context }: Sheet<Row>,
  budget: number,
): Html[] {
  if (jobs.length === 0) return [];
  const header = element(
    'tr',
    ['Outcome', 'Job', 'Status', 'Facts', 'Message'].map((name) => element('th', [name])),
  );
  const lines = [Html.trusted('<table>'), header];
  // The closing tag and the note on what is left out are kept room for.
  let left = budget - sizeOf(lines) - 200;
  for (const { row } of jobs.slice(0, SUMMARY_ROW_LIMIT)) {
    const line = jobRow(format, row, context);
    if ((left -= line.bytes + 1) < 0) break;
    lines.push(line);
  }
  const shown = lines.length - 2;
  lines.push(Html.trusted('</table>'));
  if (jobs.length > shown) {
    const more = jobs.length - shown;
    lines.push(
      element('p', [
        `${more} more row(s) are in the `,
        element('code', ['results-file']),
        ' output.',
      ]),
    );
  }
  return lines;
}

function jobRow<Row extends JobRow>(
  format: RowFormat<Row>,
  row: Row,
  context: SummaryContext,
): Html {
  const facts = (context.facts?.(row) ?? []).map((fact) => `${fact.label} ${fact.value}`);
  const cells: Content[] = [
    `${LOOKS[row.outcome].marker} ${row.outcome}`,
    link(row.page_url, [format.keyOf(row)]),
    format.statusOf(row),
    facts.join(' · '),
    words(row.error ?? '', CELL_LIMIT),
  ];
  return element(
    'tr',
    cells.map((cell) => element('td', [cell])),
  );
}

/** The outcomes present and their counts, failures first. */
function countsByOutcome(rows: readonly JobRow[]): [Outcome, number][] {
  const counts = new Map<Outcome, number>();
  for (const row of rows) counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
  return ORDER.filter((outcome) => counts.has(outcome)).map((o) => [o, counts.get(o) as number]);
}

/** The rows, failures first, otherwise in their order. */
function failuresFirst<Row extends JobRow>(rows: readonly Row[]): Shown<Row>[] {
  const shown = rows.map((row, index) => ({ row, index }));
  return [
    ...shown.filter(({ row }) => isFailure(row.outcome)),
    ...shown.filter(({ row }) => !isFailure(row.outcome)),
  ];
}

/**
 * Failures first; with several places of the target (content items), each place's rows
 * together, places in the order of their first row; otherwise the rows' order.
 */
function inOrder<Row extends JobRow>(
  format: RowFormat<Row>,
  rows: readonly Row[],
  groups: readonly RowGroup<Row>[] | null,
): Shown<Row>[] {
  const shown = failuresFirst(rows);
  if (groups === null) return shown;
  const place = new Map(groups.map((group, order) => [group.id, order]));
  // Rows of no known place come after every place's.
  const placeOf = (row: Row): number => place.get(format.groupOf?.(row)?.id ?? '') ?? groups.length;
  const failed = (row: Row): number => (isFailure(row.outcome) ? 0 : 1);
  return [...shown].sort(
    (a, b) => failed(a.row) - failed(b.row) || placeOf(a.row) - placeOf(b.row) || a.index - b.index,
  );
}

/** Places shown in the table of them at most. */
const GROUP_LIMIT = 100;

/** The places of the target (content items) with their titles and counts, when several. */
function itemTable<Row extends JobRow>(
  groups: readonly RowGroup<Row>[] | null,
  noun: string,
): Html[] {
  if (groups === null) return [];
  const place = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  const names = [place, 'Title', 'Jobs', 'Kill orders accepted', 'Failures'];
  const lines = [
    element('p', [`${groups.length} ${noun}(s):`]),
    Html.trusted('<table>'),
    element(
      'tr',
      names.map((name) => element('th', [name])),
    ),
  ];
  for (const { id, title, rows, counts } of groups.slice(0, GROUP_LIMIT)) {
    const cells = [id, title ?? '', rows.length, counts.terminated, counts.failed];
    lines.push(
      element(
        'tr',
        cells.map((cell) => element('td', [text(String(cell), CELL_LIMIT)])),
      ),
    );
  }
  lines.push(Html.trusted('</table>'));
  if (groups.length > GROUP_LIMIT) {
    const more = `${groups.length - GROUP_LIMIT} more ${noun}(s); every row is in the `;
    lines.push(element('p', [more, element('code', ['results-file']), ' output.']));
  }
  return lines;
}

/** The job summary is a courtesy: outside a runner (no summary file) or on a full disk, skip it. */
export async function writeSummary(
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  html: string,
): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(html).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${messageOf(error)}`);
  }
}
