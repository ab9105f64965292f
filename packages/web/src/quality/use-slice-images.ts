import { useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import type { ImageRecord } from '../api/api-types.js';
import type { Loaded } from '../api/use-api-get.js';
import { loadSeriesFrames } from '../viewer/series-image-ids.js';
import type { QualityItem } from './quality-api.js';
import {
  instanceFrameUrls,
  type PlannedItem,
  planForFormat,
  plannedItem,
  renderedFrameUrls,
  type SliceImages,
  type SlicePlan,
  slicePlan,
} from './slice-images.js';

/**
 * The pictures of an item's slices (see slice-images.ts), loaded once per item. A PNG or JPEG item needs no
 * request at all; a DICOM image item of known dims one (its SOP Instance UID); only a series item, or an
 * image the server knows no grid of, reads the series' metadata.
 */
export function useSliceImages(projectId: string, item: QualityItem): Loaded<SliceImages> {
  const { imageId, studyUid, seriesUid, format, frames } = plannedItem(item);
  const [state, setState] = useState<Loaded<SliceImages>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    const planned: PlannedItem = { imageId, studyUid, seriesUid, format, frames };
    const plan = slicePlan(projectId, planned);
    if (plan.kind === 'ready') {
      setState({ status: 'ready', data: plan.images });
      return;
    }
    setState({ status: 'loading' });
    follow(projectId, planned, plan).then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [projectId, imageId, studyUid, seriesUid, format, frames]);
  return state;
}

/** Carries out a plan that needs the server: at most the image record, then the series metadata if need be. */
async function follow(
  projectId: string,
  item: PlannedItem,
  plan: Exclude<SlicePlan, { kind: 'ready' }>,
): Promise<SliceImages> {
  const series =
    item.studyUid && item.seriesUid
      ? { projectId, studyUid: item.studyUid, seriesUid: item.seriesUid }
      : null;
  if (plan.imageId === null) {
    if (!series) return { kind: 'none', reason: 'The item names neither an image nor a DICOM series.' };
    return { kind: 'slices', urls: renderedFrameUrls(await loadSeriesFrames(series)) };
  }
  const record = await api.get<ImageRecord>(
    `/api/projects/${encodeURIComponent(projectId)}/images/${encodeURIComponent(plan.imageId)}`,
  );
  const next =
    plan.kind === 'record'
      ? planForFormat(
          projectId,
          { imageId: plan.imageId, format: record.format, frames: item.frames },
          !!series,
        )
      : plan;
  if (next.kind === 'ready') return next.images;
  if (!series || !record.sopInstanceUid)
    return { kind: 'none', reason: 'This DICOM image has no series or SOP Instance UID to render it by.' };
  if (next.kind === 'instance')
    return { kind: 'slices', urls: instanceFrameUrls(projectId, series, record.sopInstanceUid, next.frames) };
  const urls = renderedFrameUrls(await loadSeriesFrames(series), record.sopInstanceUid);
  return urls.length > 0
    ? { kind: 'slices', urls }
    : { kind: 'none', reason: 'The series does not list this image.' };
}
