// Playwright configuration for the end-to-end tests of `safetrack serve`.
// Debian's chromium (browser downloads are unreachable), one worker: the
// scenarios share one server and one fresh database, started by
// global-setup.js on a free port.
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60000,
  reporter: [['list'], ['./summary-reporter.js']],
  globalSetup: require.resolve('./global-setup.js'),
  use: {
    baseURL: process.env.ST_BASE_URL,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run',
             '--disable-dev-shm-usage'],
    },
  },
});
