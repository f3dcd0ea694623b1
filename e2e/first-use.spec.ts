// What a first-time clerk, leader and administrator ran into (issue 14), as they would meet it:
// the keyboard, the figures, the pages by role, phones and the report wording.
import { expect, test, type Page } from '@playwright/test';
import { materialReportName, roundedChinese, type AnnualReport, type Event, type Reference } from '../packages/domain/src/index.ts';
import { signIn } from './helpers.ts';

const stamp = Date.now() % 1_000_000;

/** The keyboard, counted: every key press (a typed character counts one). */
function countedKeyboard(page: Page) {
  let presses = 0;
  return {
    press: async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) {
        presses += 1;
        await page.keyboard.press(key);
      }
    },
    type: async (text: string) => {
      presses += [...text].length;
      await page.keyboard.type(text);
    },
    get presses() {
      return presses;
    },
  };
}

// Expressions evaluated in the page (the e2e type check has no DOM library).
const focusedId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");
const reference = async (page: Page) => (await page.request.get('/api/reference')).json() as Promise<Reference>;

test('the sample event is logged with the keyboard alone in at most 60 key presses, and saves what was chosen', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  const keys = countedKeyboard(page);
  const title = '宪法宣传'; // the page is found by its id, not its title

  await keys.type('2026-11-20');
  await keys.press('Enter');
  await keys.press('Tab', 3); // end date, township, title: the date's clear button is no tab stop
  expect(await focusedId(page)).toBe('title');
  await keys.type(title);
  await keys.press('Tab', 4); // campaign, location, "all villages", villages
  expect(await focusedId(page)).toBe('villageIds');
  for (const village of ['银', '红', '石']) {
    await keys.type(village);
    await keys.press('Enter');
  }
  await keys.press('Tab', 8); // six 六进 boxes, target groups, departments: Tab leaves the open select
  expect(await focusedId(page)).toBe('departmentIds');
  for (const department of ['司', '派']) {
    await keys.type(department);
    await keys.press('Enter');
  }
  await keys.press('Tab', 3); // forms, laws, audience
  expect(await focusedId(page)).toBe('audience');
  await keys.type('120');
  await keys.press('Tab', 2); // consultations, material type
  await keys.type('宣');
  await keys.press('Enter');
  await keys.press('Tab');
  expect(await focusedId(page)).toBe('materials_0_quantity');
  await keys.type('300');
  await keys.press('Control+Enter');

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // The event page opens at its top: title and 编辑/删除 in view.
  expect(await page.evaluate<number>('window.scrollY')).toBe(0);
  await expect(page.getByRole('button', { name: '编辑' })).toBeInViewport();
  console.log(`sample event: ${keys.presses} key presses`);
  expect(keys.presses).toBeLessThanOrEqual(60);

  const id = page.url().split('/').at(-1);
  const event = (await (await page.request.get(`/api/events/${id}`)).json()) as Event;
  const ref = await reference(page);
  const names = (ids: number[], rows: { id: number; name: string }[]) => ids.map((i) => rows.find((r) => r.id === i)?.name);
  expect(event.startDate).toBe('2026-11-20');
  expect(names(event.villageIds, ref.orgUnits[0]!.children[0]!.children).sort()).toEqual(['石桥村', '红岩村', '银杏村'].sort());
  expect(names(event.departmentIds, ref.departments).sort()).toEqual(['司法所', '派出所'].sort());
  expect(event.targetGroupIds).toEqual([]);
  expect(event).toMatchObject({ audience: 120, materials: [{ materialTypeId: ref.materialTypes[0]!.id, quantity: 300 }] });
});

