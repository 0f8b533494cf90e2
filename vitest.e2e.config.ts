import { defineConfig } from "vitest/config";

// npm run test:e2e: the long tests, about 10 minutes on two cores: whole loops on the 2,000-row fixture, kill -9
// and crash recovery, the CLI's full runs, people in the loop end to end, and the packaging test.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 600_000, // whole loop runs on the 2,000-row fixture take 15-40 s alone, minutes beside other test files
    hookTimeout: 600_000, // crash-windows builds its runs in beforeAll: minutes on a busy machine
    pool: "forks",
  },
});
