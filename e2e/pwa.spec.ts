// The installable app (issue 19, item 1): the service worker paints the app offline, the manifest
// is linked and valid, a new build waits behind 「有新版本，刷新」 and never loads by itself, and the
// API never comes from the service worker.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { signIn } from './helpers.ts';

/** The build the e2e server sends (apps/api serves apps/web/dist from disk on every request). */
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '../apps/web/dist');

/** Resolves once a service worker is active and this page is controlled by it. */
async function controlledByServiceWorker(page: Page) {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  if (!(await page.evaluate('!!navigator.serviceWorker.controller'))) await page.reload();
  await expect.poll(() => page.evaluate('!!navigator.serviceWorker.controller')).toBe(true);
}

/** Everything the service worker's caches hold, as URL paths. */
const cachedPaths = (page: Page) =>
  page.evaluate(`(async () => {
    const out = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
    return out;
  })()`) as Promise<string[]>;

test('signed in, then offline: a reload and a deep link paint the app from the cache, not the browser offline page', async ({ page, context }) => {
  await signIn(page, 'clerk');
  await expect(page).toHaveURL(/\/events$/);
  await controlledByServiceWorker(page);
  await context.setOffline(true);
  // A reload of a page URL (/events): the cached index.html through navigateFallback.
  await page.reload();
  // Offline the session cannot be checked, so the app shows its login page (or the frame once
  // offline data exists): either is the app, not Chromium's "no internet" page.
  await expect(page.locator('.login-card, .app-header').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#main-frame-error')).toHaveCount(0);
  // A link never opened before (/events/12345/edit) opens offline too.
  await page.goto('/events/12345/edit');
  await expect(page.locator('.login-card, .app-header').first()).toBeVisible({ timeout: 20_000 });
  await context.setOffline(false);
});

test('the manifest is linked and valid, with icons that load; sw.js is never cached by HTTP, hashed assets are', async ({ page }) => {
  await page.goto('/login');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = (await res.json()) as { name: string; short_name: string; display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
  expect(manifest).toMatchObject({ name: '普法台账', display: 'standalone', start_url: '/' });
  expect(manifest.short_name.length).toBeGreaterThan(0);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = new Set<string>();
  for (const icon of manifest.icons) {
    const image = await page.request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
    const png = await image.body();
    // PNG signature, then the IHDR's width and height must be what the manifest says.
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
    sizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
  }
  expect([...sizes]).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

  const sw = await page.request.get('/sw.js');
  expect(sw.headers()['content-type']).toMatch(/javascript/);
  expect(sw.headers()['cache-control']).toBe('no-cache');
  const entry = await page.locator('script[type="module"]').getAttribute('src');
  expect((await page.request.get(entry!)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('/api is never served or cached by the service worker: offline, an API fetch fails', async ({ page, context }) => {
  await signIn(page, 'clerk');
  await controlledByServiceWorker(page);
  // Online, with the worker in control: the API's answers come from the network.
  const apiResponses: boolean[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) apiResponses.push(r.fromServiceWorker());
  });
  await page.reload();
  await expect(page.getByTestId('list-csv')).toBeVisible();
  await expect.poll(() => apiResponses.length).toBeGreaterThan(0);
  expect(apiResponses.filter(Boolean)).toEqual([]);
  expect(await page.evaluate("fetch('/api/auth/me').then((r) => r.status)")).toBe(200);
  expect((await cachedPaths(page)).filter((p) => p.startsWith('/api/'))).toEqual([]);
  expect(await cachedPaths(page)).toContain('/index.html');

  // A page-load of an API URL (the API docs, a file opened in a tab) is the API's answer, not the
  // app's cached index.html (navigateFallback must leave /api/ alone).
  const health = await page.goto('/api/health');
  expect(health!.fromServiceWorker()).toBe(false);
  expect(health!.headers()['content-type']).toMatch(/^application\/json/);
  await page.goBack();

  await context.setOffline(true);
  expect(await page.evaluate("fetch('/api/auth/me').then((r) => 'answered ' + r.status, () => 'failed')")).toBe('failed');
  expect(await page.evaluate("fetch('/api/events?pageSize=1').then((r) => 'answered ' + r.status, () => 'failed')")).toBe('failed');
  await context.setOffline(false);
});

test.describe('a new build', () => {
  const files = ['sw.js', 'index.html', 'index.html.br', 'index.html.gz'];
  const saved = new Map<string, Buffer>();
  test.beforeAll(async () => {
    for (const f of files) saved.set(f, await readFile(path.join(dist, f)));
  });
  test.afterAll(async () => {
    for (const [f, bytes] of saved) await writeFile(path.join(dist, f), bytes);
  });

  /** "Deploys" a new build in place: index.html with a marker, and a sw.js whose precache lists its new revision. */
  async function deployNextBuild() {
    const html = saved.get('index.html')!.toString().replace('</head>', '<meta name="pufa-build" content="e2e-next"></head>');
    const sw = saved.get('sw.js')!.toString();
    const next = sw.replace(/(url:"index\.html",revision:")[^"]+"/, '$1e2e-next"');
    expect(next).not.toBe(sw);
    await writeFile(path.join(dist, 'index.html'), html);
    await writeFile(path.join(dist, 'index.html.br'), brotliCompressSync(html));
    await writeFile(path.join(dist, 'index.html.gz'), gzipSync(html));
    await writeFile(path.join(dist, 'sw.js'), next);
  }

  async function bannerViolations(page: Page) {
    const { violations } = await new AxeBuilder({ page }).include('.update-prompt').analyze();
    return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  }

  test('waits behind 「有新版本，刷新」 (axe-clean in both languages, desktop and phone) and loads only when asked', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'clerk');
    await controlledByServiceWorker(page);
    const marker = page.locator('meta[name="pufa-build"]');
    await expect(marker).toHaveCount(0);

    await deployNextBuild();
    // The next visit: the browser fetches sw.js, finds it changed, installs the new worker, which waits.
    await page.reload();
    const banner = page.getByTestId('update-prompt');
    await expect(banner.getByText('有新版本，刷新')).toBeVisible({ timeout: 20_000 });
    // Still the old build: nothing reloaded or swapped by itself.
    await page.waitForTimeout(1500);
    await expect(marker).toHaveCount(0);
    await expect(banner).toBeVisible();
    expect(await bannerViolations(page), 'zh-CN desktop').toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await bannerViolations(page), 'zh-CN phone').toEqual([]);

    // Put off and visited again (in English): the waiting build is offered again, still not loaded.
    await banner.getByRole('button', { name: '稍后' }).click();
    await expect(banner).toHaveCount(0);
    await page.evaluate("localStorage.setItem('pufa.language', 'en')");
    await page.reload();
    await expect(banner.getByText('A new version is available — Refresh')).toBeVisible({ timeout: 20_000 });
    await expect(marker).toHaveCount(0);
    expect(await bannerViolations(page), 'en phone').toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await bannerViolations(page), 'en desktop').toEqual([]);

    // Refresh: the new worker takes over and the page reloads once, on the new build.
    await banner.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(marker).toHaveCount(1, { timeout: 20_000 });
    await expect(marker).toHaveAttribute('content', 'e2e-next');
    await expect(page.getByTestId('list-csv')).toBeVisible();
    await expect(banner).toHaveCount(0);
    await page.evaluate("localStorage.removeItem('pufa.language')");
  });
});
