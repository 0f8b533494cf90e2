export { BLAZINGTEXT_DEFAULTS, FASTTEXT_CLI_DEFAULTS, type EncodedTexts, type FastTextParams, type FeaturizerSettings } from './types.js';
export { tokenize, EOS, LABEL_PREFIX, type TokenizeOptions } from './tokenize.js';
export { hashWord } from './hash.js';
export { Dictionary, type DictionaryJSON } from './dictionary.js';
export { trainFastText, accuracy, type TrainOptions } from './train.js';
export { FastTextModel } from './model.js';
export { saveFastTextModel, loadFastTextModel, FASTTEXT_ARTIFACT_VERSION, type FastTextMetadata, type FastTextSaveMeta } from './artifacts.js';
export { toFastTextLine, writeFastTextFile, PredictionFormatter, rankRow, writePredictionsJsonl } from './fasttext-format.js';
export { fileIOHandler, fileLoadRouter } from './tfjs-file-io.js';
