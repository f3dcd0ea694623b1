// Dead ends found by new township users (issue 22), each walked through in Chromium.
import { expect, test, type Page } from '@playwright/test';
import type { EventListResponse, SubmissionGrid } from '../packages/domain/src/index.ts';
import { PASSWORD, signIn } from './helpers.ts';

const year = new Date().getFullYear();

async function grid(page: Page): Promise<SubmissionGrid> {
  return (await (await page.request.get(`/api/submissions?year=${year}`)).json()) as SubmissionGrid;
}

async function eventsIn(page: Page, townshipId: number, period: string) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return ((await (await page.request.get(`/api/events?townshipId=${townshipId}&from=${period}-01&to=${to}&pageSize=1`)).json()) as EventListResponse).items;
}

/** Errors the page threw or logged (an uncaught rejection, a React warning). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The browser's own line for a refused request is no error of the app.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  return errors;
}

test.describe.configure({ timeout: 120_000 });

test.describe('locked periods', () => {
  test('an event of an approved month shows its lock; edit and delete are disabled with the reason', async ({ page }) => {
    await signIn(page, 'admin');
    // The first approved month of a neighbouring township that has an event.
    let event: { id: number; title: string } | undefined;
    for (const row of (await grid(page)).rows) {
      for (const cell of row.cells.filter((c) => c.status === 'approved' && c.period.length === 7)) {
        event ??= (await eventsIn(page, row.townshipId, cell.period))[0];
      }
    }
    if (!event) throw new Error('no event in an approved month');

    await page.goto(`/events/${event.id}`);
    await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible();
    const lock = page.getByTestId('event-lock');
    await expect(lock).toContainText('已锁定', { timeout: 30_000 });
    await expect(lock).toContainText('已通过县级审核，需县级退回后才能修改');
    await expect(page.getByRole('button', { name: '编辑' })).toBeDisabled();
    await expect(page.getByRole('button', { name: '删除' })).toBeDisabled();

    // The edit page (a bookmark, the back button) says so before anything is typed.
    await page.goto(`/events/${event.id}/edit`);
    await expect(page.getByTestId('event-lock')).toContainText('需县级退回后才能修改', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: '保存', exact: true })).toBeDisabled();
    await expect(page.getByLabel('活动主题')).toBeDisabled();
    await expect(page.getByRole('button', { name: '取消' })).toBeEnabled();
  });

  test('a delete refused because the month was submitted meanwhile says why and closes the dialog', async ({ page, browser }) => {
    await signIn(page, 'admin');
    const errors = consoleErrors(page);
    // A returned month is open: its event page offers delete.
    const row = (await grid(page)).rows.find((r) => r.cells.some((c) => c.status === 'returned'))!;
    const cell = row.cells.find((c) => c.status === 'returned')!;
    const created = await page.request.post('/api/events', { data: { townshipId: row.townshipId, startDate: `${cell.period}-15`, title: `退回月份的活动 ${Date.now()}` } });
    expect(created.status()).toBe(201);
    const event = (await created.json()) as { id: number };
    await page.goto(`/events/${event.id}`);
    await expect(page.getByRole('button', { name: '删除' })).toBeEnabled();

    // Meanwhile the township's clerk submits the month again (only the township submits; the county reviews).
    const username = `fr${Date.now().toString(36)}`;
    expect((await page.request.post('/api/users', { data: { username, displayName: '本镇录入员', password: PASSWORD, role: 'clerk', orgUnitId: row.townshipId } })).status()).toBe(201);
    const clerk = await browser.newPage();
    await signIn(clerk, username);
    const submitted = await clerk.request.post('/api/submissions', { data: { townshipId: row.townshipId, period: cell.period } });
    expect(submitted.status()).toBe(201);
    const { id } = (await submitted.json()) as { id: number };
    await clerk.close();
    try {
      await page.getByRole('button', { name: '删除' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('。删除后台账与统计中将不再包含此活动。');
      // Who can undo the delete is said before it is made (a clerk cannot restore).
      await expect(dialog).toContainText('30 天内可由管理员在“用户与日志”页恢复');
      await dialog.getByRole('button', { name: '删除' }).click();
      await expect(page.locator('.ant-message')).toContainText('已上报，需县级退回后才能修改');
      await expect(dialog).toBeHidden();
      // The page now shows the lock, and the event is still there.
      await expect(page.getByTestId('event-lock')).toContainText('已上报');
      await expect(page.getByRole('button', { name: '删除' })).toBeDisabled();
      expect(errors).toEqual([]);
    } finally {
      expect((await page.request.post(`/api/submissions/${id}/return`, { data: { reason: cell.returnReason || '请补充' } })).status()).toBe(200);
      expect((await page.request.delete(`/api/events/${event.id}`)).status()).toBe(204);
    }
  });
});

test('a township clerk is offered only their township and villages as the scope, and a county in the address falls back to it', async ({ page }) => {
  await signIn(page, 'clerk');
  const reference = (await (await page.request.get('/api/reference')).json()) as { orgUnits: { id: number; name: string; level: string; children: { id: number; name: string }[] }[] };
  const county = reference.orgUnits[0]!;
  expect(county.level).toBe('county');
  const township = county.children[0]!;

  await page.goto('/dashboard');
  await page.getByLabel('范围').click();
  const tree = page.locator('.ant-select-tree');
  await expect(tree.getByTitle(township.name, { exact: true })).toBeVisible();
  await expect(tree.getByTitle(county.name, { exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The county in the address (a link from the county's page): the clerk's own figures, no raw error.
  await page.goto(`/dashboard?period=year&from=${year}-01-01&to=${year}-12-31&orgUnitId=${county.id}`);
  await expect(page).not.toHaveURL(/orgUnitId=/);
  await expect(page.getByTestId('kpi-activities')).not.toContainText('–');
  await expect(page.getByTestId('kpi-activities').locator('.ant-statistic-content-value')).not.toHaveText('0');
  await expect(page.getByText('不存在或不属于所选乡镇')).toHaveCount(0);
  await page.goto(`/exports?period=year&from=${year}-01-01&to=${year}-12-31&orgUnitId=${county.id}`);
  await expect(page.getByTestId('paragraph-exact')).toBeVisible({ timeout: 30_000 });
});

test('the event form reads dates typed as ledgers write them, and says at once why one cannot be read', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  const start = page.getByLabel('开始日期');
  for (const typed of ['2026-12-4', '2026.12.4', '2026/12/4', '20261204', '2026年12月4日']) {
    await start.fill('');
    await start.click();
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
    await expect(start, typed).toHaveValue('2026-12-04');
  }
  // The date's campaign is suggested from the date read.
  await expect(page.getByTestId('campaign-suggestions')).toContainText('12·4国家宪法日');
  // A range typed into the start date fills the end date too.
  await start.fill('');
  await start.click();
  await page.keyboard.type('2026.12.1-5');
  await page.keyboard.press('Tab');
  await expect(start).toHaveValue('2026-12-01');
  await expect(page.getByLabel('结束日期')).toHaveValue('2026-12-05');
  // What is no date is said under the field at once.
  await start.fill('');
  await start.click();
  await page.keyboard.type('2026-2-30');
  await page.keyboard.press('Tab');
  await expect(page.getByText('日历上没有这一天：“2026-2-30”')).toBeVisible();
});

test('saving shows no duplicate warning for the event itself, and its history shows the edit without a reload', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  // Watch the whole save for a duplicate warning, however briefly it shows.
  await page.evaluate(`(() => {
    const seen = { warned: false };
    window.seen = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="duplicate-warning"]')) seen.warned = true;
    }).observe(document.body, { childList: true, subtree: true });
  })()`);
  await page.getByLabel('开始日期').fill('2026-11-20');
  await page.keyboard.press('Tab');
  const title = `重复提醒检查 ${Date.now()}`;
  await page.getByLabel('活动主题').fill(title);
  await page.getByLabel('活动主题').press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect(await page.evaluate<boolean>('window.seen.warned')).toBe(false);
  const history = page.locator('.ant-card').filter({ has: page.getByText('修改记录', { exact: true }) });
  await expect(history).toContainText('登记');

  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('受众人次').fill('77');
  await page.getByLabel('受众人次').press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(history).toContainText('改动：受众');
});

test('the dashboard: each total card opens its events, and the year chart writes each month\'s figures', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto(`/dashboard?period=year&from=${year}-01-01&to=${year}-12-31`);
  const activities = page.getByTestId('kpi-activities');
  await expect(activities.locator('.ant-statistic-content-value')).not.toHaveText('–', { timeout: 30_000 });
  const count = (await activities.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, '');
  const stats = (await (await page.request.get(`/api/stats?from=${year}-01-01&to=${year}-12-31&groupBy=month`)).json()) as { rows: { key: string; activities: number; leaflets: number }[] };
  // Each month's activities are written on its bar.
  const chart = page.getByTestId('month-chart');
  const busiest = stats.rows.reduce((a, b) => (b.activities > a.activities ? b : a));
  await expect(chart.locator('svg text', { hasText: new RegExp(`^${busiest.activities}$`) }).first()).toBeVisible();
  await expect(chart.locator('svg text', { hasText: new RegExp(`^${busiest.leaflets.toLocaleString('zh-CN')}$`) }).first()).toBeAttached();

  for (const key of ['activities', 'leaflets', 'audience', 'villagesReached']) {
    await page.getByTestId(`kpi-${key}`).click();
    await expect(page).toHaveURL(new RegExp(`/events\\?from=${year}-01-01&to=${year}-12-31`));
    await expect(page.getByTestId('total-activities')).toContainText(count);
    await page.goBack();
  }
});

test('the material search finds 宣传资料/传单 by 宣传单 and by its pinyin initials; 添加资料 moves the focus to the new line', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  await page.getByLabel('资料种类 1').click();
  await page.keyboard.type('宣传单');
  await expect(page.locator('.ant-select-item-option')).toHaveText(['宣传资料/传单（份）']);
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-select-content', { hasText: '宣传资料/传单（份）' })).toBeVisible();

  await page.getByRole('button', { name: '添加资料' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('资料种类 2')).toBeFocused();
  await page.keyboard.type('hf');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText(['横幅（条）']);
});

test('the sign-in page: an empty submit clears the last wrong-password answer, and the console carries no advertisement', async ({ page }) => {
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  await page.goto('/login');
  await page.getByLabel('用户名').fill('clerk');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('用户名或密码错误')).toBeVisible();
  await page.getByLabel('用户名').fill('');
  await page.getByLabel('密码').fill('');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('请输入用户名')).toBeVisible();
  await expect(page.getByText('用户名或密码错误')).toHaveCount(0);
  // The password can be shown while typing it (a phone in the sun), and hidden again.
  const password = page.locator('#login-password');
  await password.fill('pufa');
  const show = page.getByRole('button', { name: '显示密码' });
  await show.click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await show.click();
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).toHaveValue('pufa');
  expect(logged.filter((line) => line.includes('i18next'))).toEqual([]);
});
