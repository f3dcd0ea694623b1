// The month-end loop in Chromium: a township clerk submits the month, the county returns it
// with a reason, the clerk sees the reason, fixes an event and submits again, the county
// approves; the county's grid shows each state. It runs on 龙港镇 with a clerk of its own, so
// the month it locks is not one the other journeys (on 涂市镇) write into.
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signIn } from './helpers.ts';

/** This month in China, as the API's "today" sees it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const period = today.slice(0, 7);
const monthLabel = `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
const reason = '请补充各村受众人次';

async function cellOf(page: Page, townshipId: number) {
  await page.goto(`/submissions?year=${period.slice(0, 4)}`);
  return page.getByTestId(`cell-${townshipId}-${period}`);
}

test('a clerk submits the month, the county returns it with a reason, the clerk fixes and resubmits, the county approves', async ({ browser }) => {
  test.setTimeout(120_000);
  const county = await browser.newPage();
  await signIn(county, 'admin');
  const reference = await (await county.request.get('/api/reference')).json();
  const longgang = reference.orgUnits[0].children.find((t: { name: string }) => t.name === '龙港镇');
  const username = `lg${Date.now().toString(36)}`;
  expect((await county.request.post('/api/users', { data: { username, displayName: '龙港录入员', password: PASSWORD, role: 'clerk', orgUnitId: longgang.id } })).status()).toBe(201);

  const clerk = await browser.newPage();
  await signIn(clerk, username);
  const created = await clerk.request.post('/api/events', { data: { startDate: today, title: '月末普法进村', townshipId: longgang.id, villageIds: [longgang.children[0].id], audience: 40 } });
  expect(created.status()).toBe(201);
  const event = await created.json();

  // The grid before: not submitted.
  await expect(await cellOf(county, longgang.id)).toContainText('未上报', { timeout: 30_000 });

  // The clerk submits this month from the submissions page, with a note.
  await clerk.goto(`/submissions?period=${period}`);
  const panel = clerk.getByTestId('submission-panel');
  await expect(panel).toContainText(monthLabel);
  await expect(panel).toContainText('未上报');
  await expect(panel).toContainText('未填宣传资料的活动 1 条');
  await panel.getByLabel('上报说明（可选）').fill('本月开展1次');
  await panel.getByRole('button', { name: '上报' }).click();
  // Nothing is locked before the clerk confirms, having seen the figures and the gaps.
  const confirm = clerk.getByRole('dialog').filter({ hasText: '确认上报' });
  await expect(confirm).toContainText(`确认上报${monthLabel}？`);
  await expect(confirm.getByTestId('submit-confirm')).toContainText('受众(人次)');
  await expect(confirm).toContainText('未填宣传资料的活动 1 条');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(panel).toContainText('未上报');
  await panel.getByRole('button', { name: '上报' }).click();
  await clerk.getByRole('dialog').filter({ hasText: '确认上报' }).getByRole('button', { name: '确认上报' }).click();
  await expect(panel).toContainText('本期已上报，活动不能修改');
  // Locked: the edit page says why before anything is typed, and takes no input.
  await clerk.goto(`/events/${event.id}/edit`);
  await expect(clerk.getByTestId('event-lock')).toContainText(`${monthLabel}已上报，需县级退回后才能修改`);
  await expect(clerk.getByLabel('受众人次')).toBeDisabled();
  // The API refuses it too, whatever a client sends.
  const refused = await clerk.request.patch(`/api/events/${event.id}`, { data: { audience: 80, version: event.version } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).message).toContain(`${monthLabel}已上报`);

  // The county sees 已上报 and returns it with a reason.
  const submittedCell = await cellOf(county, longgang.id);
  await expect(submittedCell).toContainText('已上报');
  await submittedCell.click();
  const review = county.getByTestId('submission-panel');
  await expect(review).toContainText('本月开展1次');
  // The county is told what it can do, not to ask the county.
  await expect(review).toContainText('退回后乡镇可修改并重新上报');
  await expect(review).not.toContainText('联系县级退回');
  await review.getByRole('button', { name: '退回' }).click();
  await expect(review).toContainText('请填写退回原因');
  await review.getByLabel('退回原因').fill(reason);
  await review.getByRole('button', { name: '退回' }).click();
  await expect(review).toContainText(`${monthLabel}被县级退回：${reason}`);
  // Returned: the township resubmits, not the county.
  await expect(review).toContainText('等待乡镇修改后重新上报');
  await expect(review.getByRole('button', { name: '重新上报' })).toHaveCount(0);
  await expect(review.getByRole('button', { name: '上报' })).toHaveCount(0);
  await expect(await cellOf(county, longgang.id)).toContainText('已退回');

  // The clerk's home page shows the reason; the clerk fixes the event and submits again.
  await clerk.goto('/events');
  await clerk.getByTestId('submission-notices-button').click();
  await expect(clerk.getByTestId('submission-notices')).toContainText(`${monthLabel}被县级退回：${reason}`);
  await clerk.goto(`/events/${event.id}/edit`);
  await clerk.getByLabel('受众人次').fill('80');
  await clerk.getByRole('button', { name: '保存', exact: true }).click();
  await expect(clerk.getByText('已更新')).toBeVisible();
  await clerk.goto(`/submissions?period=${period}`);
  // The month's audience counts the fixed event (the demo's own December events are in it too).
  const summary = await (await clerk.request.get(`/api/submissions/summary?townshipId=${longgang.id}&period=${period}`)).json();
  const others = summary.totals.audience - 80;
  expect(others).toBeGreaterThanOrEqual(0);
  await expect(panel).toContainText(String(summary.totals.audience));
  await panel.getByRole('button', { name: '重新上报' }).click();
  await clerk.getByRole('dialog').filter({ hasText: '确认上报' }).getByRole('button', { name: '确认上报' }).click();
  await expect(panel).toContainText('本期已上报，活动不能修改');
  await clerk.goto('/events');
  await clerk.getByTestId('submission-notices-button').click();
  await expect(clerk.getByTestId('submission-notices')).not.toContainText(`${monthLabel}被县级退回`);

  // The county approves; the grid says so, and the history has every step.
  const resubmitted = await cellOf(county, longgang.id);
  await expect(resubmitted).toContainText('已上报');
  await resubmitted.click();
  await review.getByRole('button', { name: '审核通过' }).click();
  await expect(review).toContainText('已通过');
  await expect(review.locator('.ant-timeline-item')).toHaveCount(4);
  await expect(await cellOf(county, longgang.id)).toContainText('已通过');
});

test('a leader is told who submits and what is missing; reminders stay put away and cover nothing; a phone shows the month to submit first', async ({ browser }) => {
  test.setTimeout(180_000);
  const leader = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signIn(leader, 'leader');
  await leader.goto('/events');
  // The reminders are behind the header's bell: the first event is on the first screen.
  await expect(leader.getByTestId('event-card').first()).toBeInViewport({ timeout: 30_000 });
  await leader.getByTestId('submission-notices-button').click();
  const notices = leader.getByTestId('submission-notices');
  const late = notices.locator('.ant-alert', { hasText: '已逾期未上报' });
  await expect(late).toHaveCount(1);
  // Only the latest late period is shown, so its words name it.
  const lateText = '已逾期未上报';
  // A leader looks; it does not submit. The panel says who submits and what is missing.
  await expect(notices.getByRole('button', { name: '去上报' })).toHaveCount(0);
  await late.getByRole('button', { name: '查看' }).click();
  const panel = leader.getByTestId('submission-panel');
  await expect(panel.getByTestId('who-submits')).toContainText('本期由本乡镇的录入员或管理员上报（司法所录入员）');
  await expect(panel).toContainText('需补充');
  await expect(panel.getByRole('button', { name: /^上\s?报$/ })).toHaveCount(0);

  // Put away with ×, it stays away on the next pages.
  await leader.goto('/events');
  await leader.getByTestId('submission-notices-button').click();
  await notices.locator('.ant-alert', { hasText: lateText }).getByRole('button', { name: '暂时关闭此提醒' }).click();
  await expect(notices.locator('.ant-alert', { hasText: lateText })).toHaveCount(0);
  await leader.goto('/dashboard');
  await leader.getByTestId('submission-notices-button').click();
  await expect(leader.getByTestId('submission-notices')).toBeVisible();
  await expect(leader.getByTestId('submission-notices').locator('.ant-alert', { hasText: lateText })).toHaveCount(0);

  // On a phone the grid lists this year's periods that have begun, newest first: this month is in view.
  await leader.goto(`/submissions?year=${period.slice(0, 4)}`);
  const first = leader.getByTestId(/^cell-\d+-/).first();
  await expect(first).toHaveAttribute('data-testid', new RegExp(`-${period}$`));
  await expect(first).toBeInViewport();
  await leader.close();
});
