import type { DatasetEntry, ResourceEntry, ToolEntry } from './catalog-entry.js';

/** The whole catalog: public datasets, annotation tools and learning resources. */
export interface Catalog {
  readonly datasets: readonly DatasetEntry[];
  readonly tools: readonly ToolEntry[];
  readonly resources: readonly ResourceEntry[];
}
