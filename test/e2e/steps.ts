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

/** From the case list, opens the case of `debtor` and its 网络查控 page; returns the case number. */
export async function openControlPage(page: Page, debtor: string): Promise<string> {
  await page.getByLabel('案号或当事人名称').fill(debtor);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === debtor);
  const row = page.locator('table.case-table tbody tr', { hasText: debtor });
  await row.first().waitFor();
  const caseNo = (await row.first().locator('a.case-no').textContent())!.trim();
  await row.first().locator('a.case-no').click();
  await page.getByRole('heading', { level: 1, name: caseNo }).waitFor();
  await page.getByRole('link', { name: '查控财产' }).click();
  await page.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}\/assets$/.test(url.pathname));
  await page.getByRole('heading', { level: 1, name: '网络查控' }).waitFor();
  return caseNo;
}

/** On the 网络查控 page: inquires at the vehicle registries, seizes the car with `plate`, and waits for the seizure in force. */
export async function seizeCar(page: Page, plate: string): Promise<void> {
  await page.getByRole('group', { name: /机构类型/ }).getByRole('checkbox', { name: /^车辆登记机构/ }).check();
  await page.getByRole('button', { name: '发起查询' }).click();
  const carRow = page.locator('table.asset-table tbody tr', { hasText: plate });
  await carRow.waitFor({ timeout: 30_000 });
  await carRow.getByRole('button', { name: /^查封/ }).click();
  const order = page.getByRole('dialog', { name: '查封财产' });
  await order.getByRole('button', { name: '发出查封通知' }).click();
  await order.waitFor({ state: 'detached' });
  await page.locator('table.measure-table tbody tr', { hasText: plate }).getByText('生效中').waitFor({ timeout: 30_000 });
}
