import { describe, expect, it } from "vitest";
import * as fs from "node:fs/promises";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic, type AtomicFs } from "../../src/util/atomic-write.js";
import { writeLinesAtomic } from "../../src/util/atomic-stream.js";
import { appendJournal, readJournal } from "../../src/util/journal.js";
import { removeStaleTemps } from "../../src/util/stale-temps.js";
import { IoError } from "../../src/errors.js";
import { tempDir } from "../helpers/temp-dir.js";

const temp = (): Promise<string> => tempDir("al-label-atomic-");

/** A file system whose writes fail as a full disk does. */
const diskFull: AtomicFs = {
  ...fs,
  open: (async (...args: Parameters<typeof fs.open>) => {
    const fh = await fs.open(...args);
    return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as typeof fh, fh, {
      writeFile: async () => {
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
      },
      close: () => fh.close(),
      sync: () => fh.sync(),
    });
  }) as typeof fs.open,
};

describe("writeFileAtomic", () => {
  it("replaces the file whole", async () => {
    const dir = await temp();
    const path = join(dir, "state.json");
    await writeFileAtomic(path, "old\n");
    await writeFileAtomic(path, "new\n");
    expect(await readFile(path, "utf8")).toBe("new\n");
    expect(await readdir(dir)).toEqual(["state.json"]);
  });
  it("on a full disk: IoError (exit 74) saying so, the old file intact, no temporary file left", async () => {
    const dir = await temp();
    const path = join(dir, "state.json");
    await writeFile(path, '{"round": 3}\n');
    const err = await writeFileAtomic(path, '{"round": 4}\n', diskFull).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect((err as IoError).exitCode).toBe(74);
    expect((err as IoError).message).toBe(`Could not write ${path} (ENOSPC); the previous version was left as it was. Free some disk space and run the same command again.`);
    expect(await readFile(path, "utf8")).toBe('{"round": 3}\n');
    expect(await readdir(dir)).toEqual(["state.json"]);
  });
  it("when the rename fails (the target is a folder): IoError, no temporary file left", async () => {
    const dir = await temp();
    await mkdir(join(dir, "queue.jsonl"));
    const err = await writeFileAtomic(join(dir, "queue.jsonl"), "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect((err as IoError).message).toMatch(/queue\.jsonl \((EISDIR|ENOTEMPTY|EEXIST)\); the previous version was left as it was/);
    expect(await readdir(dir)).toEqual(["queue.jsonl"]);
  });
});

describe("writeLinesAtomic", () => {
  it("writes each line with its newline and replaces the file whole", async () => {
    const dir = await temp();
    const path = join(dir, "queue.jsonl");
    await writeFile(path, "old\n");
    function* lines(): Generator<string> {
      for (let i = 0; i < 50_000; i++) yield `{"task":${i},"text":"${"x".repeat(40)}"}`; // past the 1 MB write buffer
    }
    expect(await writeLinesAtomic(path, lines())).toBe(50_000);
    const text = await readFile(path, "utf8");
    expect(text).toBe(`${[...lines()].join("\n")}\n`);
    expect(await readdir(dir)).toEqual(["queue.jsonl"]);
  });

  it("when the rename fails: the same IoError words as writeFileAtomic, no temporary file left", async () => {
    const dir = await temp();
    await mkdir(join(dir, "queue.jsonl"));
    const err = await writeLinesAtomic(join(dir, "queue.jsonl"), ["a", "b"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect((err as IoError).exitCode).toBe(74);
    expect((err as IoError).message).toMatch(/queue\.jsonl \((EISDIR|ENOTEMPTY|EEXIST)\); the previous version was left as it was\. Fix the cause and run the same command again\./);
    expect(await readdir(dir)).toEqual(["queue.jsonl"]);
  });

  it("passes an error of the line source on as it is, and leaves the old file", async () => {
    const dir = await temp();
    const path = join(dir, "output.jsonl");
    await writeFile(path, "old\n");
    function* failing(): Generator<string> {
      yield "first";
      throw new Error("the input changed while running");
    }
    await expect(writeLinesAtomic(path, failing())).rejects.toThrow(/^the input changed while running$/);
    expect(await readFile(path, "utf8")).toBe("old\n");
    expect(await readdir(dir)).toEqual(["output.jsonl"]);
  });
});

describe("the journal", () => {
  it("starts an append on a fresh line after a torn one, and the reader skips the torn line", async () => {
    const dir = await temp();
    const path = join(dir, "answers.jsonl");
    await appendJournal(path, [{ taskId: "a" }]);
    await fs.appendFile(path, '{"taskId": "b", "lab'); // a kill in the middle of an append
    await appendJournal(path, [{ taskId: "c" }]);
    const { records, torn } = await readJournal(path);
    expect(records.map((r) => r.taskId)).toEqual(["a", "c"]);
    expect(torn).toEqual([2]);
  });
  it("fails with an IoError when it cannot be written", async () => {
    const dir = await temp();
    await writeFile(join(dir, "file"), "");
    const err = await appendJournal(join(dir, "file", "answers.jsonl"), [{ taskId: "a" }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect((err as IoError).message).toMatch(/Could not write .*answers\.jsonl \(ENOTDIR\)/);
  });
});

describe("removeStaleTemps", () => {
  it("removes temporary files of processes that are gone, keeps live ones and other files", async () => {
    const dir = await temp();
    const dead = 2 ** 22 + 12345; // above the largest pid_max Linux allows (2^22): never a live process
    await writeFile(join(dir, `.state.json.${dead}.1700000000000.tmp`), "half");
    await writeFile(join(dir, `.output.jsonl.${dead}.tmp`), "half");
    await writeFile(join(dir, `.state.json.${process.pid}.1.tmp`), "mine");
    await writeFile(join(dir, "state.json"), "{}");
    expect(await removeStaleTemps(dir)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([`.state.json.${process.pid}.1.tmp`, "state.json"]);
  });
});
