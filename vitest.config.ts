import { defineConfig } from "vitest/config";

// npm test: unit tests, contract tests and one end-to-end loop on a small fixture (test/loop/small-loop.test.ts),
// a few minutes on two cores. The long tests (test/e2e/: whole loops on the 2,000-row fixture, kills and crashes,
// the CLI's full runs, packaging) run with npm run test:e2e (vitest.e2e.config.ts). docs/development.md has timings.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "**/node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // two cores: run files in parallel, each in its own fork (worker_threads used by Hogwild stay isolated)
    pool: "forks",
  },
});
