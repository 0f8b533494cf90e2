import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

/** Column names of a CSV file's header row (empty for an empty file); reads no further than that row. */
export async function readCsvHeader(path: string): Promise<string[]> {
  const parser = createReadStream(path).pipe(parse({ bom: true, to_line: 1, relax_column_count: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    parser.destroy();
    return record;
  }
  return [];
}
