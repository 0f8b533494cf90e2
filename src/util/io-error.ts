import { classifyGpuError, GpuFailureError } from "../backends/gpu-errors.js";
import { AlLabelError, IoError } from "../errors.js";

/** errno codes that mean "the file system said no", not "al-label has a bug". */
const FS_CODES = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO", "EISDIR", "ENOTDIR", "EEXIST", "ENOENT", "EMFILE", "ENFILE", "ENAMETOOLONG", "EFBIG", "ETXTBSY", "EBUSY"]);

/**
 * Turns a raw file-system error that escaped from deeper code (a model save, a report file) into
 * an IoError (exit 74) that says what failed and that the saved state is intact: every state write
 * is atomic, so whatever step failed, state.json holds the last step that finished.
 */
export function asIoError(err: unknown, stateFile: string): unknown {
  if (err instanceof AlLabelError) return err;
  // A GPU that ran out of memory or was lost, thrown past the per-model fallback: exit 74 too.
  const gpu = classifyGpuError(err);
  if (gpu) return new GpuFailureError(gpu, "TF.js", "running the loop", err);
  const e = err as NodeJS.ErrnoException | null;
  if (!e || typeof e.code !== "string" || !FS_CODES.has(e.code) || typeof e.syscall !== "string") return err;
  const what = e.path ? `${e.syscall} ${e.path}` : e.syscall;
  const hint = e.code === "ENOSPC" || e.code === "EDQUOT" ? "free some disk space" : "fix the cause";
  return new IoError(`Could not ${what} (${e.code}). ${stateFile} holds the last step that finished and was not damaged; ${hint} and run the same command again to continue.`, { cause: err });
}
