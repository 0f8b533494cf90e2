import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hostname } from "node:os";
import { LockedError } from "../errors.js";
import { isAlive, processStart } from "../util/process-alive.js";
import { writeFailed } from "../util/atomic-write.js";

export interface Lock {
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  since: string;
  /** process start time (Linux), so a reused pid is not taken for the owner */
  start?: number | null;
}

export const lockFile = (workdir: string): string => join(workdir, "lock");

/**
 * One run per work dir. The lock file holds the owner's pid, host and process start time; a lock
 * whose process is gone (killed, crashed) is stale and is taken over.
 *
 * The file is written whole under a temporary name and then hard-linked into place, so it never
 * exists half-written (a reader would think it stale), and link() fails if another run got there
 * first. A stale lock is renamed away before it is deleted: only one of two runs racing to take it
 * over can move it.
 */
export async function acquireLock(workdir: string): Promise<Lock> {
  const path = lockFile(workdir);
  const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), start: processStart(process.pid) };
  const mine = JSON.stringify(me);
  const tmp = join(workdir, `.lock.${process.pid}.tmp`);
  // refuse a held lock before writing anything, so a refused run leaves the work dir as it was
  const held = await readText(path);
  if (held !== null) refuseIfHeld(parseOwner(held), workdir, path);
  try {
    await mkdir(workdir, { recursive: true });
    await writeFile(tmp, mine);
  } catch (err) {
    throw writeFailed(tmp, err);
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await createWhole(tmp, path, mine);
        return { release: () => releaseIfMine(path, mine) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw writeFailed(path, err);
      }
      const seen = await readText(path);
      if (seen === null) continue; // released between our two calls: try again
      refuseIfHeld(parseOwner(seen), workdir, path);
      await takeOverStale(path, seen);
    }
    throw new LockedError(`Could not take the lock ${path}; other runs keep taking it. Try again.`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function refuseIfHeld(owner: Owner | null, workdir: string, path: string): void {
  if (owner && owner.host !== hostname()) {
    throw new LockedError(`${workdir} is locked by a run on host ${owner.host} (pid ${owner.pid}, since ${owner.since}). If that run is gone, delete ${path}.`);
  }
  if (owner && isAlive(owner.pid, owner.start)) {
    throw new LockedError(`Another al-label run (pid ${owner.pid}, since ${owner.since}) is using ${workdir}. Wait for it to finish, or use another --workdir.`);
  }
}

/** Creates `path` holding `text`, failing with EEXIST if it exists. */
async function createWhole(tmp: string, path: string, text: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw err;
    await writeFile(path, text, { flag: "wx" }); // no hard links on this file system
  }
}

/** Moves a stale lock aside; if what was moved is not what we judged stale, it is put back. */
async function takeOverStale(path: string, seen: string): Promise<void> {
  const aside = `${path}.stale.${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return; // another run moved it first
  }
  const moved = await readText(aside);
  if (moved !== seen) await link(aside, path).catch(() => undefined); // a live run's fresh lock: restore it
  await unlink(aside).catch(() => undefined);
}

async function releaseIfMine(path: string, mine: string): Promise<void> {
  if ((await readText(path)) === mine) await unlink(path).catch(() => undefined);
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.host === "string" ? (o as Owner) : null;
  } catch {
    return null; // not ours or damaged: treated as stale
  }
}
