import { useApiGet } from '../../api/use-api-get.js';
import { Link } from '../../app/Link.js';
import type { Member } from '../../projects/member-types.js';
import { type AuthorBanner, authorHeadline } from './author-filter.js';

/**
 * Says, over the annotation panel, that the viewer shows one author's annotations only (`?author=`), and
 * links to everyone's. For the consensus it also says that edits change the consensus, that new shapes stay
 * the reviewer's own (the server makes the caller the author), and links back to the review screen.
 */
export function AuthorFilterBanner(props: { readonly projectId: string; readonly banner: AuthorBanner }) {
  const { banner } = props;
  return (
    <div className="author-filter-banner" role="status" data-kind={banner.kind}>
      {banner.kind === 'consensus' ? (
        <>
          <strong>
            Consensus of the readers — your edits change the consensus (then accept it in the review screen).
          </strong>{' '}
          New shapes you draw are yours, not part of the consensus.
        </>
      ) : (
        <AuthorHeadline projectId={props.projectId} authorId={banner.authorId} />
      )}
      <span className="author-filter-links">
        {banner.kind === 'consensus' && banner.reviewPath && (
          <Link to={banner.reviewPath}>← Back to the review screen</Link>
        )}
        <Link to={banner.everyonePath}>Show everyone's annotations</Link>
      </span>
    </div>
  );
}

/** The author's display name comes from the members list (managers and reviewers may read it). */
function AuthorHeadline(props: { readonly projectId: string; readonly authorId: string }) {
  const members = useApiGet<{ members: Member[] }>(
    `/api/projects/${encodeURIComponent(props.projectId)}/members`,
  );
  const name =
    members.status === 'ready'
      ? (members.data.members.find((m) => m.userId === props.authorId)?.displayName ?? null)
      : null;
  return <strong>{authorHeadline(name)}</strong>;
}
