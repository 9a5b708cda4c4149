/**
 * Closing a case in the browser: a judge opens a demo case's closing page from the case page, records the interview
 * with the creditor, asks to terminate for lack of assets and sees the refusal listing every condition still missing
 * (终本规定 Art. 1); once the server's clock is past 3 months, the debtor searched online and a consumption restriction
 * in force (the debtor listed as dishonest through the credit module), the termination goes through and the re-check
 * schedule appears.
 */
import { expect } from 'chai';
import request from 'supertest';
import type { FakeClock } from '../../server/platform/clock';
import { bearer, tokenFor } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { browserHooks, screenshot } from './harness';
import { logIn } from './steps';

describe('closing a case in the browser', function () {
  let app: TestApp;
  const browser = browserHooks();

  before(async function () {
    this.timeout(180_000);
    app = await startTestApp({ demo: true, serveClient: true });
  });
  after(async () => {
    await app?.close();
  });

  it('when a judge records the interview and asks to terminate, then the missing conditions are listed; once they hold, the case is terminated with its re-checks', async function () {
    this.timeout(240_000);
    const { page, log } = browser;
    log.expectHttpError({ path: /^\/api\/cases\/[0-9a-f-]{36}\/terminate$/, status: 422, method: 'POST' });

    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.getByLabel('案号或当事人名称').fill('李强');
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator('table.case-table tbody tr', { hasText: '李强' }).first();
    await row.waitFor();
    await row.locator('a.case-no').click();
    await page.getByTestId('closing-link').click();
    await page.getByRole('heading', { level: 1, name: '结案与终本' }).waitFor();
    const caseId = /\/cases\/([0-9a-f-]{36})\/closing/.exec(page.url())![1]!;

    // The interview with the creditor (约谈).
    await page.getByLabel(/约谈内容/).fill('告知申请执行人财产调查情况、终本的依据及法律后果，申请执行人表示知悉。');
    await page.getByRole('button', { name: '记录约谈' }).click();
    await page.getByText('约谈已记录。').waitFor();
    await page.locator('li[data-code="CREDITOR_INTERVIEWED"][data-met="true"]').waitFor();

    // Refused: the time since filing and the consumption restriction (and the inquiry unless one completed) are missing.
    await page.getByRole('button', { name: '裁定终结本次执行程序' }).click();
    const notice = page.getByTestId('closing-notice');
    await notice.getByText(/不符合终本条件/).waitFor();
    const missing = await notice.locator('li[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(missing).to.include.members(['FILED_OVER_3_MONTHS', 'CONSUMPTION_RESTRICTED']);
    expect(missing).to.not.include('CREDITOR_INTERVIEWED');

    // The conditions come to hold: 100 days on the server's clock, an online inquiry, a restriction in force.
    (app.clock as FakeClock).advance(100 * 86_400_000);
    const token = await tokenFor(app.url, 'judge.wang');
    const detail = (await request(app.url).get(`/api/cases/${caseId}`).set(bearer(token))).body;
    const debtor = detail.parties.find((p: { role: string }) => p.role === 'debtor');
    const started = await request(app.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(token)).send({ partyId: debtor.id, kinds: ['bank_large', 'payment_platform'] });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    await app.app.inquiry.runner.settled(started.body.id);
    // Listed as a dishonest debtor (失信, ground (一)), which restricts consumption (限高 Art. 1).
    const listed = await request(app.url)
      .post(`/api/cases/${caseId}/credit/listings`)
      .set(bearer(token))
      .send({ partyId: debtor.id, ground: 'able_but_refuses', evidence: '被执行人名下车辆于立案后转让，有履行能力而拒不履行' });
    expect(listed.status, JSON.stringify(listed.body)).to.equal(201);

    // The session ran out with the 100 days: sign in again.
    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.goto(`${app.url}/cases/${caseId}/closing`);
    await page.getByRole('heading', { level: 1, name: '结案与终本' }).waitFor();
    for (const code of ['FILED_OVER_3_MONTHS', 'ONLINE_INQUIRY_COMPLETED', 'CONSUMPTION_RESTRICTED', 'CREDITOR_INTERVIEWED']) {
      await page.locator(`li[data-code="${code}"][data-met="true"]`).waitFor();
    }
    await page.getByRole('button', { name: '裁定终结本次执行程序' }).click();
    await page.getByText(/已裁定终结本次执行程序/).waitFor();
    await page.getByRole('button', { name: '恢复执行' }).waitFor();
    expect(await page.locator('table.table tbody tr').count()).to.equal(10);
    await screenshot(page, 'case-closing', { fullPage: true });
  });
});
