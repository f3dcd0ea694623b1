// Evidence in Chromium: a clerk logs an event from the form, attaches two photos,
// sees them in the gallery and its full view, finds the count in the ledger and
// downloads the year's evidence pack with the photos in it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { signIn } from './helpers.ts';

const title = `法治赶大集影像 ${Date.now()}`;
const photo = (r: number, g: number, b: number) => sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

test('a clerk attaches two photos to an event, sees them in the gallery and the ledger, and downloads the pack', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.type('2026-10-20');
  await page.keyboard.press('Enter');
  await page.getByLabel('活动主题').fill(title);
  await page.getByLabel('受众人次').fill('120');
  await page.getByLabel('受众人次').press('Control+Enter');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  const panel = page.getByTestId('evidence-panel');
  await expect(panel).toContainText('还没有影像资料');
  // The drop area's file input takes several files at once, as a drop would.
  await panel.locator('input[type=file][multiple]').setInputFiles([
    { name: '摊位.jpg', mimeType: 'image/jpeg', buffer: await photo(200, 40, 40) },
    { name: '群众.jpg', mimeType: 'image/jpeg', buffer: await photo(40, 160, 60) },
  ]);
  await expect(panel.getByTestId('evidence-photo')).toHaveCount(2);
  await expect(panel).toContainText('照片 2 张，文件共 2 个');
  // The thumbnails are real pictures the browser decoded.
  const firstThumbnail = panel.getByTestId('evidence-photo').first().locator('img');
  await expect.poll(() => firstThumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(320);

  // Caption, then the full view with the keyboard.
  await panel.getByText('添加说明').first().click();
  await page.keyboard.type('法治赶大集现场');
  await page.keyboard.press('Enter');
  await expect(panel).toContainText('法治赶大集现场');
  await firstThumbnail.click();
  await expect(page.locator('.ant-image-preview')).toBeVisible();
  await expect(page.locator('.ant-image-preview')).toContainText('1 / 2');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.ant-image-preview')).toContainText('2 / 2');
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-image-preview')).toBeHidden();

  // The gallery is accessible too.
  const { violations } = await new AxeBuilder({ page }).include('[data-testid=evidence-panel]').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The ledger counts them; the filter "没有影像资料" leaves the event out.
  await page.goto(`/events?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole('row', { name: new RegExp(title) }).getByTestId('evidence-count')).toHaveText(/2/);
  await page.goto(`/events?q=${encodeURIComponent(title)}&evidence=none`);
  await expect(page.getByText('没有符合条件的活动')).toBeVisible();

  // The year's evidence pack has the event's folder with both photos, read by Debian's unzip.
  await page.goto('/exports?period=year&from=2026-01-01&to=2026-12-31');
  const [pack] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-evidence').click()]);
  expect(pack.suggestedFilename()).toBe('佐证材料-涂市镇-2026.zip');
  const listing = (await promisify(execFile)('unzip', ['-l', (await pack.path())!])).stdout;
  expect(listing).toContain(`2026-10-20 ${title}/01-摊位.jpg`);
  expect(listing).toContain(`2026-10-20 ${title}/02-群众.jpg`);
  expect(listing).toContain('普法宣传统计-涂市镇-2026.xlsx');

  // The print page of the 图文台账 shows the event with its caption.
  await page.goto('/reports/evidence?from=2026-01-01&to=2026-12-31');
  await expect(page.getByTestId('evidence-event').filter({ hasText: title })).toContainText('法治赶大集现场');
});
