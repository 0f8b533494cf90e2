import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // two cores: run files in parallel, each in its own fork (worker_threads used by Hogwild stay isolated)
    pool: "forks",
  },
});
