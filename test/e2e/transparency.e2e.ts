import { expect } from 'chai';
import { runPetitionJobs } from '../../server/modules/petitions';
import type { FakeClock } from '../../server/platform/clock';
import { startBiddingFixture, type BiddingFixture } from '../auctions/bidding-fixture';
import { buildPartyContent, openPartyView, type PartyContent } from '../transparency/party-content';
import { browserHooks, demoAppHooks, screenshot } from './harness';
import { logIn } from './steps';

describe('transparency for the parties and petitions in the browser', function () {
  const browser = browserHooks();
  const app = demoAppHooks();

  it('when a judge issues a query code, then a signed-out party opens the case with it, sees its steps and files a petition, which the judge assigns and answers', async () => {
    const { page } = browser;

    // The judge opens a case and issues its query code, shown once.
    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.locator('table.case-table tbody tr a').first().click();
    await page.waitForURL((url) => /^\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
    const caseNo = (await page.locator('h1.case-title').textContent())!.trim();
    await page.getByRole('heading', { name: '当事人查询码' }).waitFor();
    await page.getByTestId('issue-query-code').click();
    const code = (await page.getByTestId('query-code').textContent())!.trim();
    expect(code).to.match(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.locator('.case-timeline [data-action="case.query_code_issued"]').waitFor();

    // A party, signed out, in another browser context.
    const party = await browser.newContext({}, 'party');
    browser.log.expectHttpError({ path: '/api/public/case-query', status: 403, method: 'POST' });
    await party.page.goto(`${app.url}/query`);
    await party.page.getByRole('heading', { level: 1, name: '当事人查询' }).waitFor();
    await party.page.getByLabel('案号').fill(caseNo);
    await party.page.getByLabel('查询码').fill('AAAA-AAAA-AAAA');
    await party.page.getByRole('button', { name: '查询', exact: true }).click();
    await party.page.getByText('案号或查询码不正确。').waitFor();
    await party.page.getByLabel('查询码').fill(code.toLowerCase());
    await party.page.getByRole('button', { name: '查询', exact: true }).click();
    await party.page.getByRole('heading', { level: 1, name: caseNo }).waitFor();
    await party.page.locator('[data-action="case.created"]').waitFor();
    await party.page.locator('[data-action="case.query_code_issued"]').waitFor();
    // Nothing internal: no staff names on the party's page.
    expect(await party.page.locator('main').textContent()).to.not.include('王建国');

    await party.page.getByRole('button', { name: '提交信访' }).click();
    await party.page.getByLabel('信访人姓名').fill('张三');
    await party.page.getByLabel('信访内容').fill('案件立案已久，请法院尽快查控被执行人财产。');
    await party.page.locator('form').getByRole('button', { name: '提交信访' }).click();
    await party.page.getByText(/信访已提交，法院将在/).waitFor();
    await party.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(party.page, 'party-case', { fullPage: true });

    // The judge assigns the petition to himself and answers it.
    await page.getByRole('link', { name: '信访', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/petitions');
    const item = page.locator('li.petition').filter({ hasText: caseNo }).first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).to.equal('received');
    await item.getByLabel('选择法官').selectOption({ label: '王建国' });
    await item.getByRole('button', { name: '交办' }).click();
    await page.locator(`li.petition[data-status="assigned"]`).filter({ hasText: caseNo }).waitFor();
    const assigned = page.locator('li.petition[data-status="assigned"]').filter({ hasText: caseNo }).first();
    await assigned.getByRole('button', { name: '答复' }).click();
    await assigned.getByLabel('答复内容').fill('经查，本院已对被执行人存款发起网络查控，将依法推进执行。');
    await assigned.getByRole('button', { name: '提交答复' }).click();
    const answered = page.locator('li.petition[data-status="answered"]').filter({ hasText: caseNo }).first();
    await answered.waitFor();
    expect(await answered.textContent()).to.include('经查，本院已对被执行人存款发起网络查控');

    // The steps are on the case's timeline; a clerk's-desk petition (by letter) is recorded from the case page.
    await answered.getByRole('link', { name: caseNo }).click();
    await page.locator('.case-timeline [data-action="petition.answered"]').waitFor();
    for (const action of ['petition.received', 'petition.assigned']) expect(await page.locator(`.case-timeline [data-action="${action}"]`).count()).to.equal(1);
    await page.getByRole('button', { name: '登记信访' }).click();
    await page.getByLabel('信访人姓名').fill('李四');
    await page.getByLabel('信访人身份').selectOption('debtor');
    await page.getByLabel('信访方式').selectOption('letter');
    await page.getByLabel('信访内容').fill('被执行人来信称冻结金额超过执行标的，请求解除部分冻结。');
    await page.locator('form').getByRole('button', { name: '登记信访' }).click();
    await page.getByText(/信访已登记，应于/).waitFor();

    // Four days on, nobody has assigned it: the job marks it overdue and the list shows it in red, first.
    (app.clock as FakeClock).advance(4 * 86_400_000);
    expect(await runPetitionJobs(app.app.ctx, app.clock.now())).to.deep.equal({ reminded: 0, overdue: 1 });
    await logIn(page, app.url, 'judge.wang', '/cases');
    await page.goto(`${app.url}/petitions`);
    const overdue = page.locator('li.petition.is-overdue').first();
    await overdue.waitFor();
    expect(await overdue.getAttribute('data-status')).to.equal('received');
    expect(await overdue.textContent()).to.include('逾期环节：交办');
    expect(await page.locator('li.petition').first().getAttribute('data-petition')).to.equal(await overdue.getAttribute('data-petition'));
    await screenshot(page, 'petitions', { fullPage: true });
  });
});

describe('the party page of a case with measures, money and an auction, in the browser', function () {
  let f: BiddingFixture;
  let content: PartyContent;
  const browser = browserHooks();

  before(async function () {
    this.timeout(180_000);
    f = await startBiddingFixture({ serveClient: true });
    // The same case as the component test: a flat seized and auctioned (live, one bid), a deposit frozen, 30,000
    // deducted and 20,000 paid out.
    content = await buildPartyContent(f);
  });

  after(async () => {
    await f?.close();
  });

  it('when a party opens a case with a deduction, a payout and a live auction, then the page shows the measures, the money and the auction, and no bidder or staff', async function () {
    this.timeout(120_000);
    const view = (await openPartyView(f, content)).body;
    const names = Object.fromEntries(view.measures.map((m: { kind: string; institutionName: string }) => [m.kind, m.institutionName]));
    const { page } = browser;
    await page.goto(`${f.t.url}/query`);
    await page.getByRole('heading', { level: 1, name: '当事人查询' }).waitFor();
    await page.getByLabel('案号').fill(content.caseNo);
    await page.getByLabel('查询码').fill(content.code);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: content.caseNo }).waitFor();

    // The money: recovered and paid out.
    expect((await page.locator('[data-total="recovered"]').textContent())!.trim()).to.equal('¥30,000.00');
    expect((await page.locator('[data-total="paidOut"]').textContent())!.trim()).to.equal('¥20,000.00');

    // The measures: kind and asset, institution, amounts, status.
    const measures = page.locator('section[aria-labelledby="pq-measures"] tbody tr');
    expect(await measures.count()).to.equal(2);
    const freeze = measures.filter({ hasText: '冻结 ¥50,000.00' });
    expect(await freeze.count()).to.equal(1);
    const freezeText = (await freeze.textContent())!;
    expect(freezeText).to.contain('已扣划 ¥30,000.00').and.contain('生效中').and.contain(names.freeze);
    expect(await freeze.getAttribute('data-measure-status')).to.equal('in_force');
    const seizure = measures.filter({ hasText: names.seizure });
    expect(await seizure.getAttribute('data-measure-status')).to.equal('in_force');
    expect(await seizure.locator('th').textContent()).to.match(/^查封/);

    // The auction: title linking to its public page, live, the starting and the current price.
    const auction = page.locator('li.party-auction');
    expect(await auction.count()).to.equal(1);
    const link = auction.getByRole('link', { name: '北京市朝阳区某小区1号楼101室' });
    expect(await link.getAttribute('href')).to.equal(`/auctions/${content.auctionId}`);
    const auctionText = (await auction.textContent())!;
    expect(auctionText).to.contain('起拍价 ¥700,000.00').and.contain('当前价 ¥705,000.00').and.contain('第1次拍卖');

    // The steps of the money are on the timeline.
    for (const action of ['deduction.completed', 'ledger.payout', 'auction.announced']) await page.locator(`[data-action="${action}"]`).first().waitFor();

    // Nothing internal on the page.
    const text = (await page.locator('main').textContent())!;
    for (const secret of ['王建国', '李敏', '张立', content.bidder.name, content.bidderCode, content.bidder.idNumber, content.debtorIdNumber, content.payeeAccount, content.deposit.assetRef]) {
      expect(text, secret).to.not.include(secret);
    }
  });
});
