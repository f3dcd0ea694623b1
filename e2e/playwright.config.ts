import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);

// Debian's Chromium, never a downloaded browser. A missing browser fails the run.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'tsx e2e/server.ts',
    cwd: '..',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // EXPORT_JOB_PAUSE_MS: a background export waits 2 s after each batch, so its progress bar is seen (my-exports.spec.ts).
    // IMPORT_JOB_ROWS: a file of more than 40 lines is committed in the background (chunks of 10, each then waiting 2 s:
    // import-commit-job.spec.ts); the other specs' ledgers are a few lines and commit in the request.
    env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', EXPORT_JOB_PAUSE_MS: '2000', IMPORT_JOB_ROWS: '40' },
    stdout: 'pipe',
  },
});
