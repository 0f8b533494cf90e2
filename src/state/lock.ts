import { open, readFile, unlink, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { hostname } from "node:os";
import { LockedError } from "../errors.js";

export interface Lock {
  release(): Promise<void>;
}

/**
 * One run per work dir. The lock file holds the owner's pid and host; a lock whose process is gone
 * (killed, crashed) is stale and is taken over.
 */
export async function acquireLock(workdir: string): Promise<Lock> {
  await mkdir(workdir, { recursive: true });
  const path = join(workdir, "lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, "wx");
      await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await fh.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = await readOwner(path);
      if (owner && owner.host === hostname() && isAlive(owner.pid)) {
        throw new LockedError(`Another al-label run (pid ${owner.pid}, since ${owner.since}) is using ${workdir}. Wait for it to finish, or use another --workdir.`);
      }
      if (owner && owner.host !== hostname()) {
        throw new LockedError(`${workdir} is locked by a run on host ${owner.host} (pid ${owner.pid}). If that run is gone, delete ${path}.`);
      }
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
  }
  throw new LockedError(`Could not take the lock ${path}; another run keeps taking it.`);
}

async function readOwner(path: string): Promise<{ pid: number; host: string; since: string } | null> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as { pid: number; host: string; since: string };
  } catch {
    return null; // half-written by a process killed mid-write: stale
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
