/**
 * The catalog (issue 8): public medical imaging datasets, annotation tools and learning resources, as
 * checked data files under catalog/, with the schema they are validated by and the search over them.
 */
export type { Catalog } from './catalog.js';
export {
  CATALOG_KINDS,
  type CatalogKind,
  type DatasetEntry,
  datasetEntrySchema,
  type ResourceEntry,
  resourceEntrySchema,
  type ToolEntry,
  toolEntrySchema,
} from './catalog-entry.js';
export * from './catalog-vocabulary.js';
export { SIZE_BUCKETS, type SizeBucket, sizeBucket } from './dataset-size.js';
export { LICENSE_FAMILIES, type LicenseFamily, licenseFamily } from './license-family.js';
export { CatalogFileError, parseCatalogFile } from './parse-catalog-file.js';
export {
  CATALOG_SORTS,
  type CatalogQuery,
  type CatalogSearchResult,
  type CatalogSort,
  DATASET_FACETS,
  type DatasetFacet,
  type DatasetHit,
  facetValues,
  searchCatalog,
} from './search-catalog.js';
export { searchWords } from './search-text.js';
