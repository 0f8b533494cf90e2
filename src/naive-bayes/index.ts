export { hashTerms, type HashedText, type NaiveBayesFeatureSettings } from './features.js';
export { NaiveBayesFeaturizer, NaiveBayesModel, type TermSource } from './model.js';
export { TermCache } from './term-cache.js';
export { complementKernel, trainNaiveBayes } from './train.js';
export { NAIVE_BAYES_DEFAULTS, type NaiveBayesParams } from './types.js';
export { loadNaiveBayesModel, saveNaiveBayesModel, featurizerFromJSON, NAIVE_BAYES_ARTIFACT_VERSION, type NaiveBayesFeaturizerJSON, type NaiveBayesMetadata } from './artifacts.js';
