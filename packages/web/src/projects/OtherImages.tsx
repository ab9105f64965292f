import type { ImagePage } from '../api/api-types.js';
import { type Loaded, useApiGet } from '../api/use-api-get.js';

const LIMIT = 100;

/** The project's NIfTI, PNG and JPEG images (they have no study or series), one list per format that has any. */
export function OtherImages({ projectId }: { readonly projectId: string }) {
  const base = `/api/projects/${encodeURIComponent(projectId)}/images`;
  const formats: [string, Loaded<ImagePage>][] = [
    ['NIfTI', useApiGet<ImagePage>(`${base}?format=nifti&limit=${LIMIT}`)],
    ['PNG', useApiGet<ImagePage>(`${base}?format=png&limit=${LIMIT}`)],
    ['JPEG', useApiGet<ImagePage>(`${base}?format=jpeg&limit=${LIMIT}`)],
  ];
  const failed = formats.find(([, loaded]) => loaded.status === 'failed')?.[1];
  if (failed?.status === 'failed')
    return (
      <p className="error" role="alert">
        {failed.message}
      </p>
    );
  const shown = formats.flatMap(([name, loaded]) =>
    loaded.status === 'ready' && loaded.data.total > 0 ? [{ name, page: loaded.data }] : [],
  );
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="other-images-title">
      <h2 id="other-images-title">Other images</h2>
      {shown.map(({ name, page }) => (
        <div key={name}>
          <h3>
            {name} <span className="muted">({page.total})</span>
          </h3>
          <ul className="plain">
            {page.images.map((image) => (
              <li key={image.id}>
                <a href={`${base}/${encodeURIComponent(image.id)}/file`}>{image.id}</a>{' '}
                <span className="muted">{image.modality ?? ''}</span>
              </li>
            ))}
          </ul>
          {page.total > page.images.length && (
            <p className="muted">and {page.total - page.images.length} more</p>
          )}
        </div>
      ))}
    </section>
  );
}
