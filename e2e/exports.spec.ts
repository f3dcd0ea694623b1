import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

test('the export page downloads the workbook and shows the report paragraph with the totals of the ledger', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events?from=2026-01-01&to=2026-12-31');
  await expect(page.getByTestId('total-activities').locator('.ant-statistic-content-value')).toHaveText(/^\d[\d,]*$/); // loaded (a dash while loading)
  const activities = (await page.getByTestId('total-activities').locator('.ant-statistic-content-value').textContent())!.replace(/\D/g, '');

  await page.goto('/exports?period=year&from=2026-01-01&to=2026-12-31');
  // The seed report's sentence first: 全镇开展普法宣传N次，发放宣传资料N份，受教育群众N人次.
  await expect(page.getByTestId('paragraph-exact')).toContainText(new RegExp(`2026年，全镇开展普法宣传${activities}次，发放宣传资料\\d+份，受教育群众\\d+人次。`));
  await expect(page.getByTestId('paragraph-rounded')).toContainText('余');

  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()]);
  expect(workbook.suggestedFilename()).toBe('普法宣传统计-涂市镇-2026.xlsx');
  const bytes = await readFile((await workbook.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an OOXML (zip) file

  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);

  // The report's print link ("打印"), not the 图文台账's ("打印图文台账") beside it.
  await page.getByRole('link', { name: /打印$/ }).click();
  await expect(page.getByRole('heading', { name: '法治宣传教育工作情况' })).toBeVisible();
  await expect(page.locator('.report-table')).toContainText(activities);
  // The print page shows the same wording as the export page.
  await expect(page.locator('.report-body').first()).toContainText(`全镇开展普法宣传${activities}次，`);
  await expect(page.locator('.report-body').nth(1)).toContainText('余');
});

test("the ledger's CSV button exports exactly the filtered events", async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events?from=2026-06-01&to=2026-06-30');
  await expect(page.getByTestId('total-activities').locator('.ant-statistic-content-value')).toHaveText(/^\d[\d,]*$/); // loaded (a dash while loading)
  const total = Number((await page.getByTestId('total-activities').locator('.ant-statistic-content-value').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(0);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-csv').click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // the BOM that makes Excel read UTF-8
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0]).toContain('活动主题');
  expect(lines).toHaveLength(total + 1);
  expect(lines.slice(1).every((line) => line.split(',')[1]!.startsWith('2026-06'))).toBe(true);
});
