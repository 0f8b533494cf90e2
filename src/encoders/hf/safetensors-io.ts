import { readFile, writeFile } from 'node:fs/promises';
import { EncoderFormatError } from '../errors.js';
import { SafetensorsFile, serializeSafetensors, type TensorToWrite } from './safetensors.js';

export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new EncoderFormatError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  return SafetensorsFile.parse(bytes, path);
}

export async function writeSafetensors(path: string, tensors: Record<string, TensorToWrite>, metadata?: Record<string, string>): Promise<void> {
  await writeFile(path, serializeSafetensors(tensors, metadata));
}
