import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

const YEAR_VIEW = '/dashboard?period=year&from=2026-01-01&to=2026-12-31';
const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('an event logged a moment ago is in the dashboard; a month bar opens that month of the ledger', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto(YEAR_VIEW);
  const activities = page.getByTestId('kpi-activities').locator('.ant-statistic-content-value');
  await expect(activities).toHaveText(/^[1-9][\d,]*$/); // loaded (a dash while loading)
  const before = number(await activities.textContent());
  await expect(page.getByTestId('kpi-leaflets').locator('.ant-statistic-content-value')).toHaveText(/^\d[\d,]*$/);
  const leafletsBefore = number(await page.getByTestId('kpi-leaflets').locator('.ant-statistic-content-value').textContent());

  const reference = await (await page.request.get('/api/reference')).json();
  const townshipId = reference.orgUnits[0].children[0].id;
  const leaflet = reference.materialTypes.find((m: { code: string }) => m.code === 'leaflet').id;
  const title = `看板测试 ${Date.now()}`;
  const created = await page.request.post('/api/events', {
    data: { startDate: '2026-03-10', title, townshipId, audience: 77, materials: [{ materialTypeId: leaflet, quantity: 321 }] },
  });
  expect(created.status()).toBe(201);

  await page.reload();
  await expect(activities).toHaveText(String(before + 1));
  await expect(page.getByTestId('kpi-leaflets').locator('.ant-statistic-content-value')).toHaveText((leafletsBefore + 321).toLocaleString('zh-CN'));
  await expect(page.getByTestId('kpi-activities-last-year')).toContainText('去年同期');

  // The dashboard's Excel is the workbook of this very view.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('普法宣传统计-涂市镇-2026.xlsx');

  // The March column of the 12-month chart (the chart maps a click to the nearest month).
  const chart = page.getByTestId('month-chart');
  await expect(chart.locator('svg')).toBeVisible();
  // Everything above the chart has loaded (the reminder card moves it down when it arrives).
  await expect(page.getByTestId('upcoming')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  const gridLeft = 60;
  const gridWidth = box.width - 2 * gridLeft;
  await page.mouse.click(box.x + gridLeft + gridWidth * (2.5 / 12), box.y + box.height * 0.7);
  await expect(page).toHaveURL(/\/events\?from=2026-03-01&to=2026-03-31/);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
});

test('a breakdown row and a village tile open the events they count', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/');
  await expect(page).toHaveURL(/\/dashboard/); // leaders start on the dashboard
  await page.goto(YEAR_VIEW);
  await page.getByRole('tab', { name: '宣传法律' }).click();
  const row = page.getByTestId('breakdown-law').locator('tr.ant-table-row').first();
  await expect(row).toBeVisible();
  const law = (await row.locator('td').first().textContent())!.trim();
  const count = number(await row.locator('td').nth(1).textContent());
  await row.click();
  await expect(page).toHaveURL(/lawId=\d+/);
  await expect(page.getByText(`宣传法律: ${law}`)).toBeVisible();
  await expect(page.getByTestId('total-activities')).toContainText(String(count));

  await page.goto(YEAR_VIEW);
  const tiles = page.getByTestId('village-coverage').locator('.village-tile');
  await expect(tiles).toHaveCount(10);
  await tiles.first().click();
  await expect(page).toHaveURL(/villageId=\d+/);
});
