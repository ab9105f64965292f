import { navigate } from '../app/navigation.js';
import { pathOf } from '../app/routes.js';
import { useGlobalShortcuts } from '../app/use-global-shortcuts.js';
import { SeriesStrip } from './SeriesStrip.js';
import { adjacentSeries } from './series-navigation.js';
import { seriesShortcutBindings } from './series-shortcuts.js';
import { useProjectStudies } from './use-project-studies.js';

/**
 * The study's other series beside the image (click to switch) and the `.`/`,` keys that step through the
 * project's series in project-page order.
 */
export function ViewerSeriesNavigation(props: {
  readonly projectId: string;
  readonly studyUid: string;
  readonly seriesUid: string;
}) {
  const loaded = useProjectStudies(props.projectId);
  const studies = loaded.status === 'ready' ? loaded.data.studies : [];
  useGlobalShortcuts(
    seriesShortcutBindings((delta) => {
      const next = adjacentSeries(studies, props, delta);
      if (next)
        navigate(
          pathOf({
            name: 'viewer',
            projectId: props.projectId,
            studyUid: next.study.studyInstanceUid,
            seriesUid: next.series.seriesInstanceUid,
          }),
        );
    }),
  );
  return <SeriesStrip {...props} studies={studies} orientation="vertical" />;
}
