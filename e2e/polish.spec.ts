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
