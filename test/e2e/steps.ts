/** Steps several journeys share, written as a person would do them (labels and roles, not CSS ids). */
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Demo#2026';

/** Logs in through the form and waits for the page the role lands on. */
export async function logIn(page: Page, baseUrl: string, username: string, landing: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname === landing);
}
