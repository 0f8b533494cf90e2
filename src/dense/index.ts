export { DENSE_DEFAULTS, type CsrRows, type DenseParams, type FeatureMode, type TermDictionary } from './types.js';
export { DenseTermCache } from './term-cache.js';
export { DenseFeaturizer, csrToDense, terms, type DenseFeaturizerJSON } from './featurizer.js';
export { DenseModel, type DenseWeights } from './model.js';
export { trainDense, type DenseTrainOptions } from './train.js';
export { saveDenseModel, loadDenseModel, DENSE_ARTIFACT_VERSION, type DenseMetadata, type DenseSaveMeta } from './artifacts.js';
export { denseLayersModelJSON } from './layers-json.js';
