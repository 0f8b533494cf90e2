import { decideOnGpuError, type OnGpuError } from './gpu-errors.js';
import type { GpuWatch } from './gpu-watch.js';

export interface GpuFallbackState {
  /** set once a GPU failure moved the run to the CPU; later work goes straight there */
  onCpu: boolean;
}

export interface GpuFallbackContext {
  policy: OnGpuError;
  /** our backend name, for messages */
  backend: string;
  /** shared by everything in one run, so one failure moves all later work to the CPU */
  state: GpuFallbackState;
  watch?: GpuWatch | null;
  /** prints the one-time warning (stderr in the CLI) */
  warn: (message: string) => void;
}

/**
 * Runs `onGpu`, or `onCpu` once a GPU failure happened. A GPU failure during `onGpu` either throws
 * GpuFailureError (exit 74; policy `fail`) or warns once and reruns the same work with `onCpu`
 * (policy `cpu`). Errors that are not GPU failures pass through unchanged. For the encoder and the
 * TF.js classifiers alike.
 */
export async function withGpuFallback<T>(ctx: GpuFallbackContext, during: string, onGpu: () => Promise<T>, onCpu: () => Promise<T>): Promise<T> {
  if (ctx.state.onCpu) return onCpu();
  try {
    const out = await onGpu();
    // A device lost or an uncaptured out-of-memory error may show only on the watch.
    const watched = ctx.watch?.failure() ?? null;
    if (watched) throw new Error(watched.message);
    return out;
  } catch (err) {
    const decision = decideOnGpuError(err, ctx.policy, ctx.backend, during, ctx.watch?.failure() ?? null);
    if (decision.action === 'rethrow') throw err;
    if (decision.action === 'fail') throw decision.error;
    if (!ctx.state.onCpu) ctx.warn(decision.warning);
    ctx.state.onCpu = true;
    return onCpu();
  }
}
