import { expect, test } from '@playwright/test';
import { PASSWORD, signIn } from './helpers.ts';

const title = `外镇不可见 ${Date.now()}`;

test("the leader sees the clerk's event without edit buttons; a clerk of another township cannot open it", async ({ page, browser }) => {
  await signIn(page, 'clerk');
  const reference = await (await page.request.get('/api/reference')).json();
  const township = reference.orgUnits[0].children[0];
  const created = await page.request.post('/api/events', { data: { startDate: '2026-12-02', title: `${title} 交通`, townshipId: township.id } });
  const { id } = await created.json();

  const leader = await browser.newPage();
  await signIn(leader, 'leader');
  await leader.goto(`/events/${id}`);
  await expect(leader.getByRole('heading', { name: `${title} 交通` })).toBeVisible();
  await expect(leader.getByText('修改记录')).toBeVisible();
  await expect(leader.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(leader.getByRole('button', { name: '删除' })).toHaveCount(0);
  await expect(leader.getByRole('menuitem', { name: /登记活动/ })).toHaveCount(0);

  // The administrator opens a second township with its own clerk.
  const admin = await browser.newPage();
  await signIn(admin, 'admin');
  const county = reference.orgUnits[0];
  const other = await (await admin.request.post('/api/org-units', { data: { parentId: county.id, name: `另一镇${Date.now() % 10000}` } })).json();
  const username = `other${Date.now() % 100000}`;
  const user = await admin.request.post('/api/users', { data: { username, displayName: '外镇录入员', password: 'another-town-2026', role: 'clerk', orgUnitId: other.id } });
  expect(user.status()).toBe(201);

  const stranger = await browser.newPage();
  await signIn(stranger, username, 'another-town-2026');
  await stranger.goto(`/events/${id}`);
  await expect(stranger.getByText('没有找到这条记录')).toBeVisible();
  await expect(stranger.getByRole('heading', { name: `${title} 交通` })).toHaveCount(0);
});

test('when the session ends, the user signs in again and comes back to the same page', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/events?q=禁毒');
  await page.request.post('/api/auth/logout');
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('用户名').fill('leader');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/events\?q=/);
  await expect(page.getByRole('heading', { name: '活动台账' })).toBeVisible();
});

test('the province administrator switches off a law; the form no longer offers it, and a leader cannot reach the page', async ({ page, browser }) => {
  // The shared catalogs are the top of the tree's: the demo province, above the county.
  await signIn(page, 'provinceadmin');
  await page.goto('/settings');
  await page.getByRole('tab', { name: '宣传法律' }).click();
  const row = page.getByRole('row', { name: /法律援助法/ });
  await row.getByRole('switch').click();
  await expect(row.getByRole('switch')).not.toBeChecked();

  // A township's clerk no longer finds it in the form (the province reads ledgers, it does not keep them).
  const clerk = await browser.newPage();
  await signIn(clerk, 'clerk');
  await clerk.goto('/events/new');
  await clerk.getByRole('combobox', { name: '宣传法律' }).click();
  await clerk.keyboard.type('法律援助');
  await expect(clerk.locator('.ant-select-item-option', { hasText: '法律援助法' })).toHaveCount(0);
  await clerk.keyboard.press('Escape');
  await clerk.close();
  // Nor is there a form to open for the province's own administrator.
  await page.goto('/events/new');
  await expect(page.getByRole('menuitem', { name: /登记活动/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '没有权限' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '宣传法律' })).toHaveCount(0);

  // Switch it back for the other journeys.
  await page.goto('/settings');
  await page.getByRole('tab', { name: '宣传法律' }).click();
  await page.getByRole('row', { name: /法律援助法/ }).getByRole('switch').click();
  await expect(page.getByRole('row', { name: /法律援助法/ }).getByRole('switch')).toBeChecked();

  const leader = await browser.newPage();
  await signIn(leader, 'leader');
  await expect(leader.getByRole('menuitem', { name: /节点与辖区/ })).toHaveCount(0);
});
