import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // rebuilds lib/ (what the CLI tests run) when src/ is newer than it
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One test file a core, not vitest's default of one fewer: most tests wait on a child process
    // (the CLI, pdftotext, LibreOffice, Chromium), so on 2 cores two files at a time took the suite
    // from 430 s to 328 s (2026-12-02).
    maxWorkers: availableParallelism(),
  },
});
