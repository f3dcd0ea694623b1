import { expect, type Page } from '@playwright/test';

// The demo users' password (e2e/server.ts starts the app with the default).
export const PASSWORD = process.env.DEMO_PASSWORD || 'pufa-demo-2026';

export async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

