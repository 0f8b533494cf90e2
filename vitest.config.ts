import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 180_000, // whole loop runs on the 2,000-row fixture take 15-40 s alone, more beside other test files
    hookTimeout: 60_000,
    // two cores: run files in parallel, each in its own fork (worker_threads used by Hogwild stay isolated)
    pool: "forks",
  },
});
