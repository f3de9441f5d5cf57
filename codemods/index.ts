/**
 * `retort/codemods`: the codemod transforms and runner as a library — the registry, and
 * `transformFiles()` to rewrite files in memory (the CLI is `retort-codemod`).
 */
export { TRANSFORMS, MANUAL, PENDING, selectTransforms, transformByName } from './transforms/registry';
export type { TransformInfo, ManualEntry, ManualSite, TypedContext, TypedTransformFn, SyntaxTransformFn, SiteSink, TextEdit, TransformModule } from './transforms/types';
export { transformFiles } from './run/api';
export type { TransformFilesOptions } from './run/api';
export type { FileResult, SiteReport } from './run/process-files';
