/**
 * The quality figures in the browser: a judge of 朝阳 opens the dashboard from the navigation with the demo data and a
 * case filed in the test, sees the cards (the received count includes the new case) and both charts with their
 * captions and data tables, narrows the period, and downloads the CSV (UTF-8 with a BOM, header in both languages).
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import request from 'supertest';
import { completeResidentId } from '../../shared/identity';
import { bearer, tokenFor } from '../helpers/http';
import { browserHooks, demoAppHooks, screenshot } from './harness';
import { logIn } from './steps';

describe('the quality figures in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

  it('when a judge opens 执行质效, then the cards and charts show the court\'s figures, and the CSV downloads', async function () {
    this.timeout(120_000);
    const { page } = browser;
    const token = await tokenFor(app.url, 'judge.wang');
    const before = (await request(app.url).get('/api/figures').set(bearer(token))).body;

    // Something done in the test: a case filed at 朝阳.
    const me = (await request(app.url).get('/api/auth/me').set(bearer(token))).body;
    const filed = await request(app.url)
      .post('/api/cases')
      .set(bearer(token))
      .send({
        judgeId: me.user.id,
        cause: '借款合同纠纷',
        basis: '（2026）京0105民初900号民事判决书',
        claimAmount: '52000.00',
        creditors: [{ kind: 'person', name: '刘芳', idNumber: completeResidentId('11010519800101123') }],
        debtors: [{ kind: 'person', name: '陈刚', idNumber: completeResidentId('11010519820202123') }],
      });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);

    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '质效' }).click();
    await page.getByRole('heading', { level: 1, name: '执行质效' }).waitFor();
    await page.getByTestId('figures-scope').getByText(/北京市朝阳区人民法院/).waitFor();

    const card = (code: string) => page.locator(`[data-figure="${code}"] .figures-value`);
    expect(await card('received').textContent()).to.equal(String(before.cases.received + 1));
    expect(await card('recovered').textContent()).to.equal('¥0.00');
    // Nothing sold yet: the sale rate has no denominator.
    expect(await card('saleRate').textContent()).to.equal('—');

    // Both charts are drawn, each with a caption and the same data as a table.
    for (const id of ['chart-cases', 'chart-recovered']) {
      const chart = page.getByTestId(id);
      await chart.locator('svg.recharts-surface').first().waitFor();
      expect(await chart.locator('figcaption').textContent()).to.match(/每月/);
    }
    expect(await page.getByTestId('chart-cases').locator('.recharts-bar-rectangle').count()).to.be.greaterThan(0);
    await page.getByTestId('chart-cases').locator('summary', { hasText: '查看数据表' }).click();
    const thisMonth = before.months.find((m: { received: number }) => m.received > 0) ?? before.months.at(-1);
    await page.getByTestId('chart-cases').getByRole('rowheader', { name: thisMonth.month }).waitFor();
    await screenshot(page, 'figures', { fullPage: true });

    // The CSV of the period on screen.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('figures-csv').click()]);
    expect(download.suggestedFilename()).to.match(/^执行质效-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).to.equal('法院 / Court,期间 / Period,代码 / Code,指标,Figure,数值 / Value');
    expect(lines.find((l) => l.includes(',cases.received,'))!.endsWith(`,${before.cases.received + 1}`)).to.equal(true);

    // A period before any case: the counts fall to 0 and the rates to —.
    await page.getByLabel('起始日期').fill('2020-01-01');
    await page.getByLabel('截止日期').fill('2020-03-31');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByTestId('figures-scope').getByText('2020-01-01 至 2020-03-31').waitFor();
    expect(await card('received').textContent()).to.equal('0');
    expect(await card('closureRate').textContent()).to.equal('—');
  });
});
