import { AlLabelError, EXIT } from '../errors.js';

/** An encoder folder or file we cannot use: the message names the file and what it must hold (exit 65). */
export class EncoderFormatError extends AlLabelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('encoder-format', message, EXIT.dataError, options);
  }
}
