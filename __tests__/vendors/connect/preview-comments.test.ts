// The previews that pull requests' deploy comments name, by connect-actions' own rules
// (deploy/action.yml writes the comment, cleanup-previews/action.yml reads it): who is
// trusted, which server, which content item, which bundles.
import { describe, expect, it } from '@jest/globals';
import type { IssueComment } from '../../../src/github/comments.js';
import { previewBundles } from '../../../src/vendors/connect/preview-comments.js';
import { ACTIONS_BOT, previewComment } from '../../fakes/github.mjs';

const SERVER = 'https://connect.example.com';
const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
const OTHER = '6f0c2d1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

let nextId = 1;
function comment(
  issue: number,
  body: string,
  author = ACTIONS_BOT,
  association = 'NONE',
): IssueComment {
  return { id: nextId++, issue, author, association, body };
}

/** The deploy's comment on pull request `issue` for `bundles` of `guid` on `server`. */
function deploy(issue: number, bundles: string[], guid = GUID, server = SERVER): IssueComment {
  return comment(issue, previewComment({ server, guid, bundles }));
}

const plain = (found: ReturnType<typeof previewBundles>) => ({
  bundles: Object.fromEntries(
    [...found.bundles].map(([guid, byBundle]) => [guid, Object.fromEntries(byBundle)]),
  ),
  ignored: Object.fromEntries(found.ignored),
});

describe('previewBundles', () => {
  it("reads every bundle of a comment's list, not only the newest the URL names", () => {
    const found = previewBundles([deploy(12, ['127016', '127018', '127020'])], SERVER);
    expect(plain(found)).toEqual({
      bundles: { [GUID]: { '127016': [12], '127018': [12], '127020': [12] } },
      ignored: {},
    });
  });

  it('groups by content item and names each pull request a bundle is on once', () => {
    const found = previewBundles(
      [
        deploy(12, ['5', '6']),
        deploy(13, ['6', '7']),
        deploy(12, ['6']),
        deploy(13, ['900'], OTHER.toUpperCase()),
      ],
      SERVER,
    );
    expect(plain(found).bundles).toEqual({
      [GUID]: { '5': [12], '6': [12, 13], '7': [13] },
      [OTHER]: { '900': [13] },
    });
  });

  it("trusts the workflow's bot and OWNER, MEMBER, COLLABORATOR only", () => {
    const body = previewComment({ server: SERVER, guid: GUID, bundles: ['41'] });
    const found = previewBundles(
      [
        comment(1, body, ACTIONS_BOT, 'NONE'),
        comment(2, body, 'maintainer', 'OWNER'),
        comment(3, body, 'colleague', 'MEMBER'),
        comment(4, body, 'helper', 'COLLABORATOR'),
        comment(5, body, 'drive-by', 'CONTRIBUTOR'),
        comment(6, body, 'github-actions', 'NONE'),
        comment(7, body, 'someone[bot]', 'NONE'),
        comment(8, body, '', 'FIRST_TIME_CONTRIBUTOR'),
      ],
      SERVER,
    );
    expect(plain(found)).toEqual({
      bundles: { [GUID]: { '41': [1, 2, 3, 4] } },
      ignored: { 'untrusted author': 4 },
    });
  });

  it('compares the server before /connect/ as origin and path, trailing slashes aside', () => {
    const sub = 'https://example.com/rsc';
    const comments = [
      deploy(1, ['10'], GUID, sub),
      deploy(2, ['11'], GUID, 'https://EXAMPLE.com:443/rsc'),
      deploy(3, ['12'], GUID, 'https://example.com'),
      deploy(4, ['13'], GUID, 'http://example.com/rsc'),
      deploy(5, ['14'], GUID, 'https://example.com.evil.test/rsc'),
      deploy(6, ['15'], GUID, 'https://example.com/rsc/more'),
    ];
    expect(plain(previewBundles(comments, `${sub}///`))).toEqual({
      bundles: { [GUID]: { '10': [1], '11': [2] } },
      ignored: { 'another server': 4 },
    });
    expect(plain(previewBundles(comments, 'not a server')).ignored).toEqual({
      'another server': 6,
    });
  });

  it('takes the preview URL for the bundle when the comment has no list', () => {
    const url = `${SERVER}/connect/#/apps/${GUID}/draft/0127030`;
    const found = previewBundles([comment(9, `**Preview deployed to Connect**: ${url}`)], SERVER);
    expect(plain(found).bundles).toEqual({ [GUID]: { '127030': [9] } });
  });

  it('keeps positive integer ids only, and counts a comment left with none', () => {
    const url = `${SERVER}/connect/#/apps/${GUID}/draft/8`;
    const found = previewBundles(
      [
        comment(1, `Preview deployed to Connect ${url}\n<!-- preview-bundles:0,,0007,8 -->`),
        comment(2, `Preview deployed to Connect ${url}\n<!-- preview-bundles:0,00 -->`),
        comment(
          3,
          `Preview deployed to Connect ${url}\n<!-- preview-bundles:${'9'.repeat(31)} -->`,
        ),
      ],
      SERVER,
    );
    expect(plain(found)).toEqual({
      bundles: { [GUID]: { '7': [1], '8': [1] } },
      ignored: { 'no bundle id': 2 },
    });
  });

  it('counts deploy-looking comments without a preview URL or a content GUID; others not at all', () => {
    const found = previewBundles(
      [
        comment(1, 'Preview deployed to Connect, see the logs'),
        comment(2, `Preview deployed to Connect ${SERVER}/connect/#/apps/not-a-guid/draft/5`),
        comment(3, `Preview deployed to Connect ${SERVER}/connect/#/apps/${GUID}/access`),
        comment(4, `${SERVER}/connect/#/apps/${GUID}/draft/5 <!-- preview-bundles:5 -->`),
        comment(5, 'preview deployed to connect'),
      ],
      SERVER,
    );
    expect(plain(found)).toEqual({
      bundles: {},
      ignored: { 'no preview URL': 2, 'not a content GUID': 1 },
    });
  });

  it('reads the first preview URL of a comment, as cleanup-previews does', () => {
    const body = `Preview deployed to Connect https://evil.test/connect/#/apps/${GUID}/draft/1 ${SERVER}/connect/#/apps/${GUID}/draft/2`;
    expect(plain(previewBundles([comment(1, body)], SERVER)).ignored).toEqual({
      'another server': 1,
    });
  });
});
