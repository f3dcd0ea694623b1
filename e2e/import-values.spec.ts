// What a ledger's cells say beyond its header (issue 22): a 地点 column full of
// village names is read as the villages reached, and the file's 合计 row is
// checked against what would be imported, in both languages. Nothing is committed
// (import.spec.ts counts 2021 from zero; this ledger is 2019's).
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signIn } from './helpers.ts';

async function ledger2019(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['涂市镇2019年普法宣传活动台账']);
  sheet.addRow(['序号', '活动时间', '活动主题', '地点', '受众（人次）', '发放资料（份）']);
  sheet.addRow([1, '3月5日', '法治宣传月启动', '银杏村', 100, 500]);
  sheet.addRow([2, '3月15日', '消费者权益日宣传', '松林 大坪', 50, 350]);
  sheet.addRow([3, '4月15日', '国家安全教育日', '桂花材', 60, '300余份']);
  sheet.addRow([4, '5月20日', '民法典进村', '红岩', 40, 300]);
  sheet.addRow(['合计', null, null, null, 250, 1150]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a 地点 column of villages is read as the villages, and the 合计 row is reconciled', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: '涂市镇2019年台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await ledger2019() });

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('column-hint-地点')).toContainText('此列内容像村名，已作为“覆盖村”导入');
  // The misspelt village is a problem on its cell, with the right village offered.
  await expect(preview.getByTestId('cell-error')).toContainText('桂花材');
  const totals = page.getByTestId('import-totals');
  // While its row has a problem, the row's 60 人次 are not imported (its "300余份" Excel did not sum either).
  await expect(totals.getByTestId('total-differs')).toContainText('受众人次：文件合计 250 人次，导入 190 人次：第 5 行不导入（有问题），其 60 人次未计入');

  await preview.getByLabel('选择村（社区） 桂花材').click();
  await page.locator('.ant-select-item-option[title="桂花村"]').click();
  await expect(page.getByTestId('commit-import')).toHaveText(/确认导入 4 条/);
  await expect(totals.getByTestId('total-differs')).toContainText('文件合计 1150 份，导入 1450 份：第 5 行 “300余份” 按 300 计入，Excel 求和时未计入文本');
  await expect(totals.getByTestId('total-agrees')).toContainText('受众人次：文件合计 250 人次，导入 250 人次，一致');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(totals.getByTestId('total-differs')).toContainText('row 5 “300余份” is counted as 300; Excel\'s sum leaves text out');
  await expect(page.getByTestId('column-hint-地点')).toContainText('This column holds village names');
});
