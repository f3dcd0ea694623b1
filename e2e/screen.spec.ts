// The big screen (/screen): live without reloading, accessible in both languages, and the whole
// layout on a 1920×1080 wall and a 1366×768 laptop with no scrollbars.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const VIEWPORTS = { wall: { width: 1920, height: 1080 }, laptop: { width: 1366, height: 768 } };

async function openScreen(browser: Browser, viewport: { width: number; height: number }, username: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signIn(page, username);
  await page.evaluate(`localStorage.setItem('pufa.language', '${language}')`);
  await page.goto('/screen');
  // Figures drawn and the stream open.
  await expect(page.getByTestId('screen-trend').locator('svg')).toBeVisible();
  await expect(page.getByTestId('screen-live')).toHaveText(language === 'en' ? 'Live' : '实时');
  return page;
}

test('the big screen shows an event saved in another browser within 2 seconds, without reloading', async ({ browser }) => {
  const wall = await openScreen(browser, VIEWPORTS.wall, 'admin');
  const activities = wall.getByTestId('screen-activities').locator('.screen-figure-value');
  await expect(activities).toHaveText(/^[1-9][\d,]*/);
  const before = number(await activities.textContent());
  // Survives only if the page is never reloaded.
  await wall.evaluate('window.sameDocument = true');

  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, 'clerk');
  const reference = await (await desk.request.get('/api/reference')).json();
  const township = reference.orgUnits[0].children[0];
  const title = `大屏实时测试 ${Date.now()}`;
  const created = await desk.request.post('/api/events', { data: { startDate: todayInChina(), title, townshipId: township.id, villageIds: [township.children[0].id] } });
  expect(created.status()).toBe(201);

  const newest = wall.getByTestId('screen-newest');
  await expect(newest).toContainText(title, { timeout: 2_000 });
  await expect(newest).toContainText(`${township.name} · ${township.children[0].name}`);
  await expect(activities).toHaveText(new RegExp(`^${(before + 1).toLocaleString('zh-CN')}`));
  expect(await wall.evaluate('window.sameDocument === true')).toBe(true);
  // Nobody's name on the wall: the clerk who saved it is not shown.
  await expect(wall.locator('body')).not.toContainText('录入员');
});

async function noScrollbars(page: Page) {
  const sizes = await page.evaluate<{ scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, scrollHeight: document.documentElement.scrollHeight, clientHeight: document.documentElement.clientHeight })',
  );
  expect(sizes.scrollWidth).toBe(sizes.clientWidth);
  expect(sizes.scrollHeight).toBe(sizes.clientHeight);
}

for (const language of ['zh-CN', 'en'] as const) {
  test(`the big screen fits 1920×1080 and 1366×768 without scrollbars and passes axe (${language})`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page = await openScreen(browser, viewport, 'admin', language);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language === 'en' ? /legal publicity: live$/ : /普法宣传数据大屏$/);
      await expect(page.getByTestId('screen-ranking').getByRole('listitem')).not.toHaveCount(0);
      await noScrollbars(page);
      // Every panel ends inside the window.
      for (const panel of await page.locator('.screen-panel, .screen-figure').all()) {
        const box = (await panel.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      await page.screenshot({ path: testInfo.outputPath(`screen-${language}-${name}.png`) });
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
      await page.context().close();
    }
  });
}

test('leaders and administrators find 「大屏」 in the menu; a township leader sees their township', async ({ page }) => {
  await signIn(page, 'leader');
  await page.getByRole('link', { name: '大屏' }).first().click();
  await expect(page).toHaveURL(/\/screen$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('涂市镇普法宣传数据大屏');
  await expect(page.getByTestId('screen-ranking')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /村\(社区\)排名/ })).toBeVisible();
});
