// axe-core over every page, in both languages, on a desktop and a phone: no violation of any
// impact (WCAG 2.x A/AA and axe's best practices, as axe runs by default).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { EventListResponse, SubmissionGrid } from '../packages/domain/src/index.ts';
import { PASSWORD } from './helpers.ts';

/** Signs in through the API (the login page in either language has been checked already). */
async function signInAs(page: Page, username: string) {
  expect((await page.request.post('/api/auth/login', { data: { username, password: PASSWORD } })).status()).toBe(200);
}

const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 360, height: 740 } } as const;
const LANGUAGES = { 'zh-CN': '统计看板', en: 'Dashboard' } as const;

async function violations(page: Page) {
  // Wait for what the page loads to be drawn: no spinner, no skeleton.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  for (const [language, dashboard] of Object.entries(LANGUAGES)) {
    test(`every page passes axe: ${viewportName}, ${language}`, async ({ page }) => {
      // Generous: 17 pages × axe on a shared 2-core machine took over 4 minutes at load 14.
      test.setTimeout(600_000);
      await page.setViewportSize(viewport);
      await page.goto('/login');
      await page.evaluate(`localStorage.setItem('pufa.language', '${language}')`);
      await page.reload();
      expect(await violations(page), '/login').toEqual([]);

      await signInAs(page, 'admin');
      await page.goto('/dashboard');
      await expect(page.getByRole('heading', { level: 1, name: dashboard })).toBeVisible();
      const list = (await (await page.request.get('/api/events?pageSize=1')).json()) as EventListResponse;
      const id = list.items[0]!.id;
      const grid = (await (await page.request.get('/api/submissions?year=2026')).json()) as SubmissionGrid;
      // The submissions page, and one period opened in its drawer (a submitted one: the review step shows).
      const reviewed = grid.rows.find((r) => r.cells.some((c) => c.status === 'submitted'))!;
      const openPeriod = reviewed.cells.find((c) => c.status === 'submitted')!.period;
      const pages = ['/dashboard', '/events', '/events/new', `/events/${id}`, `/events/${id}/edit`, '/exports', '/imports', '/reports/print?year=2026', '/plans', '/plans?tab=check', '/calendar', '/settings', '/admin', '/submissions', `/submissions?townshipId=${reviewed.townshipId}&period=${openPeriod}`, '/reports/evidence?from=2026-01-01&to=2026-12-31', '/no-such-page'];
      const found: Record<string, string[]> = {};
      for (const path of pages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
        const problems = await violations(page);
        if (problems.length) found[path] = problems;
      }
      // The named-day matrix (宣传节点落实), a tab of the submissions page: it scrolls sideways.
      const [tabsLabel, namedDays] = language === 'en' ? ['Submissions', 'Named days'] : ['上报审核', '宣传节点落实'];
      await page.goto('/submissions');
      if (viewportName === 'desktop') await page.getByRole('tab', { name: namedDays }).click();
      else {
        await page.getByRole('combobox', { name: tabsLabel }).click();
        // antd draws the visible options as plain items (its role=option list is for screen readers).
        await page.locator('.ant-select-item-option', { hasText: namedDays }).click();
        // The list's closing animation fades over the header: axe would read it half-drawn.
        await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
      }
      await expect(page.getByTestId('named-day-matrix')).toBeVisible();
      const matrix = await violations(page);
      if (matrix.length) found['/submissions (named days)'] = matrix;
      // A button under the pointer keeps its contrast (Ant Design's derived hover blue was 4.2:1).
      await page.getByRole('button', { name: language === 'en' ? '中文' : 'English' }).hover();
      await page.waitForTimeout(600); // the hover colour's transition (0.2 s) has ended
      const hovered = await new AxeBuilder({ page }).withRules(['color-contrast']).include('header').analyze();
      expect(hovered.violations.map((v) => v.nodes.map((n) => n.html)), 'a hovered header button').toEqual([]);
      // A page a role may not use says so, accessibly too.
      await page.context().clearCookies();
      await signInAs(page, 'leader');
      await page.goto('/events/new');
      const forbidden = await violations(page);
      if (forbidden.length) found['/events/new (leader)'] = forbidden;
      // A township clerk: the home page with its submission notices, and its own period to submit.
      await page.context().clearCookies();
      await signInAs(page, 'clerk');
      for (const path of ['/events', '/submissions?period=2026-10']) {
        await page.goto(path);
        const problems = await violations(page);
        if (problems.length) found[`${path} (clerk)`] = problems;
      }
      expect(found).toEqual({});
    });
  }
}
