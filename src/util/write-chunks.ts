import { IoError } from "../errors.js";

/**
 * Writes chunks to a stream (stdout), one line each, waiting for 'drain' so memory stays bounded.
 * A reader that goes away (`| head`: EPIPE) ends the write quietly, as for other Unix tools;
 * the result is then false.
 */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: AsyncIterable<string>): Promise<boolean> {
  let failed: NodeJS.ErrnoException | undefined;
  const onError = (err: NodeJS.ErrnoException): void => {
    failed = err;
  };
  stream.on("error", onError);
  try {
    for await (const chunk of chunks) {
      if (failed) break;
      if (!stream.write(`${chunk}\n`)) await drainOrError(stream);
    }
  } finally {
    stream.off("error", onError);
  }
  if (failed && failed.code !== "EPIPE") throw new IoError(`could not write the output (${failed.code ?? failed.message})`, { cause: failed });
  return failed === undefined;
}

function drainOrError(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off("drain", done);
      stream.off("error", done);
      resolve();
    };
    stream.once("drain", done);
    stream.once("error", done);
  });
}
