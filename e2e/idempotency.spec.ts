import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

// A save whose answer is lost on the way back (the server created the event,
// the browser saw a network error) is sent again by the web app with the same
// Idempotency-Key: the clerk sees the event saved, and the ledger has it once.
test('a save whose answer was lost is retried with its key and stored once', async ({ page }) => {
  const title = `丢失应答重试 ${Date.now()}`;
  await signIn(page, 'clerk');
  const keys: string[] = [];
  let answersLost = 0;
  await page.route('**/api/events', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (answersLost === 0) {
      answersLost += 1;
      await route.fetch(); // the server does the work…
      return route.abort('connectionreset'); // …and its answer never reaches the browser
    }
    return route.continue();
  });
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.type('2026-11-09');
  await page.keyboard.press('Enter');
  await page.getByLabel('活动主题').fill(title);
  await page.getByLabel('受众人次').fill('30');
  await page.getByLabel('受众人次').press('Control+Enter');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(keys[1]).toBe(keys[0]);
  const list = await page.request.get(`/api/events?q=${encodeURIComponent(title)}`);
  expect((await list.json()).total).toBe(1);
});
