import type { ImagePage } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';

/** The formats listed apart from DICOM studies (they have no study or series). */
const OTHER_FORMATS = ['nifti', 'png', 'jpeg'] as const;

/** The project's NIfTI, PNG and JPEG images, one list per format that has any. */
export function OtherImages({ projectId }: { readonly projectId: string }) {
  return (
    <section aria-labelledby="other-images-title">
      <h2 id="other-images-title">Other images</h2>
      {OTHER_FORMATS.map((format) => (
        <FormatImages key={format} projectId={projectId} format={format} />
      ))}
    </section>
  );
}

function FormatImages(props: { readonly projectId: string; readonly format: string }) {
  const base = `/api/projects/${encodeURIComponent(props.projectId)}/images`;
  const loaded = useApiGet<ImagePage>(`${base}?format=${props.format}&limit=100`);
  if (loaded.status === 'failed')
    return (
      <p className="error" role="alert">
        {loaded.message}
      </p>
    );
  if (loaded.status !== 'ready' || loaded.data.total === 0) return null;
  const { images, total } = loaded.data;
  return (
    <>
      <h3>
        {props.format.toUpperCase()} <span className="muted">({total})</span>
      </h3>
      <ul className="plain">
        {images.map((image) => (
          <li key={image.id}>
            <a href={`${base}/${encodeURIComponent(image.id)}/file`}>{image.id}</a>{' '}
            <span className="muted">{image.modality ?? ''}</span>
          </li>
        ))}
      </ul>
      {total > images.length && <p className="muted">and {total - images.length} more</p>}
    </>
  );
}
