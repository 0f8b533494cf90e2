import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { io } from '@tensorflow/tfjs-core';

/**
 * A `file://` IOHandler for pure @tensorflow/tfjs in Node, which (unlike tfjs-node) ships none:
 * `tf.loadLayersModel(fileIOHandler('file:///models/x/model.json'))`, or register it with
 * `tf.io.registerLoadRouter((url) => fileLoadRouter(url))` to use the URL string directly.
 * Type-only import, so this module does not load TF.js itself.
 */
export function fileIOHandler(url: string): io.IOHandler {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return {
    async load(): Promise<io.ModelArtifacts> {
      const json = JSON.parse(await readFile(path, 'utf8')) as { modelTopology: object; weightsManifest: io.WeightsManifestConfig; format?: string; generatedBy?: string; convertedBy?: string | null };
      const specs: io.WeightsManifestEntry[] = [];
      const chunks: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) chunks.push(await readFile(join(dirname(path), p)));
      }
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let o = 0;
      for (const c of chunks) {
        all.set(c, o);
        o += c.byteLength;
      }
      return { modelTopology: json.modelTopology, weightSpecs: specs, weightData: all.buffer, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy };
    },
  };
}

/** For `tf.io.registerLoadRouter`: handles `file://` URLs, declines everything else. */
// TF.js asks every registered router and takes the first that does not return null, though its
// IORouter type leaves null out: hence the cast.
export function fileLoadRouter(url: string | string[]): io.IOHandler {
  return typeof url === 'string' && url.startsWith('file://') ? fileIOHandler(url) : (null as unknown as io.IOHandler);
}
