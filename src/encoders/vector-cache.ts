import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { IoError } from '../errors.js';
import { readRecords, recordBytes, writeRecord } from './cache-records.js';
import { defaultCacheDir, encoderCacheDir } from './cache-dir.js';
import type { TextEncoder } from './types.js';
import { quantizeRow } from './quantized-vectors.js';

/** What a cache folder says of itself; a folder whose meta disagrees with the encoder is not read. */
interface CacheMeta {
  contentHash: string;
  dim: number;
  format: 'al-label vector cache: 16-byte sha256 prefix, float32 LE scale, int8 x dim';
  version: 1;
}

/**
 * The on-disk vector cache of one encoder, shared by every work dir and process: append-only files
 * of fixed-size records (cache-records.ts), one file per writing process so parallel runs never
 * interleave bytes. A kill leaves at most a torn tail, which readers skip; a text cached twice is
 * harmless. Nothing is ever rewritten, so a reader never sees a half-written file replace a whole one.
 */
export class VectorCache {
  private readonly dir: string;
  private readonly file: string;

  private constructor(
    cacheDir: string,
    contentHash: string,
    private readonly dim: number,
  ) {
    this.dir = encoderCacheDir(cacheDir, contentHash);
    this.file = join(this.dir, `${process.pid}-${randomBytes(4).toString('hex')}.bin`);
  }

  static async open(cacheDir: string, contentHash: string, dim: number): Promise<VectorCache> {
    const cache = new VectorCache(cacheDir, contentHash, dim);
    const metaPath = join(cache.dir, 'meta.json');
    const meta: CacheMeta = { contentHash, dim, format: 'al-label vector cache: 16-byte sha256 prefix, float32 LE scale, int8 x dim', version: 1 };
    try {
      await mkdir(cache.dir, { recursive: true });
      const existing = await readFile(metaPath, 'utf8').catch(() => null);
      if (existing === null) await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n', { flag: 'wx' }).catch(ignoreExists);
      else {
        const got = JSON.parse(existing) as Partial<CacheMeta>;
        if (got.dim !== dim || got.contentHash !== contentHash || got.version !== 1) {
          throw new IoError(`${metaPath} describes ${got.dim}-dimensional vectors of encoder ${String(got.contentHash)}, not ${dim} of ${contentHash}; remove ${cache.dir} to rebuild it`);
        }
      }
    } catch (err) {
      if (err instanceof IoError) throw err;
      throw new IoError(`cannot use the vector cache at ${cache.dir}: ${err instanceof Error ? err.message : String(err)} (choose another with --cache-dir)`, { cause: err });
    }
    return cache;
  }

  /**
   * Reads every record whose text hash is in `wanted` (hash key -> row), handing each to `found`
   * once per row. Returns how many rows were found and how many torn bytes were skipped.
   */
  async lookup(wanted: Map<string, number>, found: (row: number, scale: number, q: Int8Array) => void): Promise<{ hits: number; tornBytes: number }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.bin')).sort();
    } catch {
      return { hits: 0, tornBytes: 0 };
    }
    const seen = new Set<number>();
    let torn = 0;
    for (const name of names) {
      const buf = await readFile(join(this.dir, name));
      torn += readRecords(buf, this.dim, (key, scale, q) => {
        const row = wanted.get(key);
        if (row === undefined || seen.has(row)) return;
        seen.add(row);
        found(row, scale, q);
      });
    }
    return { hits: seen.size, tornBytes: torn };
  }

  /** Appends the vectors of one encoded batch (row-major, hashes.length x dim). */
  async append(hashes: readonly Uint8Array[], vectors: Float32Array): Promise<void> {
    const size = recordBytes(this.dim);
    const buf = Buffer.alloc(hashes.length * size);
    const q = new Int8Array(this.dim);
    for (let i = 0; i < hashes.length; i++) {
      const scale = quantizeRow(vectors, i * this.dim, this.dim, q);
      writeRecord(buf, i * size, hashes[i]!, scale, q, this.dim);
    }
    try {
      await appendFile(this.file, buf);
    } catch (err) {
      throw new IoError(`cannot write the vector cache ${this.file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}

function ignoreExists(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EEXIST') throw err;
}

/**
 * The cache an encoder's vectors go through: a transformer's, in `cacheDir` (default: the user's
 * cache folder); none for a static encoder, which encodes as fast as a cache reads.
 */
export async function cacheFor(encoder: TextEncoder, cacheDir?: string): Promise<VectorCache | null> {
  if (encoder.kind !== 'transformer') return null;
  return VectorCache.open(cacheDir ?? defaultCacheDir(process.env, process.platform, homedir()), encoder.contentHash, encoder.dim);
}
