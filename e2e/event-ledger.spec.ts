import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

// A title no demo event has, so the list can be filtered down to this test's event.
const title = `宪法进村入户宣传 ${Date.now()}`;
async function chooseOption(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.keyboard.press('Enter');
}

test('a clerk logs an event with the keyboard and finds it in the list with the right totals', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto('/events/new');
  // The start date has focus once the form is there: type it; the campaign for 12.4 is suggested.
  await expect(page.getByLabel('开始日期')).toBeFocused();
  await page.keyboard.type('2026-12-04');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('campaign-suggestions')).toContainText('12·4国家宪法日');
  await expect(page.locator('.ant-select-content', { hasText: '12·4国家宪法日' })).toBeVisible();

  // Saving with no title is refused, with the message next to the field.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('活动主题：必填')).toBeVisible();

  await page.getByLabel('活动主题').fill(title);
  await page.getByText('全部村(社区)').click();
  await chooseOption(page, '资料种类 1', '宣传资料');
  await page.getByLabel('数量 1').fill('1234');
  await page.getByRole('button', { name: '添加资料' }).click();
  await chooseOption(page, '资料种类 2', '横幅');
  await page.getByLabel('数量 2').fill('3');
  await expect(page.getByTestId('leaflet-total')).toContainText('1234');
  await page.getByLabel('受众人次').fill('456');
  await page.getByLabel('受众人次').press('Control+Enter');

  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.locator('.ant-descriptions').getByText('12·4国家宪法日')).toBeVisible();

  await page.goto(`/events?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(2); // header + our event
  // Banners are not leaflets: 1234, not 1237. All 10 demo villages reached.
  await expect(page.getByTestId('total-activities')).toContainText('1');
  await expect(page.getByTestId('total-leaflets')).toContainText('1,234');
  await expect(page.getByTestId('total-audience')).toContainText('456');
  await expect(page.getByTestId('total-villagesReached')).toContainText('10');
});

test('a clerk edits and deletes an event; the list totals follow', async ({ page }) => {
  await signIn(page, 'clerk');
  const res = await page.request.get('/api/reference');
  const reference = await res.json();
  const townshipId = reference.orgUnits[0].children[0].id;
  const created = await page.request.post('/api/events', {
    data: { startDate: '2026-06-26', title: `${title} 禁毒`, townshipId, audience: 100 },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await page.goto(`/events/${id}`);
  await page.getByRole('button', { name: '编辑' }).click();
  await page.getByLabel('受众人次').fill('150');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('已更新')).toBeVisible();
  await expect(page.locator('.ant-descriptions')).toContainText('150');

  await page.getByRole('button', { name: '删除' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
  await expect(page).toHaveURL(/\/events$/);
  await page.goto(`/events?q=${encodeURIComponent(`${title} 禁毒`)}`);
  await expect(page.getByText('没有符合条件的活动')).toBeVisible();
  await expect(page.getByTestId('total-activities')).toContainText('0');
});

test('the language switch turns the app into English', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/events');
  await page.getByRole('button', { name: /切换语言/ }).click();
  await expect(page.getByRole('heading', { name: 'Event ledger' })).toBeVisible();
  await expect(page.getByTestId('total-leaflets')).toContainText('Leaflets handed out');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Event ledger' })).toBeVisible();
});

test("the province sets this year's 宪法宣传周, an office adds a department, which the form then offers", async ({ page }) => {
  // The built-in calendar is shared by every township: set at the top of the tree (the demo province).
  await signIn(page, 'provinceadmin');
  await page.goto('/settings');
  const row = page.getByRole('row', { name: /宪法宣传周/ });
  await row.getByRole('button', { name: '设定日期' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('开始日期').fill('2026-11-30');
  await dialog.getByPlaceholder('结束日期').fill('2026-12-06');
  await dialog.getByPlaceholder('结束日期').press('Enter');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(row).toContainText('2026-11-30 ~ 2026-12-06');
  await expect(row).toContainText('本年已设定');

  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'admin');
  await page.goto('/settings');
  // Not 市场监管所…: the import journey's file names 市场监管所 as a department the township lacks.
  const department = `网格服务站${Date.now() % 10000}`;
  await page.getByLabel('新增单位名称，如：市场监管所').fill(department);
  await page.locator('.ant-card', { hasText: '参与单位' }).getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByRole('row', { name: new RegExp(department) })).toBeVisible();

  // A new community under the township, added on the same page, is offered as a village.
  const community = `新区社区${Date.now() % 10000}`;
  await page.locator('.ant-tree').getByText('涂市镇', { exact: true }).click();
  await page.getByLabel('名称', { exact: true }).fill(community);
  await page.locator('.ant-card', { hasText: '乡镇与村(社区)' }).getByRole('button', { name: /添加/ }).click();
  await expect(page.locator('.ant-tree')).toContainText(community);

  await page.goto('/events/new');
  // A county administrator may log for any township: choose it first (another test may have added one).
  await chooseOption(page, '乡镇(街道)', '涂市镇');
  await page.getByLabel('参与单位').click();
  await page.keyboard.type('网格服务');
  await expect(page.locator('.ant-select-item-option', { hasText: department })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: '覆盖村(社区)' }).click();
  await page.keyboard.type('新区');
  await expect(page.locator('.ant-select-item-option', { hasText: community })).toBeVisible();
});

test('the ledger filters by dates typed in the browser’s date inputs or chosen from the quick ranges', async ({ page }) => {
  await signIn(page, 'clerk');
  const year = new Date().getFullYear();
  // What the API counts for a range, read independently of the page.
  const activities = async (from: string, to: string) =>
    ((await (await page.request.get(`/api/events?from=${from}&to=${to}&pageSize=1`)).json()) as { totals: { activities: number } }).totals.activities;
  await page.goto('/events');
  await page.getByLabel('快捷选择').click();
  await page.getByTitle('去年').click();
  await expect(page).toHaveURL(new RegExp(`from=${year - 1}-01-01&to=${year - 1}-12-31`));
  const wholeYear = await activities(`${year - 1}-01-01`, `${year - 1}-12-31`);
  await expect(page.getByTestId('total-activities')).toContainText(`${wholeYear.toLocaleString()}`);
  await page.getByLabel('开始日期').fill(`${year - 1}-07-01`);
  await expect(page).toHaveURL(new RegExp(`from=${year - 1}-07-01&to=${year - 1}-12-31`));
  const halfYear = await activities(`${year - 1}-07-01`, `${year - 1}-12-31`);
  expect(halfYear).toBeLessThan(wholeYear);
  await expect(page.getByTestId('total-activities')).toContainText(`${halfYear.toLocaleString()}`);
  // The quick range no longer claims the filter once a date is changed by hand.
  await expect(page.locator('.ant-select', { has: page.getByLabel('快捷选择') })).not.toContainText('去年');
});
