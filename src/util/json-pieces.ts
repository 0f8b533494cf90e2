import { open } from "node:fs/promises";
import { writePieces } from "./buffered-write.js";

/** Array elements per piece: large enough that pieces are few, small enough that each is a few hundred KB. */
const ELEMENTS_PER_PIECE = 16_384;

/**
 * JSON.stringify(value) as a sequence of pieces whose concatenation is exactly that text (pure):
 * long arrays are cut into slices of ELEMENTS_PER_PIECE elements, so a model's 800,000 hashed terms
 * and idf weights never exist as one 20 MB string. Plain objects and arrays only are walked; anything
 * else (numbers, strings, objects with toJSON) is stringified whole, as JSON.stringify would.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length <= ELEMENTS_PER_PIECE) {
      yield JSON.stringify(value);
      return;
    }
    yield "[";
    for (let i = 0; i < value.length; i += ELEMENTS_PER_PIECE) {
      // JSON.stringify of a slice writes each element as the whole array's would (null for undefined)
      const slice = JSON.stringify(value.slice(i, i + ELEMENTS_PER_PIECE));
      yield (i > 0 ? "," : "") + slice.slice(1, -1);
    }
    yield "]";
    return;
  }
  if (isPlainObject(value)) {
    yield "{";
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue; // left out, as by JSON.stringify
      yield `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonPieces(v);
    }
    yield "}";
    return;
  }
  yield JSON.stringify(value);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Writes JSON.stringify(value) to `path` (replacing it) from jsonPieces, about a megabyte per write. */
export async function writeJsonInPieces(path: string, value: unknown): Promise<void> {
  const fh = await open(path, "w");
  try {
    await writePieces(fh, jsonPieces(value));
  } finally {
    await fh.close();
  }
}
