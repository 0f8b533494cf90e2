import { homedir } from "node:os";
import { UsageError } from "../../errors.js";
import type { EncoderIdentity } from "../../encoder-head/artifacts.js";
import { defaultCacheDir } from "../../encoders/cache-dir.js";
import { ENCODER_NONE, encoderDir, loadEncoder } from "../../encoders/load.js";
import { isStaticFolder } from "../../encoders/static/folder.js";
import { selectEncoderBackend } from "../../backends/encoder-backend.js";
import { withGpuFallback } from "../../backends/gpu-fallback.js";
import { activateCpuBackend } from "../../backends/load.js";
import type { OnGpuError } from "../../backends/gpu-errors.js";
import type { EngineChoice } from "../../backends/types.js";
import { encodeTexts, type TextVectors } from "../../encoders/text-vectors.js";
import type { TransformerEncoderOptions } from "../../encoders/transformer/load.js";
import type { TextEncoder } from "../../encoders/types.js";
import { cacheFor } from "../../encoders/vector-cache.js";
import type { Manifest } from "../../manifest/types.js";
import type { Reporter } from "../../report/reporter.js";
import type { WorkState } from "../../state/types.js";

export interface RunVectors {
  vectors: TextVectors;
  identity: EncoderIdentity;
}

export function identityOf(e: TextEncoder): EncoderIdentity {
  return { kind: e.kind, name: e.name, contentHash: e.contentHash, dim: e.dim };
}

/**
 * The encoder a run uses, checked against the one its work dir started with (by content hash, so a
 * changed folder or an upgraded shipped default is caught too), and the vectors of every manifest
 * text. A work dir made before encoders existed resumes without one. Sets state.encoder on a new
 * work dir; the caller saves the state.
 */
export async function prepareRunVectors(
  value: string,
  given: boolean,
  state: WorkState,
  manifest: Manifest,
  opts: { cacheDir?: string; threads: number; reporter: Reporter; manifestArg: string; engine: EngineChoice; backend?: string; onGpuError?: OnGpuError },
): Promise<RunVectors | null> {
  const fresh = state.rounds.length === 0 && state.encoder === undefined;
  const stored = fresh ? undefined : (state.encoder ?? null);
  if (stored === null && !fresh) {
    if (given && value !== ENCODER_NONE) throw new UsageError(`${opts.manifestArg}: this work dir was started without an encoder (n-gram models only); --encoder ${value} would change the models mid-run. Run without --encoder to go on, or start a new work dir (--workdir) to use it`);
    state.encoder = null;
    return null;
  }
  const { runtime, gpu } = await transformerRuntime(value, opts);
  const encoder = await loadEncoder(value, runtime);
  const identity = encoder ? identityOf(encoder) : null;
  if (stored !== undefined && stored !== null && (identity === null || identity.contentHash !== stored.contentHash)) {
    encoder?.dispose();
    const now = identity ? `--encoder ${value} is ${identity.kind} encoder "${identity.name}" (content ${identity.contentHash.slice(0, 12)})` : `--encoder ${value} means no encoder`;
    throw new UsageError(
      `${opts.manifestArg}: this work dir was started with ${stored.kind} encoder "${stored.name}" (content ${stored.contentHash.slice(0, 12)}); ${now}. ` +
        `Its models and calibration belong to the first one: run with --encoder <the folder of that encoder> to go on, or start a new work dir (--workdir) to use this one` +
        (value === "default" ? " (the shipped default changed with an al-label upgrade?)" : ""),
    );
  }
  state.encoder = identity;
  if (!encoder) return null;
  let active: TextEncoder = encoder; // the CPU runtime's, after a GPU failure under --on-gpu-error cpu
  try {
    const cacheDir = opts.cacheDir ?? defaultCacheDir(process.env, process.platform, homedir());
    const cache = await cacheFor(active, cacheDir);
    const texts = manifest.rows.map((r) => r.text);
    const started = performance.now();
    const encodeAll = (e: TextEncoder) =>
      encodeTexts(e, texts, {
        cache,
        onProgress: (done, total, fromCache) => opts.reporter.step(`encoding texts with ${e.name}: ${done} of ${total}${fromCache > 0 ? ` (${fromCache} from the cache)` : ""}`),
      });
    const vectors = gpu
      ? // on a GPU: a failure stops the run (exit 74) or, with --on-gpu-error cpu, the CPU runtime encodes
        // what the cache does not hold yet (every finished batch was checked and cached)
        await withGpuFallback(
          { policy: opts.onGpuError ?? "fail", backend: gpu, state: { onCpu: false }, warn: (m) => opts.reporter.warn(m) },
          `encoding texts with ${active.name}`,
          () => encodeAll(active),
          async () => {
            active.dispose();
            // TF.js (the encoder's CPU runtime when onnxruntime-node is missing) leaves the failed GPU too
            if (runtime.tf) await activateCpuBackend(runtime.tf);
            active = (await loadEncoder(value, { threads: opts.threads })) as TextEncoder; // the same folder: never null
            return encodeAll(active);
          },
        )
      : await encodeAll(active);
    if (active.kind === "transformer") opts.reporter.info(`encoded ${vectors.size} distinct texts with ${active.name} in ${((performance.now() - started) / 1000).toFixed(1)} s (cache: ${cacheDir})`);
    return { vectors, identity: identityOf(active) };
  } finally {
    active.dispose();
  }
}

/**
 * A transformer folder's forward pass runs on a GPU backend whenever one is usable (--engine auto,
 * or --backend naming one), else on its CPU runtime (onnxruntime-node, else TF.js); a static encoder
 * or "none" probes nothing.
 */
async function transformerRuntime(
  value: string,
  opts: { threads: number; reporter: Reporter; engine: EngineChoice; backend?: string },
): Promise<{ runtime: TransformerEncoderOptions; gpu: string | null }> {
  const dir = encoderDir(value);
  if (dir === null || (await isStaticFolder(dir))) return { runtime: { threads: opts.threads }, gpu: null };
  const gpu = await selectEncoderBackend({ engine: opts.engine, ...(opts.backend !== undefined ? { backend: opts.backend } : {}) });
  opts.reporter.info(gpu.why);
  return gpu.backend ? { runtime: { runtime: "tfjs", tf: gpu.backend.tf }, gpu: gpu.backend.name } : { runtime: { threads: opts.threads }, gpu: null };
}
