/** Revision history of an article: the list with author and time, and a side-by-side comparison with restore. */
import type { Article } from '../articles/article.js';
import type { Revision } from '../articles/article-store.js';
import type { NewsroomViewer } from '../http/newsroom-plugin.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { ActionButton } from './newsroom-layout.js';
import { type DiffRow, diffLines, hasChanges } from './revision-diff.js';

/** The list of revisions, newest first. */
export function RevisionListPage(props: {
  article: Article;
  revisions: Revision[];
  names: Map<number, string>;
  timeZone: string;
}): SafeHtml {
  const { article } = props;
  return (
    <>
      <h1>Revisions of “{article.headline}”</h1>
      <p>
        <a href={`/newsroom/articles/${article.id}/edit`}>← Back to the editor</a>
      </p>
      <p>Every save is kept. Compare one with the current version, and restore it if you need to.</p>
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Saved</th>
            <th scope="col">By</th>
            <th scope="col">Headline then</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {props.revisions.map((r, i) => (
            <tr>
              <td>{formatDateTime(r.createdAt, props.timeZone)}</td>
              <td>{r.userId !== null ? (props.names.get(r.userId) ?? 'A former user') : 'Import'}</td>
              <td>{r.headline}</td>
              <td>
                {i === 0 ? (
                  'Current'
                ) : (
                  <a href={`/newsroom/articles/${article.id}/revisions/${r.id}`}>Compare with current</a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function DiffTable(props: { caption: string; rows: DiffRow[] }): SafeHtml {
  return (
    <table class="diff">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">This revision</th>
          <th scope="col">Current version</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr class={`diff-${row.kind}`}>
            <td>
              {row.left !== null ? (
                row.kind === 'removed' || row.kind === 'changed' ? (
                  <del>{row.left || ' '}</del>
                ) : (
                  row.left
                )
              ) : null}
            </td>
            <td>
              {row.right !== null ? (
                row.kind === 'added' || row.kind === 'changed' ? (
                  <ins>{row.right || ' '}</ins>
                ) : (
                  row.right
                )
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One revision against the current version, side by side. */
export function RevisionComparePage(props: {
  viewer: NewsroomViewer;
  article: Article;
  revision: Revision;
  author: string;
  timeZone: string;
  mayRestore: boolean;
}): SafeHtml {
  const { article, revision } = props;
  const headline = diffLines(revision.headline, article.headline);
  const dek = diffLines(revision.dek, article.dek);
  const body = diffLines(revision.bodySource, article.bodySource);
  const same = !hasChanges(headline) && !hasChanges(dek) && !hasChanges(body);
  return (
    <>
      <h1>Compare revisions</h1>
      <p>
        <a href={`/newsroom/articles/${article.id}/revisions`}>← All revisions</a>
      </p>
      <p>
        Revision saved {formatDateTime(revision.createdAt, props.timeZone)} by {props.author}, against the
        current version.
      </p>
      {same ? <p class="notice">The text of this revision is the same as the current version.</p> : null}
      <DiffTable caption="Headline" rows={headline} />
      <DiffTable caption="Dek" rows={dek} />
      <DiffTable caption="Body" rows={body} />
      {props.mayRestore ? (
        <ActionButton
          action={`/newsroom/articles/${article.id}/revisions/${revision.id}/restore`}
          label="Restore this revision"
          csrfToken={props.viewer.csrfToken}
          fields={{ version: article.version }}
          confirm="Replace the current headline, dek, body and excerpt with this revision?"
        />
      ) : null}
    </>
  );
}
