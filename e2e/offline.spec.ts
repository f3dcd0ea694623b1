// Offline in Chromium (docs/offline.md). The API is made unreachable with a
// route that aborts every /api request while the built app's files are still
// served (the service worker is another piece of work), so the page can be
// reloaded: the ledger comes from the device with 「离线，数据截至 HH:mm」,
// writes and photos go to the outbox, which survives the reload and sends
// itself, in order and never twice, once the API answers again.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { EventListResponse, SubmissionGrid } from '../packages/domain/src/index.ts';
import sharp from 'sharp';
import { PASSWORD, signIn } from './helpers.ts';

const photo = (r: number, g: number, b: number) => sharp({ create: { width: 800, height: 600, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

async function axeViolations(page: Page, include: string[]) {
  let builder = new AxeBuilder({ page });
  for (const selector of include) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/**
 * The device's copy of the township's ledger has been written (the download after sign-in), and
 * the reference data the event form needs (under load its answer can come after the ledger's).
 */
async function deviceLedgerSaved(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(`new Promise((resolve) => {
        const open = indexedDB.open('pufa-offline');
        // Not there yet: do not create it (the app creates it with its stores).
        open.onupgradeneeded = () => open.transaction.abort();
        open.onsuccess = () => {
          const store = open.result.transaction('snapshots').objectStore('snapshots');
          const ledger = store.get('ledger');
          const reference = store.get('/reference');
          reference.onsuccess = () => { resolve(!!ledger.result && !!reference.result); open.result.close(); };
        };
        open.onerror = () => resolve(false);
      })`),
      { timeout: 60_000 },
    )
    .toBe(true);
}

const apiAway = (page: Page) => page.route('**/api/**', (route) => route.abort('internetdisconnected'));
async function apiBack(page: Page) {
  await page.unroute('**/api/**');
  // What the browser does when the network returns (Chromium fires it; the route trick cannot).
  await page.evaluate(`window.dispatchEvent(new Event('online'))`);
}

async function logEvent(page: Page, date: string, title: string, audience: string) {
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
  await page.getByLabel('活动主题').fill(title);
  await page.getByLabel('受众人次').fill(audience);
  await page.getByLabel('受众人次').press('Control+Enter');
  await expect(page.getByTestId('outbox-item-page')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

const outboxCount = (page: Page) => page.getByTestId('outbox-button');

async function eventsNamed(page: Page, q: string) {
  const answer = await page.request.get(`/api/events?q=${encodeURIComponent(q)}&pageSize=50`);
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as EventListResponse).items;
}

test('offline: the ledger from the device, three events (one with two photos), an edit and a discard, a reload, then everything syncs once', async ({ page }) => {
  test.setTimeout(240_000);
  const tag = `离线${Date.now().toString(36)}`;
  const day = '2026-12-02';
  await signIn(page, 'clerk');
  const stats = async () => ((await (await page.request.get(`/api/stats?from=${day}&to=${day}&groupBy=month`)).json()) as { totals: { activities: number } }).totals.activities;
  const before = await stats();
  await page.goto('/events');
  await expect(page.getByTestId('event-card').or(page.locator('.ant-table-row')).first()).toBeVisible();
  await deviceLedgerSaved(page);

  await apiAway(page);
  await page.reload();
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText(/离线，数据截至 \d\d:\d\d/);
  // The ledger kept on the device shows, rows and all.
  await expect(page.locator('.ant-table-row').first()).toBeVisible();

  await logEvent(page, day, `${tag} 甲 赶大集`, '120');
  await page.getByTestId('outbox-attach').locator('input[type=file]').setInputFiles([
    { name: '摊位.jpg', mimeType: 'image/jpeg', buffer: await photo(200, 40, 40) },
    { name: '群众.jpg', mimeType: 'image/jpeg', buffer: await photo(40, 160, 60) },
  ]);
  await expect(page.getByTestId('outbox-file')).toHaveCount(2);
  await logEvent(page, day, `${tag} 乙 进校园`, '80');
  await logEvent(page, day, `${tag} 丙 作废`, '10');
  await expect(outboxCount(page)).toHaveAccessibleName('待同步的记录：5 条');

  // Edit the second before it leaves, discard the third.
  await page.goto('/outbox');
  const second = page.getByTestId('outbox-item').filter({ hasText: `${tag} 乙` });
  await second.getByRole('button', { name: /修改/ }).click();
  await page.getByLabel('活动主题').fill(`${tag} 乙 进校园（改）`);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('outbox-page')).toBeVisible();
  await page.getByTestId('outbox-item').filter({ hasText: `${tag} 丙` }).getByRole('button', { name: /放弃/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '放弃' }).click();
  await expect(page.getByTestId('outbox-item')).toHaveCount(4);

  // The ledger merges what waits, marked 待同步; the discarded one is gone.
  await page.goto('/events');
  await expect(page.locator('.ant-table-row', { hasText: `${tag} 甲` }).getByTestId('queued-tag')).toHaveText('待同步');
  await expect(page.locator('.ant-table-row', { hasText: `${tag} 乙 进校园（改）` }).getByTestId('queued-tag')).toHaveText('待同步');
  await expect(page.locator('.ant-table-row', { hasText: `${tag} 丙` })).toHaveCount(0);

  // Closed and opened again, still offline: the outbox is intact.
  await page.reload();
  await expect(banner).toBeVisible();
  await expect(outboxCount(page)).toHaveAccessibleName('待同步的记录：4 条');
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveCount(4);

  // Banner and outbox list: no axe violations, both languages, desktop and phone.
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    for (const language of ['zh', 'en']) {
      if (language === 'en') {
        await page.getByRole('button', { name: /Switch language/ }).click();
        await expect(banner).toContainText(/Offline — data as of \d\d:\d\d/);
        // The clicked button's hover and click animation settle before colours are measured.
        await page.mouse.move(0, 400);
        await page.waitForTimeout(800);
      }
      await expect(page.getByTestId('outbox-item').first()).toBeVisible();
      expect(await axeViolations(page, ['[data-testid=offline-banner]', '[data-testid=outbox-page]', '.app-header'])).toEqual([]);
      await page.screenshot({ path: `test-results/offline-outbox-${viewport.width}-${language}.png`, fullPage: true });
      if (language === 'en') {
        await page.getByRole('button', { name: /Switch language/ }).click();
        await page.mouse.move(0, 400);
        await page.waitForTimeout(800);
      }
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/events');
  // The signed-in app (and with it the outbox's triggers) is there before the network returns.
  await expect(outboxCount(page)).toHaveAccessibleName('待同步的记录：4 条');
  await page.screenshot({ path: 'test-results/offline-ledger-1366.png', fullPage: true });

  // The network returns: the outbox sends itself (the photos slowed, so the progress shows).
  await page.route('**/api/events/*/files', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await apiBack(page);
  await expect(page.getByTestId('outbox-progress')).toBeVisible();
  await expect(outboxCount(page)).toHaveCount(0, { timeout: 30_000 });
  await expect(banner).toHaveCount(0);

  const saved = await eventsNamed(page, tag);
  expect(saved.map((e) => e.title).sort()).toEqual([`${tag} 乙 进校园（改）`, `${tag} 甲 赶大集`].sort());
  const first = saved.find((e) => e.title.includes('甲'))!;
  expect(first.evidence.photos).toBe(2);
  const files = (await (await page.request.get(`/api/events/${first.id}/files`)).json()) as { originalName?: string; name?: string }[];
  expect(files).toHaveLength(2);
  expect(await stats()).toBe(before + 2);
  await expect(page.locator('.ant-table-row', { hasText: tag })).toHaveCount(2);
  await expect(page.getByTestId('queued-tag')).toHaveCount(0);
});

test('a queued event in a month submitted meanwhile stays with the lock reason, is moved to another date and then syncs', async ({ page }) => {
  test.setTimeout(120_000);
  const title = `锁定月份 ${Date.now().toString(36)}`;
  await signIn(page, 'clerk');
  const grid = (await (await page.request.get('/api/submissions?year=2026')).json()) as SubmissionGrid;
  const row = grid.rows[0]!;
  const cell = row.cells.find((c) => /^2026-\d\d$/.test(c.period) && c.period < '2026-12' && (c.status === 'none' || c.status === 'returned'))!;
  expect(cell, 'an open past month of the clerk’s township').toBeTruthy();
  await page.goto('/events');
  await deviceLedgerSaved(page);
  await apiAway(page);
  await logEvent(page, `${cell.period}-10`, title, '40');

  // Meanwhile the township submits that month (the page's route does not touch page.request).
  const submitted = await page.request.post('/api/submissions', { data: { townshipId: row.townshipId, period: cell.period } });
  expect(submitted.status()).toBe(201);
  const [year, month] = cell.period.split('-').map(Number);

  await page.goto('/outbox');
  await apiBack(page);
  const item = page.getByTestId('outbox-item').filter({ hasText: title });
  await expect(item.getByTestId('outbox-refusal')).toContainText(`${year}年${month}月已上报`, { timeout: 30_000 });
  await expect(outboxCount(page)).toHaveAccessibleName('待同步的记录：1 条');
  await page.screenshot({ path: 'test-results/offline-refused.png', fullPage: true });
  expect(await eventsNamed(page, title)).toHaveLength(0);

  // Still there after a reload, the reason with it; moved to a date in an open month, it goes.
  await page.reload();
  await expect(item.getByTestId('outbox-refusal')).toContainText('已上报');
  await item.getByRole('button', { name: /修改/ }).click();
  await page.getByLabel('开始日期').fill('2026-12-03');
  await page.getByLabel('开始日期').press('Enter');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(outboxCount(page)).toHaveCount(0, { timeout: 30_000 });
  const saved = await eventsNamed(page, title);
  expect(saved.map((e) => e.startDate)).toEqual(['2026-12-03']);
});

test('a 401 while syncing asks for the password, then the outbox goes on', async ({ page, context }) => {
  test.setTimeout(120_000);
  const title = `会话过期 ${Date.now().toString(36)}`;
  await signIn(page, 'clerk');
  await page.goto('/events');
  await deviceLedgerSaved(page);
  await apiAway(page);
  await logEvent(page, '2026-12-04', title, '25');
  // The page is up (from the device) before the session goes: a page opened afresh on a dead
  // session goes to the login page instead, and the outbox goes on after that sign-in.
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveCount(1);
  await context.clearCookies();
  await apiBack(page);
  const dialog = page.getByRole('dialog', { name: '请重新登录以继续同步' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  // Nothing was lost meanwhile.
  await expect(page.getByTestId('outbox-item')).toHaveCount(1);
  expect(await axeViolations(page, ['.ant-modal'])).toEqual([]);
  await dialog.getByLabel('密码').fill(PASSWORD);
  await dialog.getByRole('button', { name: '登录并继续' }).click();
  await expect(dialog).toBeHidden();
  await expect(outboxCount(page)).toHaveCount(0, { timeout: 30_000 });
  expect(await eventsNamed(page, title)).toHaveLength(1);
});

test('the sign-in-again dialog also lets whoever holds the phone sign out, after the same question', async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.goto('/events');
  await deviceLedgerSaved(page);
  await apiAway(page);
  await logEvent(page, '2026-12-04', `换人 ${Date.now().toString(36)}`, '5');
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveCount(1);
  await context.clearCookies();
  await apiBack(page);
  const dialog = page.getByRole('dialog', { name: '请重新登录以继续同步' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: '退出登录' }).click();
  const question = page.getByRole('dialog', { name: '退出登录？' });
  await expect(question).toContainText('1 条未同步的记录');
  await question.getByRole('button', { name: '退出并清除' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await page.evaluate(`new Promise((resolve) => { const o = indexedDB.open('pufa-offline'); o.onsuccess = () => { const r = o.result.transaction('outbox').objectStore('outbox').count(); r.onsuccess = () => { resolve(r.result); o.result.close(); }; }; })`)).toBe(0);
});

test("a queued create whose answer is lost after the commit is sent again with its key and stored once", async ({ page }) => {
  test.setTimeout(120_000);
  const title = `同步应答丢失 ${Date.now().toString(36)}`;
  await signIn(page, 'clerk');
  await page.goto('/events');
  await deviceLedgerSaved(page);
  await apiAway(page);
  await logEvent(page, '2026-12-05', title, '15');
  await page.goto('/outbox');

  const keys: string[] = [];
  await page.unroute('**/api/**');
  await page.route('**/api/events', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      await route.fetch(); // the server commits…
      return route.abort('connectionreset'); // …and the answer never arrives
    }
    return route.continue();
  });
  await page.evaluate(`window.dispatchEvent(new Event('online'))`);
  await expect.poll(() => keys.length).toBe(1);
  // Still in the outbox (the answer was lost); the next try goes with the same key.
  await expect(page.getByTestId('outbox-item')).toHaveCount(1);
  await page.evaluate(`window.dispatchEvent(new Event('online'))`);
  await expect(outboxCount(page)).toHaveCount(0, { timeout: 30_000 });
  expect(keys.length).toBe(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await eventsNamed(page, title)).toHaveLength(1);
});

test('a leader offline sees the last totals, marked as such', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'leader');
  await page.goto('/dashboard');
  const activities = page.getByTestId('kpi-activities');
  await expect(activities).toContainText(/\d/);
  // Last year's comparison comes in a second answer ("…" until then): read the card once it is whole.
  await expect(activities).toContainText('去年同期');
  await expect(activities).not.toContainText('…');
  const online = (await activities.textContent()) ?? '';
  // The totals' answers are on the device (written just after they arrive).
  await expect
    .poll(() => page.evaluate(`new Promise((resolve) => { const o = indexedDB.open('pufa-offline'); o.onupgradeneeded = () => o.transaction.abort(); o.onerror = () => resolve(0); o.onsuccess = () => { const r = o.result.transaction('snapshots').objectStore('snapshots').getAllKeys(); r.onsuccess = () => { resolve(r.result.filter((k) => k.startsWith('/stats')).length); o.result.close(); }; }; })`))
    .toBeGreaterThanOrEqual(4);
  await apiAway(page);
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toContainText(/离线，数据截至 \d\d:\d\d/);
  await expect(page.getByTestId('offline-banner')).toContainText('显示的是最后一次联网时的合计');
  await expect(activities).toHaveText(online);
  expect(await axeViolations(page, ['[data-testid=offline-banner]'])).toEqual([]);
  await page.screenshot({ path: 'test-results/offline-dashboard-leader.png', fullPage: true });
});

test('a repeat visit paints the ledger from the device while the server is slow, then shows the server\'s answer', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.goto('/events');
  const firstRow = page.locator('.ant-table-row').first();
  await expect(firstRow).toBeVisible();
  await deviceLedgerSaved(page);
  const kept = (await firstRow.locator('td').nth(1).textContent()) ?? '';
  // The server's answers are held until the test lets them go; the newest title is changed on the way.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/**', async (route) => {
    const response = await route.fetch();
    await released;
    if (!/\/api\/events\?/.test(route.request().url())) return route.fulfill({ response });
    const body = (await response.json()) as EventListResponse;
    if (body.items[0]) body.items[0].title = `服务器的新标题 ${body.items[0].title}`;
    await route.fulfill({ response, json: body });
  });
  await page.reload();
  // Shown from the device, no server answer yet, and said so.
  await expect(firstRow).toBeVisible();
  await expect(page.getByTestId('revalidating')).toHaveText('先显示本机保存的数据，正在更新…');
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(page.locator('.ant-table-row', { hasText: '服务器的新标题' })).toHaveCount(0);
  expect(kept).not.toBe('');
  release();
  // The server's answer replaces the device's, and the note goes.
  await expect(page.locator('.ant-table-row', { hasText: '服务器的新标题' })).toHaveCount(1);
  await expect(page.getByTestId('revalidating')).toHaveCount(0);
});

