import { IoError } from '../errors.js';

/** What went wrong on a GPU: memory ran out, the device was lost (driver reset, GPU removed), or Dawn reported an internal error. */
export type GpuFailureKind = 'out-of-memory' | 'device-lost' | 'gpu-error';

/** `--on-gpu-error`: stop (exit 74, the default) or finish the run on the CPU. */
export const ON_GPU_ERROR = ['fail', 'cpu'] as const;
export type OnGpuError = (typeof ON_GPU_ERROR)[number];

const OOM = /out of memory|out-of-memory|\boom\b|outofmemory|failed to allocate|allocation (of .* )?failed|resource_exhausted|CUDA_ERROR_OUT_OF_MEMORY|VK_ERROR_OUT_OF_DEVICE_MEMORY|GPUOutOfMemoryError|exceeds? (the )?max(imum)? (buffer|storage buffer binding) size|larger than the max(imum)? (buffer|storage buffer binding) size/i;
const LOST = /device (was |is |has been )?lost|\] is lost|DEVICE_LOST|VK_ERROR_DEVICE_LOST|context lost|GPU (was |has been )?(removed|reset)|CUDA_ERROR_(LAUNCH_FAILED|ILLEGAL_ADDRESS)/i;
const DAWN_INTERNAL = /GPUInternalError|GPUValidationError|Dawn .*error|\[Device\]/;

/**
 * Is this error a GPU failure, and which? Reads the error's name, message and its causes (TF.js and
 * Dawn wrap errors), so it works on what TF.js throws as well as on errors a GPU watch records.
 * Any other error (a bug, bad data, a full disk) gives null and is handled as before.
 */
export function classifyGpuError(err: unknown): GpuFailureKind | null {
  if (err instanceof GpuFailureError) return err.kind;
  for (let e: unknown = err, depth = 0; e != null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = describe(e);
    if (OOM.test(text)) return 'out-of-memory';
    if (LOST.test(text)) return 'device-lost';
    if (DAWN_INTERNAL.test(text)) return 'gpu-error';
  }
  return null;
}

function describe(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) {
    const { name, message, reason } = e as { name?: string; message?: string; reason?: string };
    return [name, reason, message].filter(Boolean).join(': ');
  }
  return String(e);
}

const WHAT: Record<GpuFailureKind, string> = {
  'out-of-memory': 'ran out of memory',
  'device-lost': 'was lost (driver reset or device removed)',
  'gpu-error': 'reported an internal error',
};

/**
 * A GPU failure that stops the run: exit 74 like any other I/O failure. The loop writes its state
 * atomically at the end of each round, so nothing finished is lost and the next run resumes.
 */
export class GpuFailureError extends IoError {
  readonly kind: GpuFailureKind;
  readonly backend: string;
  constructor(kind: GpuFailureKind, backend: string, during: string, cause: unknown) {
    const first = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    super(
      `the GPU (${backend} backend) ${WHAT[kind]} while ${during}: ${first}. Nothing finished is lost: the last completed round is saved and \`al-label run\` with the same arguments resumes from it. ` +
        (kind === 'out-of-memory' ? 'Use a smaller batch (e.g. the encoder batch size), ' : '') +
        'run again with --on-gpu-error cpu to finish on the CPU when the GPU fails, or with --engine cpu to leave the GPU alone.',
      { cause },
    );
    this.kind = kind;
    this.backend = backend;
  }
}

export type GpuErrorDecision = { action: 'rethrow' } | { action: 'fail'; error: GpuFailureError } | { action: 'cpu'; kind: GpuFailureKind; warning: string };

/**
 * What to do with an error thrown by work on a GPU backend. Not a GPU failure: rethrow it as it
 * is. A GPU failure: stop with GpuFailureError (exit 74) under `fail`, or go on on the CPU under
 * `cpu` (with a warning to print once). `watched` is what a device watch recorded meanwhile
 * (device.lost, uncaptured errors): it counts even when the thrown error says nothing of the GPU.
 */
export function decideOnGpuError(err: unknown, policy: OnGpuError, backend: string, during: string, watched: { kind: GpuFailureKind; message: string } | null = null): GpuErrorDecision {
  const kind = classifyGpuError(err) ?? watched?.kind ?? null;
  if (kind === null) return { action: 'rethrow' };
  const cause = classifyGpuError(err) === null && watched ? new Error(watched.message, { cause: err }) : err;
  const error = err instanceof GpuFailureError ? err : new GpuFailureError(kind, backend, during, cause);
  if (policy === 'fail') return { action: 'fail', error };
  return { action: 'cpu', kind, warning: `warning: the GPU (${backend} backend) ${WHAT[kind]} while ${during}; going on on the CPU for the rest of this run (--on-gpu-error cpu). Scores may differ from the GPU's in the last digits.` };
}
