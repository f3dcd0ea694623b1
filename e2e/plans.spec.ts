import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

// 2024 has no demo events or plan, so everything on its calendar is this test's.
const YEAR = 2024;

async function pick(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true });
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  // What the select shows as chosen (a tag, or the single value); the typed search is an input's value, not text.
  const field = page.locator('.ant-select', { has: select });
  // By keyboard, not by clicks: under load a click aimed at the select landed where a tag was still
  // sliding in (its × removed the previous choice: the event was saved with one village of two),
  // and the list could open after the keystrokes, which then filtered nothing.
  await expect(async () => {
    await select.focus();
    await select.fill(option);
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  // The first match is the active option: Enter picks it.
  await select.press('Enter');
  await expect(field).toContainText(option);
  await page.keyboard.press('Escape');
}

test('a plan item for 6.26 turns done once the 6.26 event is logged (linked on save, the only matching item): on the plan, the calendar and the year-end check', async ({ page }) => {
  await signIn(page, 'clerk');
  await page.goto(`/plans?year=${YEAR}`);
  await expect(page.getByText('本年度还没有计划')).toBeVisible();

  await page.getByRole('button', { name: '新增计划事项' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('事项名称').fill('禁毒宣传进村');
  await pick(page, '宣传节点', '6·26国际禁毒日');
  await dialog.getByLabel('计划日期').fill(`${YEAR}-06-26`);
  await dialog.getByLabel('计划日期').press('Enter');
  await pick(page, '目标村（社区）', '银杏村');
  await pick(page, '目标村（社区）', '石桥村');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /禁毒宣传进村/ });
  await expect(row).toContainText(`${YEAR}-06-26`);
  await expect(row).toContainText('未完成');

  // Log the event on 6.26 in both planned villages.
  await page.goto('/events/new');
  await page.getByLabel('开始日期').fill(`${YEAR}-06-26`);
  await page.getByLabel('开始日期').press('Enter');
  await page.getByLabel('活动主题').fill('6·26禁毒宣传进村');
  await pick(page, '覆盖村(社区)', '银杏村');
  await pick(page, '覆盖村(社区)', '石桥村');
  // Both chosen before the save (a full run once stored the event with 石桥村 alone: 部分完成).
  const chosen = page.locator('.ant-form-item', { has: page.getByLabel('覆盖村(社区)', { exact: true }) }).locator('.ant-select-selection-item');
  await expect(chosen.filter({ hasText: '银杏村' })).toHaveCount(1);
  await expect(chosen.filter({ hasText: '石桥村' })).toHaveCount(1);
  await page.getByLabel('受众人次').fill('200');
  await page.getByLabel('受众人次').press('Control+Enter');
  await expect(page.getByRole('heading', { name: '6·26禁毒宣传进村' })).toBeVisible();

  // The only plan item of the same campaign within a week: linked on save, and said so.
  await expect(page.locator('.ant-notification-notice')).toContainText('已自动关联计划事项“禁毒宣传进村”');
  const links = page.getByTestId('event-plan-links');
  await expect(links).toContainText('已关联');
  await expect(links.getByRole('listitem').filter({ hasText: '禁毒宣传进村' })).toContainText('已完成');

  await page.goto(`/calendar?month=${YEAR}-06`);
  const cell = page.locator(`td[title="${YEAR}-06-26"]`);
  await expect(cell).toContainText('6·26国际禁毒日');
  await expect(cell).toContainText('6·26禁毒宣传进村');
  await expect(cell.locator('[data-status]')).toHaveAttribute('data-status', 'done');

  await page.goto(`/plans?year=${YEAR}&tab=check`);
  const check = page.getByTestId('year-end-check');
  await expect(check.getByTestId('count-done')).toContainText('1');
  await expect(check.getByTestId('count-notDone')).toContainText('0');
  await expect(check).toContainText('禁毒宣传进村');
  // The demo villages saw nothing that year except the two this event reached.
  const villages = check.getByTestId('villages-without');
  await expect(villages).toContainText('红岩村');
  await expect(villages).toContainText('柏树村');
  await expect(villages).not.toContainText('银杏村');
  await expect(villages).not.toContainText('石桥村');
});

test('a leader reads the plan and the check but cannot change them', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/plans');
  await expect(page.getByRole('heading', { name: '年度普法计划' })).toBeVisible();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: '新增计划事项' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '删除' })).toHaveCount(0);
});

test('the reminder on 12.7: 宪法宣传周 (12.1–12.7) is 进行中, not 今天, with the plan item of 12.6; 12·4 is gone', async ({ page }) => {
  // The browser's date is 7 December of a year with no demo plan (the server keeps the real date).
  await page.clock.setFixedTime(new Date(`${YEAR}-12-07T09:00:00+08:00`));
  await signIn(page, 'clerk');
  const reference = (await (await page.request.get('/api/reference')).json()) as { orgUnits: { id: number; name: string; children: { id: number; name: string; level: string }[] }[]; campaigns: { id: number; code: string }[] };
  const township = reference.orgUnits.flatMap((u) => [u, ...u.children]).find((u) => u.name === '涂市镇')!;
  const campaign = (code: string) => reference.campaigns.find((c) => c.code === code)!.id;
  const create = async (data: object) => expect((await page.request.post('/api/plans', { data: { townshipId: township.id, year: YEAR, ...data } })).status()).toBe(201);
  await create({ title: '宪法宣传周机关干部学法', campaignId: campaign('constitution-week'), targetDate: `${YEAR}-12-06`, targetMonth: 12 });
  await create({ title: '12·4宪法日集中宣传', campaignId: campaign('constitution-day'), targetDate: `${YEAR}-12-04`, targetMonth: 12 });
  await create({ title: '年底普法台账整理', targetDate: `${YEAR}-12-15`, targetMonth: 12 });

  await page.goto('/');
  const card = page.getByTestId('upcoming');
  const week = card.getByRole('listitem').filter({ hasText: '宪法宣传周' });
  await expect(week).toContainText('12.01–12.07', { timeout: 30_000 }); // after the reference and the calendar, on a loaded machine
  await expect(week).toContainText('(进行中)');
  await expect(week).toContainText('已计划：宪法宣传周机关干部学法');
  await expect(week).not.toContainText('尚未计划');
  await expect(week).toHaveAttribute('data-timing', 'ongoing');
  // A plan item of its own, ahead; the named days that ended before today are not listed.
  await expect(card.getByRole('listitem').filter({ hasText: '年底普法台账整理' })).toContainText('12.15(8 天后)');
  await expect(card).not.toContainText('12·4国家宪法日');
  await expect(card).not.toContainText('今天');
  await expect(card.getByRole('listitem')).toHaveCount(2);
});
