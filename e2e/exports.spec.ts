import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
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

// Issue 20: above the county the workbook has the units one level down, a sheet each, and no ledger (the CSV has the rows).
test('a city leader and a province administrator download the workbook of their unit, a sheet per unit one level down', async ({ page }) => {
  const sheetsOf = async (download: import('@playwright/test').Download) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    return book.worksheets.map((sheet) => sheet.name);
  };
  await signIn(page, 'cityleader');
  await page.goto('/exports?period=year&from=2026-01-01&to=2026-12-31');
  await expect(page.getByTestId('workbook-help')).toContainText('每个县（区）一张表');
  await expect(page.getByTestId('paragraph-exact')).toContainText(/2026年，全市共开展普法宣传\d+次/);
  await expect(page.getByText('仅汇总县级审核通过的数据')).toBeVisible();
  const [city] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()]);
  expect(city.suggestedFilename()).toBe('普法宣传统计-示范市-2026.xlsx');
  expect(await sheetsOf(city)).toEqual(['年度汇总', '月度统计', '分县（区）统计', '按宣传节点', '按六进', '分乡镇统计', '示范县', '东山区']);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('workbook-help')).toContainText('one sheet per county');
  await page.getByRole('button', { name: '中文' }).click();
  // One county chosen: its workbook (a county's, with the ledger) and the CSV of its events only.
  type Unit = { id: number; name: string; children: Unit[] };
  const flat = (units: Unit[]): Unit[] => units.flatMap((u) => [u, ...flat(u.children)]);
  const dongshan = flat((await (await page.request.get('/api/reference')).json()).orgUnits).find((u) => u.name === '东山区')!;
  await page.goto(`/exports?period=year&from=2026-01-01&to=2026-12-31&orgUnitId=${dongshan.id}`);
  await expect(page.getByTestId('workbook-help')).toContainText('县级汇总（选县时）');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-ledger').click()]);
  expect(csv.suggestedFilename()).toBe('活动台账-东山区-2026.csv');
  const csvText = await readFile((await csv.path())!, 'utf8');
  expect(csvText).toContain('东山街道');
  expect(csvText).not.toContain('涂市镇');

  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'provinceadmin');
  await page.goto('/exports?period=year&from=2026-01-01&to=2026-12-31');
  await expect(page.getByTestId('workbook-help')).toContainText('每个市一张表');
  await expect(page.getByTestId('paragraph-exact')).toContainText(/2026年，全省共开展普法宣传\d+次/);
  const [province] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()]);
  expect(province.suggestedFilename()).toBe('普法宣传统计-示范省-2026.xlsx');
  expect(await sheetsOf(province)).toEqual(['年度汇总', '月度统计', '分市统计', '按宣传节点', '按六进', '分乡镇统计', '示范市', '江北市']);
});
