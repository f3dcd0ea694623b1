// Evidence in Chromium: a clerk logs an event from the form, attaches two photos,
// sees them in the gallery and its full view, finds the count in the ledger and
// downloads the year's evidence pack with the photos in it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { EventListResponse, SubmissionGrid } from '../packages/domain/src/index.ts';
import sharp from 'sharp';
import { signIn } from './helpers.ts';

const title = `法治赶大集影像 ${Date.now()}`;
const photo = (r: number, g: number, b: number, takenOn?: string) => {
  const picture = sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r, g, b } } }).jpeg();
  return (takenOn ? picture.withExif({ IFD2: { DateTimeOriginal: `${takenOn.replace(/-/g, ':')} 10:30:00` } }) : picture).toBuffer();
};

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('a clerk attaches two photos to an event, sees them in the gallery and the ledger, and downloads the pack', async ({ page }) => {
  test.setTimeout(360_000);
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
    { name: '群众.jpg', mimeType: 'image/jpeg', buffer: await photo(40, 160, 60, '2025-03-15') },
  ]);
  await expect(panel.getByTestId('evidence-photo')).toHaveCount(2);
  await expect(panel).toContainText('照片 2 张，文件共 2 个');
  // The gallery keeps the order the files were chosen in (they are sent one after another).
  await expect(panel.getByTestId('evidence-photo').first().getByRole('button', { name: '删除 摊位.jpg' })).toBeVisible();
  // The reused photo says its day, inside its own card (it does not run over the next one).
  const note = panel.getByTestId('evidence-photo').nth(1).getByTestId('evidence-date-note');
  await expect(note).toHaveText('拍摄于 2025-03-15，不在活动日期内');
  const [card, box] = [await panel.getByTestId('evidence-photo').nth(1).boundingBox(), await note.boundingBox()];
  expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width + 0.5);
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
  // The full view is a named dialog; the photo has its words; its caption is shown.
  await expect(page.getByRole('dialog', { name: '照片 1 / 2：法治赶大集现场' })).toBeVisible();
  await expect(page.getByTestId('evidence-full-caption')).toHaveText('法治赶大集现场');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.ant-image-preview')).toContainText('2 / 2');
  await expect(page.getByRole('dialog', { name: '照片 2 / 2：群众.jpg，拍摄于 2025-03-15，不在活动日期内' })).toBeVisible();
  await expect(page.getByTestId('evidence-full-caption')).toContainText('拍摄于 2025-03-15，不在活动日期内');
  await expect(page.locator('.ant-image-preview img')).toHaveAttribute('alt', /群众\.jpg/);
  expect(await axeViolations(page), 'the full view').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-image-preview')).toBeHidden();

  // The page with the gallery and a document, and the edit page, are accessible too; so is an
  // upload on its way (its progress bar is named after the file): the answer is held back meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/events/*/files', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await held;
    return route.continue();
  });
  await panel.locator('input[type=file][multiple]').setInputFiles([{ name: '签到表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n') }]);
  await expect(panel.getByRole('progressbar', { name: '签到表.pdf 上传进度' })).toBeVisible();
  expect(await axeViolations(page), 'an upload on its way').toEqual([]);
  release();
  await expect(panel.getByRole('link', { name: '签到表.pdf' })).toBeVisible();
  await page.unroute('**/api/events/*/files');
  expect(await axeViolations(page), 'event detail').toEqual([]);
  const detailUrl = page.url();
  await page.goto(`${detailUrl}/edit`);
  await expect(page.getByTestId('evidence-panel').getByTestId('evidence-photo')).toHaveCount(2);
  expect(await axeViolations(page), 'event edit').toEqual([]);

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

test("an approved month's evidence is locked: the reason instead of the upload area", async ({ page }) => {
  await signIn(page, 'admin');
  // The demo county's neighbours have their past months approved.
  const grid = (await (await page.request.get('/api/submissions?year=2026')).json()) as SubmissionGrid;
  const approved = grid.rows.flatMap((row) => row.cells.filter((c) => c.status === 'approved' && c.period.length === 7).map((c) => ({ townshipId: row.townshipId, period: c.period })));
  let target: { id: number; period: string } | undefined;
  for (const { townshipId, period } of approved) {
    const list = (await (await page.request.get(`/api/events?townshipId=${townshipId}&from=${period}-01&to=${period}-28&pageSize=1`)).json()) as EventListResponse;
    if (list.items[0]) {
      target = { id: list.items[0].id, period };
      break;
    }
  }
  expect(target, 'an event in an approved month').toBeDefined();
  await page.goto(`/events/${target!.id}`);
  const panel = page.getByTestId('evidence-panel');
  const month = Number(target!.period.slice(5, 7));
  await expect(panel.getByTestId('evidence-locked')).toHaveText(`影像资料与活动数据一同锁定：2026年${month}月已通过县级审核，需县级退回后才能修改`);
  await expect(panel.locator('input[type=file]')).toHaveCount(0);
  // And the server says the same if asked anyway.
  const refused = await page.request.post(`/api/events/${target!.id}/files`, { multipart: { file: { name: 'late.jpg', mimeType: 'image/jpeg', buffer: await photo(10, 10, 10) } } });
  expect(refused.status()).toBe(409);
});
