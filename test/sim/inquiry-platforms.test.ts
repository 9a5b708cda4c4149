import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommissionReceipt, PlatformReport, type CommissionRequest, type PlatformAsset, type ReportQuery } from '../../shared/inquiry-platform-protocol';
import { FakeClock } from '../../server/platform/clock';
import { institutionKey, sign, verifySignature } from '../../server/platform/signing';
import { HttpInquiryPlatformDirectory } from '../../server/modules/valuation';
import { INQUIRY_PLATFORMS, quote } from '../../server/sim/inquiry-platforms';
import { startSimulator, type Simulator } from '../../server/sim/server';
import { NETWORK_SECRET, silentLogger } from './sim-helpers';

const FLAT: PlatformAsset = { kind: 'real_estate', identifier: '京(2020)朝阳区不动产权第0012345号', description: '朝阳区建国路88号院3号楼1201', indicativeValue: '3000000.00' };
const HOUR = 3_600_000;

describe('sim/inquiry-platforms (司法网络询价平台)', () => {
  let clock: FakeClock;
  let sim: Simulator;
  const key = (code: string) => institutionKey(NETWORK_SECRET, code);
  const commission = (code: string, over: Partial<CommissionRequest> = {}, secret = key(code)) =>
    sign<CommissionRequest>(secret, {
      requestId: randomUUID(),
      platform: code,
      court: '北京市朝阳区人民法院',
      caseNo: '（2026）京0105执1号',
      asset: FLAT,
      requestedAt: clock.now().toISOString(),
      deadline: new Date(clock.nowMs() + 72 * HOUR).toISOString(),
      sentAt: clock.now().toISOString(),
      ...over,
    });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const askReport = (code: string, requestId: string) => post(`/inquiry-platforms/${code}/reports`, sign<ReportQuery>(key(code), { requestId, platform: code, sentAt: clock.now().toISOString() }));

  beforeEach(async () => {
    clock = new FakeClock('2026-11-25T08:00:00.000Z');
    sim = await startSimulator({ networkSecret: NETWORK_SECRET, latency: { scale: 0 }, faults: false, clock: () => clock.now(), logger: silentLogger });
  });
  afterEach(() => sim.close());

  it('lists at least 3 platforms, prices each asset deterministically with a spread between platforms, and has one platform late', () => {
    expect(INQUIRY_PLATFORMS.length).to.be.at.least(3);
    const quotes = INQUIRY_PLATFORMS.map((p) => quote('zhixing-demo', p, FLAT));
    expect(INQUIRY_PLATFORMS.map((p) => quote('zhixing-demo', p, FLAT))).to.deep.equal(quotes);
    expect(new Set(quotes.map((q) => q.amount)).size).to.equal(INQUIRY_PLATFORMS.length);
    for (const q of quotes) expect(Number(q.amount)).to.be.within(3_000_000 * 0.9, 3_000_000 * 1.12);
    expect(quotes.filter((q) => q.hours > 72).length).to.equal(1);
    expect(quote('another-seed', INQUIRY_PLATFORMS[0]!, FLAT).amount).to.not.equal(quotes[0]!.amount);
    expect(quote('zhixing-demo', INQUIRY_PLATFORMS[0]!, { ...FLAT, identifier: '京(2020)朝阳区不动产权第0099999号' }).amount).to.not.equal(quotes[0]!.amount);
  });

  it('when a signed commission arrives, then it is acknowledged with a signed receipt, repeats get the same receipt, and the signed report is available after the platform\'s working time', async () => {
    const request = commission('IP-JD');
    const first = await post('/inquiry-platforms/IP-JD/requests', request);
    expect(first.status).to.equal(202);
    const receipt = CommissionReceipt.parse(first.body);
    expect(verifySignature(key('IP-JD'), first.body)).to.equal(true);
    expect(receipt).to.include({ requestId: request.requestId, receivedAt: clock.now().toISOString() });

    clock.advance(HOUR);
    const repeat = await post('/inquiry-platforms/IP-JD/requests', sign<CommissionRequest>(key('IP-JD'), { ...request, sentAt: clock.now().toISOString() }));
    expect(repeat.body).to.deep.equal(first.body);

    let report = PlatformReport.parse((await askReport('IP-JD', request.requestId)).body);
    expect(report.status).to.equal('pending');
    clock.advance(24 * HOUR);
    const answer = await askReport('IP-JD', request.requestId);
    report = PlatformReport.parse(answer.body);
    expect(verifySignature(key('IP-JD'), answer.body)).to.equal(true);
    expect(report.status).to.equal('issued');
    if (report.status === 'issued') {
      const q = quote('zhixing-demo', INQUIRY_PLATFORMS.find((p) => p.code === 'IP-JD')!, FLAT);
      expect(report.amount).to.equal(q.amount);
      expect(Date.parse(report.issuedAt)).to.equal(Date.parse('2026-11-25T08:00:00.000Z') + Math.round(q.hours * HOUR));
    }
  });

  it('refuses forged, altered, misaddressed, stale and reused requests', async () => {
    const forged = await post('/inquiry-platforms/IP-TAOBAO/requests', commission('IP-TAOBAO', {}, 'not-the-key'));
    expect(forged).to.deep.include({ status: 401 });
    expect(forged.body.error).to.equal('BAD_SIGNATURE');
    const altered = { ...commission('IP-TAOBAO'), caseNo: '（2026）京0105执2号' };
    expect((await post('/inquiry-platforms/IP-TAOBAO/requests', altered)).body.error).to.equal('BAD_SIGNATURE');
    const { signature: _s, ...unsigned } = commission('IP-TAOBAO');
    expect((await post('/inquiry-platforms/IP-TAOBAO/requests', unsigned)).status).to.equal(401);
    expect((await post('/inquiry-platforms/IP-JD/requests', commission('IP-TAOBAO'))).body.error).to.equal('WRONG_PLATFORM');
    const stale = commission('IP-TAOBAO', { sentAt: new Date(clock.nowMs() - 10 * 60_000).toISOString() });
    expect((await post('/inquiry-platforms/IP-TAOBAO/requests', stale)).body.error).to.equal('STALE');
    expect((await post('/inquiry-platforms/IP-NOPE/requests', commission('IP-NOPE'))).status).to.equal(404);
    const once = commission('IP-TAOBAO');
    expect((await post('/inquiry-platforms/IP-TAOBAO/requests', once)).status).to.equal(202);
    const reused = sign<CommissionRequest>(key('IP-TAOBAO'), { ...once, caseNo: '（2026）京0105执9号' });
    expect((await post('/inquiry-platforms/IP-TAOBAO/requests', reused))).to.deep.include({ status: 409 });
    const forgedQuery = await post('/inquiry-platforms/IP-TAOBAO/reports', sign<ReportQuery>('not-the-key', { requestId: once.requestId, platform: 'IP-TAOBAO', sentAt: clock.now().toISOString() }));
    expect(forgedQuery.status).to.equal(401);
  });

  it('when the platform client reads a forged answer, then it refuses it; a genuine one it accepts', async () => {
    // A man in the middle answering for IP-JD with a receipt signed by another key.
    const forger = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/inquiry-platforms') return res.end(JSON.stringify({ platforms: [{ code: 'IP-JD', name: '京东' }] }));
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const { requestId } = JSON.parse(body) as { requestId: string };
        res.statusCode = 202;
        res.end(JSON.stringify(sign<CommissionReceipt>('forged-key', { requestId, platform: 'IP-JD', receivedAt: clock.now().toISOString() })));
      });
    });
    await new Promise<void>((resolve) => forger.listen(0, '127.0.0.1', resolve));
    const forgedUrl = `http://127.0.0.1:${(forger.address() as AddressInfo).port}`;
    const [forgedPlatform] = await new HttpInquiryPlatformDirectory({ networkUrl: forgedUrl, networkSecret: NETWORK_SECRET, clock }).list();
    let refused: unknown;
    try {
      await forgedPlatform!.commission({ requestId: randomUUID(), court: '法院', caseNo: '案号', asset: FLAT, requestedAt: clock.now(), deadline: clock.now() });
    } catch (err) {
      refused = err;
    }
    forger.close();
    expect(String(refused)).to.match(/signature does not verify/);

    const good = new HttpInquiryPlatformDirectory({ networkUrl: sim.url, networkSecret: NETWORK_SECRET, clock });
    const [p] = await good.list();
    const requestId = randomUUID();
    const { receivedAt } = await p!.commission({ requestId, court: '法院', caseNo: '案号', asset: FLAT, requestedAt: clock.now(), deadline: clock.now() });
    expect(receivedAt.toISOString()).to.equal(clock.now().toISOString());
    expect(await p!.report(requestId)).to.equal(null);
    clock.advance(200 * HOUR);
    expect((await p!.report(requestId))?.amount).to.match(/^\d+\.00$/);
  });
});
