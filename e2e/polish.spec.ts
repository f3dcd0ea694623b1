// Leftovers of issue 22 in Chromium: the ledger readable in English at 1366 px, a refused
// upload's reason kept beside the file, one way of writing moments, and the named-day matrix
// that does not count days before a township's reporting start as missed.
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD } from './helpers.ts';

async function signInAs(page: Page, username: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  await page.goto('/login');
  await page.evaluate(`localStorage.setItem('pufa.language', '${language}')`);
  expect((await page.request.post('/api/auth/login', { data: { username, password: PASSWORD } })).status()).toBe(200);
}

/** Every header and cell of the ledger whose text is cut (wider than its box), and whether the table scrolls sideways. */
const CLIPPED = `(() => {
  const table = document.querySelector('.ant-table');
  const cut = [];
  for (const cell of table.querySelectorAll('.ant-table-thead th, .ant-table-tbody td')) {
    for (const el of [cell, ...cell.querySelectorAll('*')]) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') { cut.push(cell.textContent.trim()); break; }
    }
  }
  const scroller = table.querySelector('.ant-table-content, .ant-table-body');
  const rightEdge = Math.max(...[...table.querySelectorAll('.ant-table-thead th')].map((th) => th.getBoundingClientRect().right));
  return { cut, scrolls: scroller.scrollWidth > scroller.clientWidth + 1, offScreen: rightEdge > window.innerWidth };
})()`;

for (const language of ['en', 'zh-CN'] as const) {
  test(`the ledger shows every column whole at 1366 px and as cards at 390 px: ${language}`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInAs(page, 'clerk', language);
    await page.goto('/events');
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
    const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    if (language === 'en') expect(headers).toEqual(expect.arrayContaining(['Audience', 'Leaflets', 'Evidence']));
    await page.screenshot({ path: test.info().outputPath(`ledger-1366-${language}.png`) });
    expect(await page.evaluate(CLIPPED)).toEqual({ cut: [], scrolls: false, offScreen: false });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId('event-card').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`ledger-390-${language}.png`) });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
}

test('a refused photo keeps its reason beside its name until it is removed; a refused ledger file too', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, 'clerk');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { townshipIds: number[] };
  const today = (await page.evaluate('new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10)')) as string;
  const created = await page.request.post('/api/events', { data: { startDate: today, title: `拒收文件 ${Date.now()}`, townshipId: me.townshipIds[0], audience: 5 } });
  expect(created.status(), await created.text()).toBe(201);
  const event = (await created.json()) as { id: number };
  await page.goto(`/events/${event.id}`);
  const panel = page.getByTestId('evidence-panel');
  await panel.locator('input[type=file][multiple]').setInputFiles({ name: '会议记录.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
  const refusal = panel.getByTestId('upload-refusal');
  await expect(refusal).toContainText('未上传。文件：不支持的文件类型');
  // Beside its own name, in the list, and still there after a toast would have gone.
  await expect(panel.locator('.ant-upload-list-item-error')).toContainText('会议记录.txt');
  await page.waitForTimeout(4_000);
  await expect(refusal).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('upload-refusal.png') });
  await panel.locator('.ant-upload-list-item-error').hover();
  await panel.getByRole('button', { name: /删除|Remove/ }).click();
  await expect(refusal).toHaveCount(0);

  await page.goto('/imports');
  await page.locator('input[type=file]').first().setInputFiles({ name: '坏表格.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('not a workbook') });
  const importRefusal = page.getByTestId('import-upload-refusal');
  await expect(importRefusal).toContainText('“坏表格.xlsx”未能导入');
  await page.waitForTimeout(4_000);
  await expect(importRefusal).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('import-refusal.png') });
  await importRefusal.getByRole('button', { name: '移除' }).click();
  await expect(importRefusal).toHaveCount(0);
});

test('moments are written YYYY-MM-DD HH:mm in both languages (no 2026/12/7, no 07/12/2026)', async ({ page }) => {
  for (const language of ['en', 'zh-CN'] as const) {
    await signInAs(page, 'clerk', language);
    const list = (await (await page.request.get('/api/events?pageSize=1')).json()) as { items: { id: number }[] };
    await page.goto(`/events/${list.items[0]!.id}`);
    const label = language === 'en' ? 'Logged' : '登记时间';
    await expect(page.getByRole('row', { name: new RegExp(label) })).toHaveText(new RegExp(`${label}\\s*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(?!:)`));
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}/);
  }
});

test('the named-day matrix shows days before the townships\' reporting start as 无需上报, not 未开展', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, 'admin');
  // The demo townships report from January of this year: last year asked nothing of them.
  const lastYear = new Date().getFullYear() - 1;
  await page.goto(`/submissions?year=${lastYear}`);
  await page.getByRole('tab', { name: '宣传节点落实' }).click();
  const matrix = page.getByTestId('named-day-matrix');
  await expect(matrix.locator('.ant-table-row').first()).toBeVisible();
  await expect(matrix.getByText('无需上报').first()).toBeVisible();
  await expect(matrix.getByText('未开展')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('named-days-last-year.png') });
  await page.goto(`/submissions?year=${lastYear + 1}`);
  await page.getByRole('tab', { name: '宣传节点落实' }).click();
  await expect(matrix.getByText('未开展').first()).toBeVisible();
  // The demo township reports from January: nothing this year is 无需上报 for it. (Townships other
  // journeys create start reporting later, so their earlier named days rightly are.)
  const tushi = matrix.locator('.ant-table-row', { hasText: '涂市镇' });
  await expect(tushi).toHaveCount(1);
  await expect(tushi.getByText('无需上报')).toHaveCount(0);
});

test('an 8-digit date outside the allowed years is refused on the field at once, not read as 1900-01-01', async ({ page }) => {
  await signInAs(page, 'clerk');
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.type('19000101');
  await page.keyboard.press('Tab');
  await expect(page.getByText('日期超出允许范围：“19000101”读作 1900-01-01，年份应在 2000 至 2100 之间')).toBeVisible();
  await expect(page.getByLabel('开始日期')).not.toHaveValue('1900-01-01');
});
