/** model.zip (and, later, project.zip): versioned, validated, the same in Node and the browser. */
export { readModelZip, writeModelZip, trainingConfigSchema, type ModelBundle, type WriteModelInput } from './model-zip';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, modelManifestSchema, type ModelManifest } from './model-manifest';
export { BundleError, isSafePath } from './zip-safety';
