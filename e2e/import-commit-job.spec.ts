// A large ledger's commit runs in the background: the page answers at once, shows
// events written of the total with a progress bar that moves on its own (polling),
// then the same result screen as a direct commit, and the dashboard counts them.
// The e2e server commits files of more than 40 lines as a job, in chunks of 10 that
// each wait 2 s (playwright.config.ts), so the running state is seen.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

const ROWS = 60;
const YEAR = '/dashboard?period=year&from=2018-01-01&to=2018-12-31';

/** 60 events of 2018 (a year the demo data leaves empty), one line each. */
function largeLedger(): Buffer {
  const lines = ['活动时间,活动主题,参与人数（人次）'];
  for (let i = 0; i < ROWS; i++) lines.push(`2018-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')},普法宣传第${i + 1}场,${10 + i}`);
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

test('a large ledger commits in the background with a moving progress bar, then counts on the dashboard', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.goto(YEAR);
  const activities = page.getByTestId('kpi-activities').locator('.ant-statistic-content-value');
  await expect(activities).toHaveText('0');

  await page.getByRole('menuitem', { name: '导入台账' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: '涂市镇2018年台账.csv', mimeType: 'text/csv', buffer: largeLedger() });
  await expect(page.getByTestId('commit-import')).toHaveText(/确认导入 60 条/);
  await page.getByTestId('commit-import').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();

  // The answer comes at once: the job's card, a named progress bar, events written of the total moving by polling alone.
  const job = page.getByTestId('commit-job');
  await expect(job.getByRole('progressbar', { name: '正在后台导入' })).toBeVisible();
  await expect(job).toBeInViewport(); // brought up from the foot of the preview, where the button was
  const rows = job.getByTestId('commit-job-rows');
  await expect(rows).toHaveText(/^已写入 [1-9]\d* \/ 60 条活动$/, { timeout: 20_000 });
  const first = await rows.textContent();
  await expect(rows).not.toHaveText(first!, { timeout: 5_000 }); // moved again within a few seconds
  await expect(page.getByTestId('commit-import')).toHaveCount(0); // no second commit, no changes, while it runs
  await page.screenshot({ path: test.info().outputPath('import-commit-job-running.png') });
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="commit-job"]').analyze();
  expect(violations.map((v) => `${v.impact} ${v.id}`)).toEqual([]);

  // Done: the result screen of a direct commit.
  await expect(page.getByText(`已导入 ${ROWS} 条活动`)).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('import-commit-job-done.png'), fullPage: true });
  await page.goto(YEAR);
  await expect(activities).toHaveText(String(ROWS));
});

test('a large commit is cancelled half-way: nothing imported, and the batch can be confirmed again (English)', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'clerk');
  await page.evaluate(`localStorage.setItem('pufa.language', 'en')`);
  await page.goto('/imports');
  const ledger = largeLedger().toString('utf8').replaceAll('2018-', '2017-');
  await page.locator('input[type=file]').setInputFiles({ name: 'ledger-2017.csv', mimeType: 'text/csv', buffer: Buffer.from(ledger, 'utf8') });
  await page.getByTestId('commit-import').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  const job = page.getByTestId('commit-job');
  await expect(job.getByTestId('commit-job-rows')).toHaveText(/^[1-9]\d* of 60 events written$/, { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath('import-commit-job-running-en.png') });
  await job.getByTestId('commit-job-cancel').click();
  await expect(page.getByTestId('commit-job-cancelled')).toContainText('nothing was imported');
  await expect(page.getByTestId('commit-import')).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('import-commit-job-cancelled-en.png') });
  await page.goto('/dashboard?period=year&from=2017-01-01&to=2017-12-31');
  await expect(page.getByTestId('kpi-activities').locator('.ant-statistic-content-value')).toHaveText('0');
  await page.evaluate(`localStorage.removeItem('pufa.language')`);
});