test('offline with no copy of the reminder window, the 未来 14 天 card says so instead of loading for ever', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.goto('/events');
  await expect(page.getByTestId('upcoming').getByRole('listitem').first().or(page.getByTestId('upcoming').getByText('未来 14 天没有'))).toBeVisible();
  await deviceLedgerSaved(page);
  // The device lost (or never had) the calendar's answer for these dates: delete every kept /calendar.
  await page.evaluate(`new Promise((resolve) => { const o = indexedDB.open('pufa-offline'); o.onsuccess = () => { const store = o.result.transaction('snapshots', 'readwrite').objectStore('snapshots'); const keys = store.getAllKeys(); keys.onsuccess = () => { for (const k of keys.result) if (String(k).startsWith('/calendar')) store.delete(k); store.transaction.oncomplete = () => { o.result.close(); resolve(true); }; }; }; })`);
  await apiAway(page);
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId('upcoming-unavailable')).toHaveText('暂时读不到提醒：离线，且本机没有这段日期的副本', { timeout: 30_000 });
  await expect(page.getByTestId('upcoming').locator('.ant-skeleton')).toHaveCount(0);
});

test('sign-out clears what the device keeps, after asking when records still wait', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.goto('/events');
  await deviceLedgerSaved(page);
  await apiAway(page);
  await logEvent(page, '2026-12-06', `退出前 ${Date.now().toString(36)}`, '5');
  await page.unroute('**/api/**');
  // Held back so the record is still waiting when the clerk signs out.
  await page.route('**/api/events', (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
  await page.getByRole('button', { name: '退出登录' }).click();
  const dialog = page.getByRole('dialog', { name: '退出登录？' });
  await expect(dialog).toContainText('1 条未同步的记录');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(outboxCount(page)).toHaveAccessibleName('待同步的记录：1 条');
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('dialog', { name: '退出登录？' }).getByRole('button', { name: '退出并清除' }).click();
  await expect(page).toHaveURL(/\/login/);
  const stores = await page.evaluate(`new Promise((resolve) => {
    const open = indexedDB.open('pufa-offline');
    open.onsuccess = () => {
      const tx = open.result.transaction(['outbox', 'snapshots']);
      const a = tx.objectStore('outbox').count();
      const b = tx.objectStore('snapshots').count();
      tx.oncomplete = () => { resolve([a.result, b.result]); open.result.close(); };
    };
  })`);
  expect(stores).toEqual([0, 0]);
});

test('a queued edit that meets an edit made at the office stays with the conflict, and is reapplied on the current version', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { townshipIds: number[] };
  const created = await page.request.post('/api/events', { data: { townshipId: me.townshipIds[0], startDate: '2026-12-01', title: `冲突 ${Date.now().toString(36)}`, audience: 9 } });
  expect(created.status()).toBe(201);
  const event = (await created.json()) as { id: number; version: number; title: string };
  await page.goto(`/events/${event.id}`);
  await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
  await deviceLedgerSaved(page);

  await apiAway(page);
  await page.goto(`/events/${event.id}/edit`);
  await expect(page.getByLabel('受众人次')).toHaveValue('9');
  await page.getByLabel('受众人次').fill('99');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('outbox-page')).toBeVisible();
  await expect(page.getByTestId('outbox-item')).toHaveCount(1);

  // Meanwhile someone at the office edits the same event.
  const office = await page.request.patch(`/api/events/${event.id}`, { data: { title: `${event.title}（办公室）`, version: event.version } });
  expect(office.status()).toBe(200);

  await apiBack(page);
  const item = page.getByTestId('outbox-item');
  await expect(item.getByTestId('outbox-refusal')).toBeVisible({ timeout: 30_000 });
  await expect(item.getByTestId('outbox-refusal')).toContainText('服务器拒绝');
  // Reapplied on the event as it is now: the office's title stays, the clerk's figure goes in.
  await item.getByRole('button', { name: /修改/ }).click();
  await expect(page.getByLabel('活动主题')).toHaveValue(`${event.title}（办公室）`);
  await expect(page.getByLabel('受众人次')).toHaveValue('99');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(outboxCount(page)).toHaveCount(0, { timeout: 30_000 });
  const saved = (await (await page.request.get(`/api/events/${event.id}`)).json()) as { title: string; audience: number };
  expect(saved).toMatchObject({ title: `${event.title}（办公室）`, audience: 99 });
});

test('with the browser offline (context.setOffline) a save goes straight to the outbox and leaves when the network returns', async ({ page, context }) => {
  test.setTimeout(120_000);
  const title = `浏览器离线 ${Date.now().toString(36)}`;
  await signIn(page, 'clerk');
  // The pages' code is fetched while online (the service worker, separate work, will cache it).
  await page.goto('/outbox');
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await deviceLedgerSaved(page);
  await context.setOffline(true);
  await page.keyboard.type('2026-12-07');
  await page.keyboard.press('Enter');
  await page.getByLabel('活动主题').fill(title);
  await page.getByLabel('受众人次').fill('12');
  await page.getByLabel('受众人次').press('Control+Enter');
  await expect(page.getByTestId('outbox-item-page')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(outboxCount(page)).toHaveAccessibleName('待同步的记录：1 条');
  await context.setOffline(false);
  await expect(outboxCount(page)).toHaveCount(0, { timeout: 30_000 });
  expect(await eventsNamed(page, title)).toHaveLength(1);
});
