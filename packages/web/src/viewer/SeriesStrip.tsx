import type { Series, Study } from '../api/api-types.js';
import { followLink } from '../app/navigation.js';
import { pathOf } from '../app/routes.js';
import { SeriesThumbnail } from '../projects/SeriesThumbnail.js';
import type { SeriesLocation } from './series-navigation.js';
import './series-strip.css';

export interface SeriesStripProps extends SeriesLocation {
  readonly projectId: string;
  /** The project's studies (useProjectStudies); the strip shows the current study's series. */
  readonly studies: readonly Study[];
  /** A row under the viewer bar, or a column beside the image. Horizontal unless told. */
  readonly orientation?: 'horizontal' | 'vertical';
}

/**
 * The current study's series as thumbnails with modality, description and image count; the open one is
 * marked (aria-current) and scrolled into view, and each is a link to that series, so Tab reaches them and
 * a modified click opens a tab.
 */
export function SeriesStrip(props: SeriesStripProps) {
  const study = props.studies.find((s) => s.studyInstanceUid === props.studyUid);
  if (!study) return null;
  const orientation = props.orientation ?? 'horizontal';
  return (
    <nav
      className={`series-strip ${orientation}`}
      aria-label={`Series of the study${study.description ? ` ${study.description}` : ''}`}
      data-testid="series-strip"
    >
      <ol>
        {study.series.map((series) => {
          const isCurrent = series.seriesInstanceUid === props.seriesUid;
          return (
            <li key={series.id}>
              {/* A plain anchor rather than Link: the open series needs aria-current and a ref. */}
              <a
                href={pathOf({
                  name: 'viewer',
                  projectId: props.projectId,
                  studyUid: study.studyInstanceUid,
                  seriesUid: series.seriesInstanceUid,
                })}
                className="series-strip-item"
                onClick={followLink}
                aria-current={isCurrent ? 'page' : undefined}
                ref={isCurrent ? scrollIntoView : undefined}
              >
                <SeriesCard projectId={props.projectId} studyUid={study.studyInstanceUid} series={series} />
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Attached to the open series' link only, so it runs when the open series changes. */
function scrollIntoView(element: HTMLElement | null): void {
  element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function SeriesCard(props: {
  readonly projectId: string;
  readonly studyUid: string;
  readonly series: Series;
}) {
  const { series } = props;
  const description = series.description || series.seriesInstanceUid;
  return (
    <>
      {/* The card's text names the series; the preview would only repeat it to a screen reader. */}
      <span aria-hidden="true">
        <SeriesThumbnail
          projectId={props.projectId}
          studyUid={props.studyUid}
          seriesUid={series.seriesInstanceUid}
          description={description}
        />
      </span>
      <span className="series-strip-text">
        <span className="series-strip-modality">{series.modality ?? '—'}</span>
        <span className="series-strip-description" title={description}>
          {description}
        </span>
        <span className="muted">
          {series.imageCount} image{series.imageCount === 1 ? '' : 's'}
        </span>
      </span>
    </>
  );
}
