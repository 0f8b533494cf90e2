#!/usr/bin/env node
// Prints each command's flags as a Markdown table, from the typed option tables the CLI itself is
// built from (npm run build first), so the README's flag lists cannot drift from the code.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli");
for (const file of readdirSync(cli).filter((f) => f.endsWith("-options.js")).sort()) {
  const mod = await import(join(cli, file));
  for (const [name, table] of Object.entries(mod)) {
    if (!table || typeof table !== "object" || !Object.values(table).some((v) => v && typeof v === "object" && "flags" in v)) continue;
    console.log(`\n#### ${file.replace("-options.js", "")} (${name})\n\n| flag | meaning |\n| --- | --- |`);
    for (const spec of Object.values(table)) {
      if (spec) console.log(`| \`${spec.flags.replace(/\|/g, "\\|")}\` | ${spec.description.replace(/\|/g, "\\|")} |`);
      if (spec?.negate) console.log(`| \`${spec.negate}\` | turn \`${spec.flags}\` off |`);
    }
  }
}