test('Tab leaves every select of the event form without choosing anything; Escape then Tab after a search with no match moves on', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  // 宣传对象 after typing "农民" + Enter: one choice, and Tab moves on (it used to toggle 青少年 and stay).
  await page.locator('#targetGroupIds').focus();
  await page.keyboard.type('农民');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('departmentIds');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('formIds');
  await expect(page.locator('.ant-form-item', { has: page.locator('#targetGroupIds') }).locator('.ant-select-selection-item')).toHaveCount(1);

  const selects = await page.locator('form .ant-select input[id]').evaluateAll((inputs) => inputs.map((i) => i.id));
  expect(selects.length).toBeGreaterThanOrEqual(8);
  for (const id of selects) {
    const field = page.locator(`#${id}`);
    const chosen = page.locator('.ant-form-item', { has: field }).locator('.ant-select-selection-item');
    const before = await chosen.count();
    await field.focus();
    await page.keyboard.press('ArrowDown'); // open the list, an option highlighted
    await page.keyboard.press('Tab');
    expect(await focusedId(page), `Tab leaves ${id}`).not.toBe(id);
    await expect(chosen, `Tab chooses nothing in ${id}`).toHaveCount(before);
  }

  await page.locator('#villageIds').focus();
  await page.keyboard.type('没有这个村');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await page.evaluate<string>('document.activeElement?.tagName')).not.toBe('BODY');
});

test('the form says what is wrong at the top, under each field without repeating its label, warns on a future date and never cuts a title', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.press('Control+Enter');
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('开始日期：必填');
  // Under the field, only the words; the start date's calendar stays closed.
  const dateItem = page.locator('.ant-form-item', { has: page.locator('#startDate') });
  await expect(dateItem.locator('.ant-form-item-explain')).toHaveText('必填');
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
  expect((await summary.boundingBox())!.y).toBeLessThan(300);

  const next = new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('#startDate').fill(next);
  await page.locator('#startDate').press('Enter');
  await expect(page.getByTestId('future-date-warning')).toContainText('这一天还没到');

  const long = '宪'.repeat(250);
  await page.locator('#title').fill(long);
  await expect(page.locator('#title')).toHaveValue(long);
  await expect(page.locator('.ant-form-item', { has: page.locator('#title') })).toContainText('250 / 200');
  await page.locator('#startDate').fill('2062-12-04');
  await page.locator('#startDate').press('Enter');
  await page.keyboard.press('Control+Enter');
  await expect(summary).toContainText('活动主题：不能超过 200 个字');
  await expect(summary).toContainText('开始日期：不能晚于一年以后');
  await expect(page.locator('#title')).toHaveValue(long);
});

test('a logged 12·4 event is linked to the 12·4 plan item on save, said so, and the link can be undone', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.type('2026-12-04');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('campaign-suggestions')).toContainText('12·4国家宪法日');
  await page.locator('#title').fill(`宪法日进村${stamp}`);
  await page.keyboard.press('Control+Enter');
  const notice = page.locator('.ant-notification-notice');
  await expect(notice).toContainText('已自动关联计划事项“12·4国家宪法日集中宣传”');
  const links = page.getByTestId('event-plan-links');
  await expect(links).toContainText('已关联');
  await notice.getByRole('button', { name: '撤销关联' }).click();
  await expect(page.getByText('已撤销关联')).toBeVisible();
  // Back among the suggestions, to be linked by hand if wanted.
  await expect(links.getByRole('listitem').filter({ hasText: '12·4国家宪法日集中宣传' }).getByRole('button', { name: /^(link )?关联$/ })).toBeVisible();
  await expect(links).not.toContainText('已关联');

  // The edit page has a Cancel that goes back to the event.
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `宪法日进村${stamp}` })).toBeVisible();
});

test('filtered to one village from a dashboard tile, the ledger says 1 / 1 villages reached, as the dashboard does', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/dashboard?period=year&from=2026-01-01&to=2026-12-31');
  const tile = page.getByTestId('village-coverage').locator('.village-tile[data-reached="true"]').first();
  await tile.click();
  await expect(page).toHaveURL(/villageId=\d+/);
  await expect(page.getByTestId('total-villagesReached')).toHaveText(/覆盖村\(社区\)\s*1\s*\/\s*1/);
  await page.getByRole('button', { name: /切换语言/ }).click();
  await expect(page.getByTestId('total-villagesReached')).toHaveText(/Villages reached\s*1\s*\/\s*1/);
});

test('each role starts where the guide says and sees only what it can do', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill('leader');
  await page.getByLabel('密码').fill('pufa-demo-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  for (const path of ['/events/new', '/settings', '/admin']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: '没有权限' })).toBeVisible();
    await expect(page.locator('form')).toHaveCount(0);
  }
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').fill('clerk');
  await page.getByLabel('密码').fill('pufa-demo-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/events$/);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1, name: '没有权限' })).toBeVisible();
});

