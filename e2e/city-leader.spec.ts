// Issue 20: a city leader (demo 示范市) lands on the city's dashboard, ranks its counties, drills
// into one county, one of its townships and one of its events; axe finds nothing in either language.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

const YEAR_VIEW = '/dashboard?period=year&from=2026-01-01&to=2026-12-31';

test('a city leader ranks the counties, drills to a county, a township and an event', async ({ page }) => {
  test.setTimeout(120_000); // four dashboards and axe twice in two languages: 60 s was seen too tight on a loaded machine
  await signIn(page, 'cityleader');
  const villageLists: string[] = [];
  page.on('request', (r) => void (r.url().includes('/api/stats') && r.url().includes('groupBy=village') && villageLists.push(r.url())));
  await page.goto(YEAR_VIEW);
  const ranking = page.getByTestId('sub-unit-ranking');
  await expect(page.getByText('各县（区）排名')).toBeVisible();
  // The city's two counties, nothing of the other city (江北县).
  await expect(ranking.getByRole('link')).toHaveText([/示范县|东山区/, /示范县|东山区/]);
  await expect(page.getByText('江北县')).toHaveCount(0);
  // Coverage county by county ("reached / villages"), read from the ranking: no list of every village.
  const coverage = page.getByTestId('unit-coverage').getByRole('link');
  await expect(coverage).toHaveCount(2);
  await expect(coverage.first()).toHaveText(/(示范县|东山区)\d+ \/ [1-9]\d*/);
  expect(villageLists).toEqual([]);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await ranking.getByRole('link', { name: '东山区' }).click();
  await expect(page).toHaveURL(/orgUnitId=\d+/);
  await expect(page.getByTestId('sub-unit-ranking')).toHaveCount(0); // a county: its townships, below
  await page.getByText('东山街道', { exact: true }).click();
  await expect(page.getByText('已覆盖 ')).toBeVisible();
  // A campaign's row opens the township's events of that campaign; the first opens its page.
  await page.getByTestId('breakdown-campaign').locator('tbody tr.ant-table-row').first().click();
  await expect(page).toHaveURL(/\/events\?/);
  await page.locator('a[href^="/events/"]').first().click();
  await expect(page.getByText('修改记录')).toBeVisible();
  await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0); // read-only above the county

  await page.goto(YEAR_VIEW);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Counties (districts) ranked')).toBeVisible();
  await expect(page.getByTestId('sub-unit-ranking').getByRole('link', { name: 'Dongshan District' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole('button', { name: '中文' }).click();
});
