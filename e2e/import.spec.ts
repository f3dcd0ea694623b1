import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signIn } from './helpers.ts';

const YEAR_2021 = '/dashboard?period=year&from=2021-01-01&to=2021-12-31';

/** A ledger as a clerk kept it in 2021: title row, header with units, text dates, a misspelt village, a totals row. */
async function messyLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.mergeCells('A1:G1');
  sheet.getCell('A1').value = '涂市镇2021年普法宣传活动台账';
  sheet.addRow(['序号', '活动时间', '活动主题', '涉及村（社区）', '参与单位', '参与人数（人次）', '发放资料（份）']);
  sheet.addRow([1, '2021.3.15', '消费者权益日宣传', '银杏村、红岩村委会', '司法所', '300余', 500]);
  sheet.addRow([2, '6月26日', '禁毒宣传进校园', '银兴村', '派出所', 200, '1,200']);
  sheet.addRow(['合计', null, null, null, null, 500, 1700]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a messy ledger is uploaded, an unknown village fixed in the preview, committed, and counted on the dashboard', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto(YEAR_2021);
  const activities = page.getByTestId('kpi-activities').locator('.ant-statistic-content-value');
  await expect(activities).toHaveText('0');

  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await expect(page.getByRole('heading', { name: '导入台账' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: '涂市镇2021年台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await messyLedger() });

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByText('表头在第 2 行')).toBeVisible();
  // The interpretation of "300余" is shown where it was made; the unknown village is marked on its cell.
  await expect(preview.getByTestId('interpretation').filter({ hasText: '300余' })).toBeVisible();
  await expect(preview.getByTestId('cell-error')).toContainText('银兴村');
  await expect(page.getByTestId('commit-import')).toHaveText(/确认导入 1 条/);
  await page.screenshot({ path: test.info().outputPath('import-preview.png'), fullPage: true });

  await preview.getByLabel('选择村（社区） 银兴村').click();
  await page.locator('.ant-select-item-option[title="银杏村"]').click();
  await expect(page.getByTestId('commit-import')).toHaveText(/确认导入 2 条/);
  await expect(preview.getByTestId('cell-error')).toHaveCount(0);

  await page.getByTestId('commit-import').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('已导入 2 条活动')).toBeVisible();

  await page.getByRole('button', { name: '查看统计看板' }).click();
  await page.goto(YEAR_2021);
  await expect(activities).toHaveText('2');
  await expect(page.getByTestId('kpi-leaflets').locator('.ant-statistic-content-value')).toHaveText('1,700');
});
