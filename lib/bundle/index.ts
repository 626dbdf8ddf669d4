/**
 * model.zip: versioned, validated, the same in Node and the browser.
 *
 * project.zip (project-zip.ts, project-manifest.ts) is imported from its own modules, not from
 * here: it reads the notebook's schemas from lib/sync, whose `@/` imports the CLI (tsx, run from
 * any folder) cannot resolve, and the CLI imports this index.
 */
export { readModelZip, writeModelZip, trainingConfigSchema, type ModelBundle, type WriteModelInput } from './model-zip';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, modelManifestSchema, type ModelManifest } from './model-manifest';
export { BundleError, isSafePath } from './zip-safety';
