import { RunStopped } from '../../shared/failures.js';
import type { Listed } from '../../shared/selection.js';
import { someOf, sentence } from '../../shared/text.js';
import type { Notice } from '../vendor.js';
import { draftsPossible } from './bundles.js';
import type { PreviewSources } from './previews.js';
import type { ConnectRow } from './rows.js';
import type { ScanPlan } from './scan.js';

// `pull-request` with no content item given (no `target`, no deployment file): the items are
// the ones that pull request's trusted deploy comments name on this server, read by the same
// rules that judge the bundles (preview-comments.ts), in the same one read of the comments.
// Other servers' items are never contacted: a comment naming one is left out by those rules.

/** Lists the items' active jobs; those whose scan fails so are `spare`d (scan.ts). */
export type ScanItems = (
  guids: string[],
  spare: ScanPlan['spare'],
) => Promise<Listed<ConnectRow>[]>;

/**
 * The active jobs of the items pull request #`pull`'s deploy comments name (the comments of
 * `sources`, read once for the run), and what people should know: none named; with a
 * `keyless` key (Trusted Publishing's, for one content item), the items it may not reach,
 * which are said and not touched. Comments that cannot be read stop the run: which items to
 * stop cannot be told, and the user asked for them. Without drafts there is nothing to find.
 */
export async function listCommented(
  pull: number,
  sources: PreviewSources,
  keyless: boolean,
  scan: ScanItems,
): Promise<{ listed: Listed<ConnectRow>[]; notices: Notice[] }> {
  if (!draftsPossible(sources.version) || !sources.comments) return { listed: [], notices: [] };
  const found = await sources.comments();
  if ('unreadable' in found) {
    const fix = found.fix || 'give the job `permissions: pull-requests: read`';
    throw new RunStopped(
      `Could not tell which content items hold the previews of #${pull}: no content item is given (\`target\` or a deployment file), and ${sentence(found.unreadable)} Nothing was terminated. ${fix.charAt(0).toUpperCase()}${fix.slice(1)}, or give the content item in \`target\`.`,
      `the previews of #${pull} could not be told`,
    );
  }
  const guids = [...found.bundles.keys()];
  if (guids.length === 0) {
    const text = `No trusted deploy comment of #${pull} names a content item on ${sources.server}: no previews to stop.`;
    return { listed: [], notices: [{ text, warning: false }] };
  }
  const items = guids.length === 1 ? 'content item' : 'content items';
  sources.log?.info(
    `The deploy comments of #${pull} name ${items} ${someOf(guids)} on this server.`,
  );
  // An item deleted since holds nothing to stop (the scan's line names it); a keyless key's
  // refusals are the items it is not for.
  const unreached: string[] = [];
  const listed = await scan(guids, {
    kinds: keyless ? ['gone', 'forbidden'] : ['gone'],
    unreached,
  });
  if (!keyless || unreached.length === 0) return { listed, notices: [] };
  const them = unreached.length === 1 ? 'it' : 'them';
  const text = `Content ${someOf(unreached)}, named by the deploy comments of #${pull}, not touched: the key of the keyless sign-in is for one content item and may not reach ${them}; the API key of an account that may see ${them} stops ${unreached.length === 1 ? 'its' : 'their'} previews too.`;
  return { listed, notices: [{ text, warning: false }] };
}
