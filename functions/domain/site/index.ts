/** The public showcase: rendering (pure, deterministic) and the plan of a publication. */
export {
  renderSite,
  fileOf,
  PAGE_PATHS,
  CACHE_CONTROL,
  ASSETS_PREFIX,
  type RenderedSite,
  type SiteFile,
  type SiteInput,
  type SitePhase,
} from './render.ts';
export {
  planPublication,
  fileHash,
  cdnPaths,
  MANIFEST_PATH,
  ASSET_GRACE_MS,
  MAX_INVALIDATION_PATHS,
  type Manifest,
  type PublicationPlan,
} from './diff.ts';
