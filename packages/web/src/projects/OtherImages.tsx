import type { ImagePage, ImageRecord } from '../api/api-types.js';
import { type Loaded, useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { pathOf } from '../app/routes.js';

const LIMIT = 100;

/**
 * The project's NIfTI, PNG and JPEG images (they have no study or series), one list per format that has
 * any; each opens in the viewer.
 */
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
                <ImageThumbnail file={`${base}/${encodeURIComponent(image.id)}/file`} image={image} />{' '}
                <Link to={pathOf({ name: 'image', projectId, imageId: image.id })}>{image.id}</Link>{' '}
                <span className="muted">{[image.modality, sizeOf(image)].filter(Boolean).join(' · ')}</span>
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

/**
 * A PNG or JPEG is its own thumbnail: the browser decodes the stored file, which it may cache for good.
 * A NIfTI would need decoding in the page, too costly for a list; it keeps an empty frame.
 */
function ImageThumbnail({ file, image }: { readonly file: string; readonly image: ImageRecord }) {
  if (image.format !== 'png' && image.format !== 'jpeg') return <span className="thumbnail" />;
  return (
    <img
      className="thumbnail"
      src={file}
      alt={`Preview of ${image.id}`}
      loading="lazy"
      width={64}
      height={64}
    />
  );
}

/** "64 × 64 × 35" from the geometry the import recorded, when it has one. */
function sizeOf(image: ImageRecord): string | undefined {
  const dims = (image as { readonly geometry?: { readonly dims?: unknown } }).geometry?.dims;
  if (!Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) return undefined;
  return (dims[2] === 1 ? dims.slice(0, 2) : dims).join(' × ');
}
