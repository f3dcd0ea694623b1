// 「我的导出」: an export started in the background shows a progress bar that moves on its own
// (polling), finishes and downloads; another is cancelled; the report .docx runs and downloads; the section passes axe in both languages.
// The e2e server pauses each batch of a job 2 s (playwright.config.ts), so the running state is seen.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include('#my-exports').analyze();
  return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

test('a background workbook shows its progress, then downloads; a pack is cancelled; both languages pass axe', async ({ page }) => {
  test.setTimeout(180_000); // every batch of a job waits 2 s, and axe runs three times
  await signIn(page, 'clerk');
  await page.goto('/exports?period=year&from=2026-01-01&to=2026-12-31');
  await expect(page.getByTestId('my-exports').locator('.ant-card-head-title')).toHaveText('我的导出');

  await page.getByTestId('start-job-workbook').click();
  await expect(page.getByText('已开始后台生成')).toBeVisible();
  const workbook = page.getByTestId('export-job').filter({ hasText: '普法宣传统计-涂市镇-2026.xlsx' });
  // Running: a named progress bar and the events done of the total, updated by polling alone.
  await expect(workbook.getByRole('progressbar', { name: '“普法宣传统计-涂市镇-2026.xlsx”的进度' })).toBeVisible();
  await expect(workbook.getByTestId('export-job-rows')).toHaveText(/^已处理 [1-9][\d,]* \/ [\d,]+ 条活动$/);
  expect(await axe(page), 'while running').toEqual([]);

  await expect(workbook.getByTestId('export-job-status')).toHaveText('已完成', { timeout: 30_000 });
  await expect(workbook.getByRole('progressbar')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), workbook.getByTestId('export-job-download').click()]);
  expect(download.suggestedFilename()).toBe('普法宣传统计-涂市镇-2026.xlsx');
  expect((await readFile((await download.path())!)).subarray(0, 2).toString()).toBe('PK');

  await page.getByTestId('start-job-evidence-zip').click();
  const pack = page.getByTestId('export-job').filter({ hasText: '佐证材料-涂市镇-2026.zip' });
  await expect(pack.getByTestId('export-job-status')).toHaveText(/排队中|生成中/);
  await pack.getByTestId('export-job-cancel').click();
  await expect(pack.getByTestId('export-job-status')).toHaveText('已取消');
  await expect(pack.getByTestId('export-job-download')).toHaveCount(0);
  // The report as a Word document, from the report card's 后台生成.
  await page.getByTestId('start-job-report-docx').click();
  const report = page.getByTestId('export-job').filter({ hasText: '法治宣传工作情况-2026.docx' });
  await expect(report.getByTestId('export-job-status')).toHaveText('已完成', { timeout: 30_000 });
  const [word] = await Promise.all([page.waitForEvent('download'), report.getByTestId('export-job-download').click()]);
  expect(word.suggestedFilename()).toBe('法治宣传工作情况-2026.docx');
  expect((await readFile((await word.path())!)).subarray(0, 2).toString()).toBe('PK');
  expect(await axe(page), 'done and cancelled').toEqual([]);

  // English: the same list in the other language.
  await page.evaluate(`localStorage.setItem('pufa.language', 'en')`);
  await page.reload();
  await expect(page.getByTestId('my-exports').locator('.ant-card-head-title')).toHaveText('My exports');
  await expect(workbook.getByTestId('export-job-status')).toHaveText('Done');
  await expect(pack.getByTestId('export-job-status')).toHaveText('Cancelled');
  expect(await axe(page), 'English').toEqual([]);
  await page.evaluate(`localStorage.removeItem('pufa.language')`);
});
