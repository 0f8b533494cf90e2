import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** The package version, read from package.json (written into every artifact's metadata). */
export const VERSION: string = (require("../package.json") as { version: string }).version;
