import { open, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { loadState } from "../state/store.js";
import { findWorkdir } from "../state/find-workdir.js";
import type { WorkState } from "../state/types.js";
import { QUEUE_KIND } from "./format.js";

export interface WorkdirArgs {
  /** a manifest, or (for `label`) a queue file */
  target?: string;
  workdir?: string;
  queue?: string;
}

export interface Located {
  workdir: string;
  queue: string;
  state: WorkState;
  /** the manifest the work dir was started with */
  manifest: string;
}

/**
 * Finds the work dir the way `run` names it: --workdir, else `<manifest name>.al-label` beside the
 * manifest (or an older `<stem>.al-label` made for it), else the folder of a queue file, else the current folder. Commands that only read or
 * add answers need a work dir a run has already started.
 */
export async function locateWorkdir(args: WorkdirArgs, cwd: string): Promise<Located> {
  let workdir: string | undefined = args.workdir ? resolve(cwd, args.workdir) : undefined;
  let queue = args.queue ? resolve(cwd, args.queue) : undefined;
  if (args.target) {
    const target = resolve(cwd, args.target);
    if (await isQueueFile(target)) {
      queue ??= target;
      workdir ??= dirname(target);
    } else {
      await stat(target).catch(() => {
        throw new UsageError(`${target} does not exist (expected a manifest or a queue file)`);
      });
      workdir ??= await findWorkdir(target);
    }
  }
  workdir ??= cwd;
  const state = await loadState(workdir);
  if (!state) {
    throw new UsageError(
      args.target || args.workdir
        ? `no al-label work dir at ${workdir} (no state.json): run \`al-label run <manifest>\` first, or pass --workdir`
        : "name the manifest (or the queue file), or pass --workdir <dir>",
    );
  }
  return { workdir, queue: queue ?? join(workdir, "queue.jsonl"), state, manifest: state.manifest.path };
}

/** A queue file starts with its header line; reading the first 64 KiB is enough to tell. */
async function isQueueFile(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, "r");
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const first = buf.subarray(0, bytesRead).toString("utf8").split("\n")[0] ?? "";
    return (JSON.parse(first) as { kind?: unknown }).kind === QUEUE_KIND;
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

export { nextRunCommand } from "../state/next-command.js";
