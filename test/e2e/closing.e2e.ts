/**
 * Closing a case in the browser: a judge opens a demo case's closing page from the case page, records the interview
 * with the creditor, asks to terminate for lack of assets and sees the refusal listing every condition still missing
 * (终本规定 Art. 1); once the server's clock is past 3 months, the debtor searched online and a consumption restriction
 * in force (the debtor listed as dishonest through the credit module), the termination goes through and the re-check
 * schedule appears.
 */
import { expect } from 'chai';
import request from 'supertest';
import { completeResidentId } from '../../shared/identity';
import type { FakeClock } from '../../server/platform/clock';
import { bearer, tokenFor } from '../helpers/http';
import { browserHooks, demoAppHooks, screenshot } from './harness';
import { logIn } from './steps';

describe('closing a case in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

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
    expect(await page.locator('table.closing-rechecks tbody tr').count()).to.equal(10);
    await screenshot(page, 'case-closing', { fullPage: true });

    // Assets turn up: the judge restores enforcement (恢复执行) with a reason; the case is open again and the re-checks stop.
    await page.getByLabel('恢复执行理由').fill('申请执行人提供被执行人新的财产线索，申请恢复执行。');
    await page.getByRole('button', { name: '恢复执行', exact: true }).click();
    await page.getByText('已恢复执行，案件重新进入执行程序。').waitFor();
    await page.locator('.page-head .badge', { hasText: '执行中' }).waitFor();
    expect(await page.getByRole('button', { name: '恢复执行', exact: true }).count()).to.equal(0);
    const rechecks = await page.locator('table.closing-rechecks tbody tr').allTextContents();
    expect(rechecks).to.have.length(10);
    for (const row of rechecks) expect(row).to.contain('已停止');
    const restored = (await request(app.url).get(`/api/cases/${caseId}`).set(bearer(await tokenFor(app.url, 'judge.wang')))).body;
    expect(restored.status).to.equal('open');
    await page.getByRole('button', { name: '裁定终结本次执行程序' }).waitFor();
  });

  it('when a case\'s deductions cover the claim, then the judge closes it as enforced in full and its remaining freeze is released', async function () {
    this.timeout(180_000);
    const { page } = browser;
    const token = await tokenFor(app.url, 'judge.wang');
    const li = await tokenFor(app.url, 'judge.li');
    const api = (method: 'get' | 'post', path: string, who = token) => request(app.url)[method](path).set(bearer(who));
    const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const v = await read();
        if (ok(v)) return v;
        if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // Through the API: a case of 1,000 against 李强, his accounts found online, 1,000 frozen at CMB and the 50 of the
    // costs at Tenpay (the over-seizure limit is the claim plus the costs), the 1,000 deducted with a second approver.
    const me = (await api('get', '/api/auth/me')).body;
    const filed = await api('post', '/api/cases').send({
      judgeId: me.user.id,
      cause: '民间借贷纠纷',
      basis: '（2026）京0105民初200号民事判决书',
      claimAmount: '1000.00',
      creditors: [{ kind: 'person', name: '周明', idNumber: completeResidentId('11010519900101123') }],
      debtors: [{ kind: 'person', name: '李强', idNumber: '110105198209031537' }],
    });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const caseId = filed.body.id as string;
    const caseNo = filed.body.caseNo as string;
    const debtor = (await api('get', `/api/cases/${caseId}`)).body.parties.find((p: { role: string }) => p.role === 'debtor');
    const inquiry = await api('post', `/api/cases/${caseId}/inquiries`).send({ partyId: debtor.id, kinds: ['bank_large', 'payment_platform'] });
    expect(inquiry.status, JSON.stringify(inquiry.body)).to.equal(202);
    await app.app.inquiry.runner.settled(inquiry.body.id);
    const assets = (await api('get', `/api/cases/${caseId}/assets`)).body as { id: string; institutionCode: string }[];
    const cmb = assets.find((a) => a.institutionCode === 'B-CMB')!;
    const tenpay = assets.find((a) => a.institutionCode === 'PAY-TENPAY')!;
    const frozen = await api('post', `/api/cases/${caseId}/measures`).send({ assetId: cmb.id, amount: '1000.00' });
    expect(frozen.status, JSON.stringify(frozen.body)).to.equal(201);
    const costs = await api('post', `/api/cases/${caseId}/measures`).send({ assetId: tenpay.id, amount: '50.00' });
    expect(costs.status, JSON.stringify(costs.body)).to.equal(201);
    const measures = () => api('get', `/api/cases/${caseId}/measures`).then((r) => r.body.items as { id: string; status: string }[]);
    await eventually(measures, (ms) => ms.length === 2 && ms.every((m) => m.status === 'in_force'), 'freezes in force');
    const asked = await api('post', `/api/measures/${frozen.body.id}/deductions`).send({ amount: '1000.00' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect((await api('post', `/api/deductions/${asked.body.id}/approve`, li).send({})).status).to.equal(200);
    await eventually(() => api('get', `/api/cases/${caseId}`).then((r) => r.body.outstandingAmount as string), (o) => o === '0.00', 'outstanding amount');

    // In the browser: the closing page offers 执行完毕; the judge closes the case.
    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.goto(`${app.url}/cases/${caseId}/closing`);
    await page.getByRole('heading', { level: 1, name: '结案与终本' }).waitFor();
    expect(await page.getByText(/不能以执行完毕结案/).count()).to.equal(0);
    await page.getByRole('button', { name: '以执行完毕结案' }).click();
    await page.getByText('已以执行完毕结案，控制措施已发出解除通知。').waitFor();
    await page.locator('.page-head .badge', { hasText: '执行完毕' }).waitFor();
    // Closed: nothing more to do here.
    for (const name of ['以执行完毕结案', '裁定终结本次执行程序', '恢复执行']) expect(await page.getByRole('button', { name, exact: true }).count(), name).to.equal(0);

    // The release notices go out; the case's measures page shows the Tenpay freeze released, the CMB one fully deducted.
    await eventually(measures, (ms) => ms.find((m) => m.id === costs.body.id)?.status === 'released', 'the Tenpay freeze released');
    await page.goto(`${app.url}/cases/${caseId}/assets`);
    await page.getByRole('heading', { level: 1, name: '网络查控' }).waitFor();
    const released = page.locator(`table.measure-table tbody tr[data-measure="${costs.body.id}"]`);
    await released.locator('.badge', { hasText: '已解除' }).waitFor();
    expect(await released.getAttribute('data-status')).to.equal('released');
    const deducted = page.locator(`table.measure-table tbody tr[data-measure="${frozen.body.id}"]`);
    expect(await deducted.getAttribute('data-status')).to.equal('exhausted');
    expect(await deducted.textContent()).to.contain('已全部扣划');
    const closedCase = (await api('get', `/api/cases/${caseId}`)).body;
    expect(closedCase).to.include({ status: 'satisfied', caseNo });
  });
});