const ADMIN_PAGES = ['统计看板', '大屏', '活动台账', '登记活动', '年度计划', '宣传日历', '导出', '节点与辖区', '用户与日志'];

test('at 1280 px every menu item is in view; on a phone a labelled menu opens them all', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'admin');
  const nav = page.getByRole('navigation', { name: '主菜单' });
  for (const name of ADMIN_PAGES) await expect(nav.getByRole('link', { name })).toBeInViewport();

  await page.setViewportSize({ width: 360, height: 740 });
  await expect(nav.first()).toBeHidden();
  await page.getByRole('button', { name: '菜单' }).click();
  const drawer = page.getByRole('dialog', { name: '菜单' });
  for (const name of ADMIN_PAGES) await expect(drawer.getByRole('link', { name })).toBeVisible();
  await drawer.getByRole('link', { name: '用户与日志' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: '用户与日志' })).toBeVisible();
});

test('on a phone the ledger and the plan are cards with every figure in view, nothing to scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'clerk');
  await page.goto('/events?from=2026-11-12&to=2026-11-12'); // a demo event in three villages
  const card = page.getByTestId('event-card').first();
  await expect(card).toContainText('覆盖村(社区)');
  await expect(card).toContainText('受众(人次)');
  await expect(card).toContainText('宣传资料(份)');
  const fits = () => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  expect(await fits()).toBe(true);
  await page.goto('/plans?year=2026');
  const plan = page.getByTestId('plan-card').first();
  await expect(plan.locator('[data-status]')).toBeInViewport();
  expect(await fits()).toBe(true);
  await page.getByRole('button', { name: /切换语言/ }).click();
  await expect(page.getByTestId('plan-card').first().locator('[data-status]')).toBeInViewport();
  expect(await fits()).toBe(true);
});

test('people see titles and dates, never raw ids: the plan lists linked events, the audit log names what changed', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/plans?year=2026');
  const row = page.getByRole('row', { name: /6·26国际禁毒日禁毒宣传/ });
  await expect(row.getByRole('link').first()).toHaveText(/^\d{2}\.\d{2} \S+/);
  await expect(page.locator('main')).not.toContainText(/#\d+/);

  const ref = await reference(page);
  const title = `审计可读${stamp}`;
  await page.request.post('/api/events', { data: { startDate: '2026-10-10', title, townshipId: ref.orgUnits[0]!.children[0]!.id } });
  await page.goto('/admin');
  await page.getByRole('tab', { name: '操作日志' }).click();
  await expect(page.getByRole('link', { name: `2026-10-10 ${title}` })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/(event|planItem) #\d+/);
});

test('English: singular counts, spaced labels, the tab title and the page language', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/dashboard?period=year&from=2026-01-01&to=2026-12-31');
  await page.getByRole('button', { name: /切换语言/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Dashboard - Legal-publicity ledger');
  for (const count of await page.locator('.village-count').allTextContents()) {
    expect(count).toMatch(/^(Not reached|1 time|([02-9]|\d\d+) times)$/);
  }
  await expect(page.getByTestId('upcoming')).not.toContainText(/Planned:\S/);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the report paragraph rounds to two significant figures and names every material kind with its unit', async ({ page }) => {
  await signIn(page, 'clerk');
  const report = (await (await page.request.get('/api/reports/annual?year=2026')).json()) as AnnualReport;
  const { materials } = report.figures;
  expect(materials.length).toBeGreaterThan(1);
  await page.goto('/exports?period=year&from=2026-01-01&to=2026-12-31');
  const rounded = page.getByTestId('paragraph-rounded');
  // Each kind by its name in prose (宣传单, not the catalog's label 宣传资料/传单).
  for (const m of materials) await expect(rounded).toContainText(`${materialReportName(m)}${roundedChinese(m.quantity)}${m.unit}`);
  await expect(rounded).toContainText(`发放宣传资料${roundedChinese(report.figures.leaflets)}份，受教育群众${roundedChinese(report.figures.audience)}人次。`);
  await expect(rounded).not.toContainText('/');
  await expect(page.getByTestId('paragraph-exact')).toContainText(`${materialReportName(materials[0]!)}${materials[0]!.quantity}${materials[0]!.unit}`);
});
