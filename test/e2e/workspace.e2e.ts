import { expect } from 'chai';
import { residentIdCheckChar } from '../../shared/identity';
import { browserHooks, demoAppHooks, screenshot } from './harness';
import { logIn } from './steps';

/** A valid resident ID from 17 digits; sequence code 999 is the one the simulated verifier refuses. */
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

describe('language, registration and the workspace in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

  it('when a visitor switches to English, then the labels and <html lang> change and the choice survives a reload', async () => {
    const { page } = browser;
    await page.goto(`${app.url}/login`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('登录');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Log in');
    expect(await page.evaluate(() => document.documentElement.lang)).to.match(/^en/);
    await page.getByLabel('User name').waitFor();

    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Log in');
    expect(await page.evaluate(() => document.documentElement.lang)).to.match(/^en/);

    // The client's own validation speaks the chosen language too.
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).to.contain('Enter a user name');

    await page.getByRole('button', { name: '切换为中文' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('登录');
    expect(await page.getByRole('alert').textContent()).to.contain('请输入用户名');
  });

  it('when the password is wrong, then the login page says so and stays', async () => {
    const { page, log } = browser;
    log.expectHttpError({ path: '/api/auth/login', status: 401, method: 'POST' });
    await page.goto(`${app.url}/login`);
    await page.getByLabel('用户名').fill('judge.wang');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).to.contain('用户名或密码错误');
    expect(new URL(page.url()).pathname).to.equal('/login');
  });

  it('when a person registers as a bidder, then a refused identity is explained, and a good one lands on the bidder workspace', async () => {
    const { page, log } = browser;
    log.expectHttpError({ path: '/api/bidders/register', status: 422, method: 'POST' });
    await page.goto(`${app.url}/login`);
    await page.getByRole('link', { name: '竞买人实名注册' }).click();
    await page.waitForURL((url) => url.pathname === '/register');

    await page.getByLabel('用户名').fill('bidder.e2e');
    await page.getByLabel(/^密码/).fill('Correct-Horse-9');
    await page.getByLabel('再次输入密码').fill('Correct-Horse-9');
    await page.getByLabel('手机号码').fill('13612345678');
    await page.getByLabel('姓名').fill('吴晓明');
    // Well-formed, but the simulated real-name check refuses sequence 999.
    await page.getByLabel('公民身份号码').fill(residentId('11010519900101999'));
    await page.getByRole('button', { name: '注册', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).to.contain('实名核验未通过');
    await screenshot(page, 'register', { fullPage: true });

    await page.getByLabel('公民身份号码').fill(residentId('11010519900101123'));
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/home');
    await page.getByRole('heading', { level: 1, name: '吴晓明，您好' }).waitFor();
    expect(await page.getByRole('main').textContent()).to.contain('您的实名竞买账号已开通');
    expect(await page.getByRole('banner').textContent()).to.contain('竞买人');
  });

  it('when the administrator verifies the audit chain, then the page reports it intact with the number of records checked', async () => {
    const { page } = browser;
    await logIn(page, app.url, 'admin', '/home');
    await page.getByRole('button', { name: '校验审计链' }).click();
    const result = page.getByRole('status').filter({ hasText: '审计链完整' });
    await result.waitFor();
    expect(await result.textContent()).to.match(/已校验 [1-9]\d* 条记录/);
    await screenshot(page, 'admin-workspace');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    // Signed out for real: a protected page sends the visitor back to the login form.
    await page.goto(`${app.url}/cases`);
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/cases');
  });
});
