import AxeBuilder from '@axe-core/playwright';
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

/** A 2019 ledger: two rows in March (submitted below), one in June, one naming a department the township does not list. */
async function ledgerWithSubmittedMonth(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2019年台账');
  sheet.addRow(['活动时间', '活动主题', '参与单位', '参与人数', '发放资料（份）']);
  sheet.addRow(['2019.3.15', '消费者权益日宣传', '司法所', 300, 500]);
  sheet.addRow(['2019.3.20', '水法宣传', '司法所', 80, 100]);
  sheet.addRow(['2019.6.26', '禁毒宣传', '派出所', 200, 1200]);
  sheet.addRow(['2019.7.1', '市场经营法律宣传', '市场监管所', 60, 300]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('rows of a submitted month are marked in the preview, an unknown department left out, the rest committed; the choice is remembered and can be deleted', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'clerk');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { townshipIds: number[] };
  const submitted = await page.request.post('/api/submissions', { data: { townshipId: me.townshipIds[0], period: '2019-03' } });
  expect(submitted.status()).toBe(201);

  await page.goto('/imports');
  await page.locator('input[type=file]').setInputFiles({ name: '2019年台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await ledgerWithSubmittedMonth() });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  // Both March rows carry the lock's words before anything is committed.
  const locked = preview.getByTestId('row-locked');
  await expect(locked).toHaveCount(2);
  await expect(locked.first()).toContainText('2019年3月已上报，需县级退回后才能修改');
  await expect(page.getByTestId('locked-hint')).toBeVisible();
  await expect(page.getByTestId('commit-import')).toHaveText(/确认导入 1 条/);
  // The preview, its pickers and its marks pass axe (the page without a preview is in accessibility.spec.ts).
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);

  // 市场监管所 is not a department of the township: left out rather than forced onto another.
  await preview.getByLabel('选择单位 市场监管所').click();
  await page.locator('.ant-select-item-option[title="不计入部门"]').click();
  await expect(preview.getByTestId('cell-error')).toHaveCount(0);
  await expect(preview.getByTestId('interpretation').filter({ hasText: '不计入：市场监管所' })).toBeVisible();
  await expect(page.getByTestId('commit-import')).toHaveText(/确认导入 2 条/);

  await page.getByTestId('commit-import').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('已导入 2 条活动')).toBeVisible();
  const events = (await (await page.request.get('/api/events?from=2019-01-01&to=2019-12-31')).json()) as { items: { title: string; departmentIds: number[] }[] };
  expect(events.items.map((e) => e.title).sort()).toEqual(['市场经营法律宣传', '禁毒宣传']);
  expect(events.items.find((e) => e.title === '市场经营法律宣传')!.departmentIds).toEqual([]);

  // The clerk may undo their own import; the remembered choice is listed and can be deleted.
  await page.getByRole('button', { name: '继续导入' }).click();
  const batches = page.getByTestId('import-batches');
  await expect(batches.getByRole('button', { name: '撤销导入' }).first()).toBeVisible();
  const remembered = page.getByTestId('import-remembered');
  const row = remembered.getByRole('row').filter({ hasText: '市场监管所' });
  await expect(row).toContainText('不计入');
  await row.getByRole('button', { name: '删除 市场监管所' }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('已删除这条对应')).toBeVisible();
  await expect(remembered.getByRole('row').filter({ hasText: '市场监管所' })).toHaveCount(0);

  await batches.getByRole('button', { name: '撤销导入' }).first().click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByText('已撤销，删除了 2 条活动')).toBeVisible();
});

test('a leader reaches no import page: no menu entry, and /imports says so', async ({ page }) => {
  await signIn(page, 'leader');
  await expect(page.getByRole('menuitem', { name: '统计看板' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '导入台账' })).toHaveCount(0);
  await page.goto('/imports');
  await expect(page.getByRole('heading', { name: '没有权限' })).toBeVisible();
  await expect(page.locator('input[type=file]')).toHaveCount(0);
});
