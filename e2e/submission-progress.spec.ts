// Issue 20: above the county, the submissions page counts the units one level down. A city leader
// (demo 示范市) reads its counties' months and named days, drills into a county's townships and
// one township's period (read-only), and back; a province administrator drills province → city →
// county. axe finds nothing in either language, on a desktop and a phone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { SessionUser, SubmissionProgress } from '../packages/domain/src/index.ts';
import { signIn } from './helpers.ts';

async function violations(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

async function progressOf(page: Page, unitId: number, year: number) {
  const res = await page.request.get(`/api/org-units/${unitId}/submission-progress?year=${year}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as SubmissionProgress;
}

test('a city leader reads the counties’ submissions and named days, drills into a county’s townships and back', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'cityleader');
  const me = (await (await page.request.get('/api/auth/me')).json()) as SessionUser;
  await page.goto('/submissions');
  const grid = page.getByTestId('unit-progress');
  // The city's two counties, nothing of the other city (江北县).
  await expect(grid.getByRole('link')).toHaveText(['示范县', '东山区']);
  await expect(page.getByText('江北县')).toHaveCount(0);
  // Each begun month shows the county's approved townships of all, as the API counts them.
  const progress = await progressOf(page, me.orgUnitId, Number(await page.evaluate('new Date().getFullYear()')));
  const dongshan = progress.rows.find((r) => r.name === '东山区')!;
  expect(dongshan.cells[0]!.townships).toBe(2);
  const begun = dongshan.cells.filter((c) => c.period.length === 7 && `${c.period}-01` <= progress.today);
  for (const cell of begun) {
    const shown = page.getByTestId(`progress-${dongshan.id}-${cell.period}`);
    await expect(shown).toContainText(`${cell.approved}/2 已通过`);
    if (cell.late > 0) await expect(shown).toContainText(`逾期 ${cell.late}`);
  }
  expect(await violations(page), 'progress, zh').toEqual([]);
  await page.getByRole('tab', { name: '宣传节点落实' }).click();
  await expect(page.getByTestId('named-day-progress').getByRole('link')).toHaveText(['示范县', '东山区']);
  expect(await violations(page), 'named days, zh').toEqual([]);

  // Drill: the named days of 东山区's townships (the tab is kept), then its grid and one period.
  await page.getByTestId('named-day-progress').getByRole('link', { name: '东山区' }).click();
  await expect(page).toHaveURL(/orgUnitId=\d+.*tab=named-days|tab=named-days.*orgUnitId=\d+/);
  await expect(page.getByTestId('named-day-matrix')).toContainText('东山街道');
  await expect(page.getByTestId('unit-trail')).toHaveText(/示范市.*东山区/);
  await page.getByRole('tab', { name: '上报进度' }).click();
  const townships = page.getByTestId('submission-grid');
  await expect(townships.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(townships).toContainText('东山街道');
  await expect(townships).toContainText('青石镇');
  expect(await violations(page), 'a county, zh').toEqual([]);
  if (begun.length > 0) {
    await townships.getByRole('button', { name: new RegExp(`^东山街道 ${begun[0]!.period.slice(0, 4)}年${Number(begun[0]!.period.slice(5))}月 `) }).click();
    await expect(page.getByRole('dialog')).toContainText('东山街道');
    await expect(page.getByRole('button', { name: '审核通过' })).toHaveCount(0); // a city approves nothing
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  // Back up to the city.
  await page.getByTestId('unit-trail').getByRole('link', { name: '示范市' }).click();
  await expect(page.getByTestId('unit-progress').getByRole('link')).toHaveText(['示范县', '东山区']);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Each cell: townships approved / townships')).toBeVisible();
  await expect(page.getByTestId(`progress-${dongshan.id}-${dongshan.cells[0]!.period}`)).toContainText(begun.length > 0 ? '/2 approved' : 'Not begun');
  expect(await violations(page), 'progress, en').toEqual([]);
  await page.getByRole('tab', { name: 'Named days' }).click();
  await expect(page.getByTestId('named-day-progress').getByRole('link', { name: 'Dongshan District' })).toBeVisible();
  expect(await violations(page), 'named days, en').toEqual([]);
  await page.getByRole('button', { name: '中文' }).click();
});

test('a province administrator drills province → city → county on a phone', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'provinceadmin');
  await page.goto('/submissions');
  const cards = page.getByTestId('unit-progress');
  await expect(cards.getByRole('link')).toHaveText(['示范市', '江北市']);
  // Nothing wider than the phone.
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  expect(await violations(page), 'province on a phone, zh').toEqual([]);
  // The named days as a card per city, nothing wider than the phone either.
  await page.getByRole('combobox', { name: '上报审核' }).click();
  await page.locator('.ant-select-item-option', { hasText: '宣传节点落实' }).click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  const days = page.getByTestId('named-day-progress');
  await expect(days.getByRole('link')).toHaveText(['示范市', '江北市']);
  await expect(days.getByText('12·4国家宪法日').first()).toBeVisible();
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  expect(await violations(page), 'named days on a phone, zh').toEqual([]);
  await page.getByRole('combobox', { name: '上报审核' }).click();
  await page.locator('.ant-select-item-option', { hasText: '上报进度' }).click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await cards.getByRole('link', { name: '示范市' }).click();
  await expect(page.getByTestId('unit-progress').getByRole('link')).toHaveText(['示范县', '东山区']);
  await expect(page.getByTestId('unit-trail')).toHaveText(/示范省.*示范市/);
  await page.getByTestId('unit-progress').getByRole('link', { name: '示范县' }).click();
  await expect(page.getByTestId('submission-grid')).toContainText('涂市镇');
  await expect(page.getByTestId('unit-trail')).toHaveText(/示范省.*示范市.*示范县/);
  expect(await violations(page), 'a county on a phone, zh').toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('unit-trail').getByRole('link', { name: 'Demo Province' }).click();
  await expect(page.getByTestId('unit-progress').getByRole('link')).toHaveText(['Demo City', 'Jiangbei City']);
  expect(await violations(page), 'province on a phone, en').toEqual([]);
  await page.getByRole('button', { name: '中文' }).click();
});
