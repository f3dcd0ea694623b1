// `npm run bench:repeat-visit`: a clerk's repeat visit to the ledger on a slow phone network. Chromium
// (Playwright) with the network throttled through CDP to DevTools' "Slow 4G" preset (562.5 ms
// latency, 1.44 Mbit/s down, 675 kbit/s up); the time from navigation start to the first ledger
// rows painted, median of N visits, for:
//   - service worker: the app shell from the worker's precache (a visit after the first);
//   - service worker, Slow 4G on the API only: the same, with the delay applied by a route to /api
//     alone (CDP's throttling also delays what the worker answers from the phone's own cache, which
//     a real slow network does not);
//   - HTTP cache only: the same repeat visit with service workers blocked (hashed assets come from
//     the browser's HTTP cache, index.html is revalidated).
// The API (session, reference data, the list) comes from the network in all; the app shows the
// device's copy of an answer the server has not given within 300 ms. A measurement, not a
// test; figures go to docs/performance.md. Start the app first and pass its URL:
//   npm run bench:repeat-visit -- --url http://127.0.0.1:3000 [--runs 5]
import { chromium, type BrowserContext } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    runs: { type: 'string', default: '5' },
    user: { type: 'string', default: 'clerk' },
    password: { type: 'string', default: process.env.DEMO_PASSWORD || 'pufa-demo-2026' },
  },
});
const base = values.url.replace(/\/$/, '');
const runs = Number(values.runs);
const ROWS = '.ant-table-tbody tr.ant-table-row';
// DevTools' "Slow 4G" (Chromium's network presets): 150 ms x 3.75 latency, 1.6 Mbit/s x 0.9 down, 750 kbit/s x 0.9 up.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
// Records when the first ledger row is in the DOM (then waits a frame for it to be painted).
const WATCH = `(() => {
  const seen = () => document.querySelector(${JSON.stringify(ROWS)});
  new MutationObserver((_, observer) => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstRows = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
})()`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function visits(serviceWorkers: 'allow' | 'block', throttle: 'all' | 'api' = 'all'): Promise<number[]> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', serviceWorkers });
  const login = await context.request.post(`${base}/api/auth/login`, { data: { username: values.user, password: values.password } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  await context.addInitScript(WATCH);
  // The first visit fills the caches (and installs the service worker).
  const first = await context.newPage();
  await first.goto(`${base}/events`);
  await first.locator(ROWS).first().waitFor();
  if (serviceWorkers === 'allow') {
    await first.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await first.reload();
    await first.locator(ROWS).first().waitFor();
  }
  await first.close();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const page = await context.newPage();
    if (throttle === 'api') {
      // Slow 4G on what crosses the network (the API); the service worker's files are on the phone.
      await page.route('**/api/**', async (route) => {
        const started = Date.now();
        const response = await route.fetch();
        const body = await response.body();
        const sent = (route.request().postDataBuffer()?.length ?? 0) + 500;
        const due = SLOW_4G.latency + (sent / SLOW_4G.uploadThroughput + (body.length + 300) / SLOW_4G.downloadThroughput) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - (Date.now() - started))));
        await route.fulfill({ response, body });
      });
    } else {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    }
    await page.goto(`${base}/events`);
    // (waitForFunction would need 'unsafe-eval', which the app's CSP refuses.)
    await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
    while ((await page.evaluate('window.__firstRows')) === undefined) await page.waitForTimeout(20);
    const controlled = await page.evaluate('!!navigator.serviceWorker?.controller');
    if (controlled !== (serviceWorkers === 'allow')) throw new Error(`service worker control ${controlled}, expected ${serviceWorkers}`);
    times.push(await page.evaluate('window.__firstRows') as number);
    await page.close();
  }
  await context.close();
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`Repeat visit to ${base}/events as ${values.user}, Slow 4G (CDP), ${runs} visits each; load average ${loadavg()[0]!.toFixed(1)}, ${cpus().length} CPUs`);
const modes = [
  ['service worker, CDP Slow 4G on every request', 'allow', 'all'],
  ['service worker, Slow 4G on the API only    ', 'allow', 'api'],
  ['HTTP cache only, CDP Slow 4G               ', 'block', 'all'],
] as const;
for (const [label, serviceWorkers, throttle] of modes) {
  const times = await visits(serviceWorkers, throttle);
  console.log(`${label}  first rows painted: median ${Math.round(median(times))} ms (${times.map((t) => Math.round(t)).join(', ')})`);
}
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await browser.close();
