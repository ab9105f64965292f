import { useApiGet } from '../api/use-api-get.js';
import { middleInstance, type QidoInstance } from './middle-instance.js';

export interface SeriesThumbnailProps {
  readonly projectId: string;
  readonly studyUid: string;
  readonly seriesUid: string;
  readonly description: string;
}

/**
 * A series' middle image as the server renders it (WADO-RS rendered, JPEG, the image's own window), so a
 * dataset can be recognised at a glance. Nothing is shown until the series' instances are known.
 */
export function SeriesThumbnail(props: SeriesThumbnailProps) {
  const series = `/dicomweb/projects/${props.projectId}/studies/${props.studyUid}/series/${props.seriesUid}`;
  const instances = useApiGet<QidoInstance[]>(`${series}/instances?includefield=00200013`);
  if (instances.status !== 'ready') return <span className="thumbnail" />;
  const sop = middleInstance(instances.data);
  if (!sop) return <span className="thumbnail" />;
  return (
    <img
      className="thumbnail"
      src={`${series}/instances/${sop}/rendered`}
      alt={`Preview of ${props.description}`}
      loading="lazy"
      width={64}
      height={64}
    />
  );
}
