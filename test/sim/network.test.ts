import { expect } from 'chai';
import fc from 'fast-check';
import { Money } from '../../shared/money';
import { buildCatalogue } from '../../server/sim/catalogue';
import { Network, type AssetState, type Measure } from '../../server/sim/network';

const DAY = 86_400_000;
const T0 = new Date('2026-11-25T08:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const catalogue = buildCatalogue({ seed: 'net-test' });
const COURTS = [
  { code: '京0105', name: '北京市朝阳区人民法院' },
  { code: '京0108', name: '北京市海淀区人民法院' },
  { code: '沪0115', name: '上海市浦东新区人民法院' },
  { code: '粤0305', name: '深圳市南山区人民法院' },
];
const DEBTOR = '110105199001011237';

function bookWithDeposit(balance: string): { network: Network; asset: AssetState } {
  const network = new Network('net-test', catalogue);
  const asset = network.addAsset({
    institution: 'B-ICBC',
    assetRef: 'DEP-TEST',
    debtorId: DEBTOR,
    kind: 'deposit',
    identifier: '6222020000000000001',
    description: '个人活期储蓄账户',
    balance: new Money(balance),
    indicativeValue: null,
  });
  return { network, asset };
}

let refs = 0;
const freezeReq = (court: number, amount: string, untilDays: number, callbackUrl: string | null = null) => ({
  measureRef: `M-${++refs}`,
  assetRef: 'DEP-TEST',
  debtorId: DEBTOR,
  court: COURTS[court]!,
  caseNo: `（2026）${COURTS[court]!.code}执${refs}号`,
  amount: new Money(amount),
  until: at(untilDays),
  callbackUrl,
  correlationId: `c-${refs}`,
});

describe('sim/network (the books of the institutions)', () => {
  it('when a freeze asks for more than the balance, then it holds the whole balance and no more', () => {
    const { network } = bookWithDeposit('8920.17');
    const r = network.freeze('B-ICBC', freezeReq(0, '20000.00', 300), T0);
    expect(r.ok && r.value).to.deep.include({ rank: 1, status: 'in_force' });
    expect(r.ok && r.value.frozenAmount!.toFixed(2)).to.equal('8920.17');
  });

  it('when a second court freezes an encumbered account, then it is queued in rank 2 holding nothing yet', () => {
    const { network } = bookWithDeposit('100000.00');
    network.freeze('B-ICBC', freezeReq(0, '30000.00', 300), T0);
    const r = network.freeze('B-ICBC', freezeReq(1, '50000.00', 300), T0);
    expect(r.ok && r.value).to.deep.include({ rank: 2, status: 'queued' });
    expect(r.ok && r.value.frozenAmount!.toFixed(2)).to.equal('0.00');
    const third = network.freeze('B-ICBC', freezeReq(2, '1.00', 300), T0);
    expect(third.ok && third.value.rank).to.equal(3);
  });

  it('when the first freeze is released, then the next takes effect now, with its amount computed now and its term starting now', () => {
    const { network } = bookWithDeposit('100000.00');
    const first = freezeReq(0, '30000.00', 300);
    const second = freezeReq(1, '250000.00', 200, 'http://court/cb');
    network.freeze('B-ICBC', first, T0);
    network.freeze('B-ICBC', second, T0);
    const r = network.release('B-ICBC', { measureRef: first.measureRef, courtCode: COURTS[0]!.code }, at(10));
    expect(r.ok).to.equal(true);
    expect(r.promotions).to.have.length(1);
    const p = r.promotions[0]!;
    expect(p).to.deep.include({ measureRef: second.measureRef, rank: 1, callbackUrl: 'http://court/cb', correlationId: second.correlationId });
    expect(p.frozenAmount!.toFixed(2)).to.equal('100000.00');
    expect(p.effectiveUntil.toISOString()).to.equal(at(210).toISOString());
  });

  it('when a queued measure is released, then those behind it move up without taking effect', () => {
    const { network, asset } = bookWithDeposit('100.00');
    const a = freezeReq(0, '10.00', 300);
    const b = freezeReq(1, '10.00', 300);
    const c = freezeReq(2, '10.00', 300);
    for (const m of [a, b, c]) network.freeze('B-ICBC', m, T0);
    const r = network.release('B-ICBC', { measureRef: b.measureRef, courtCode: COURTS[1]!.code }, T0);
    expect(r.promotions).to.be.empty;
    expect(asset.active.map((m) => [m.measureRef, m.rank, m.status])).to.deep.equal([
      [a.measureRef, 1, 'in_force'],
      [c.measureRef, 2, 'queued'],
    ]);
  });

  it('when the expiry of the measure in force passes, then it lapses and the next takes effect from that expiry', () => {
    const { network } = bookWithDeposit('5000.00');
    const first = freezeReq(0, '1000.00', 30);
    const second = freezeReq(1, '9000.00', 100, 'http://court/cb');
    network.freeze('B-ICBC', first, T0);
    network.freeze('B-ICBC', second, T0);
    expect(network.expireDue(at(29))).to.be.empty;
    const promotions = network.expireDue(at(45));
    expect(promotions.map((p) => [p.measureRef, p.frozenAmount!.toFixed(2), p.effectiveUntil.toISOString()])).to.deep.equal([
      [second.measureRef, '5000.00', at(130).toISOString()],
    ]);
    expect(network.measure('B-ICBC', first.measureRef)!.status).to.equal('lapsed');
  });

  it('when the clock jumps past several expiries, then the cascade ends with the last one still in force, and only it is announced', () => {
    const { network } = bookWithDeposit('5000.00');
    const a = freezeReq(0, '1000.00', 10);
    const b = freezeReq(1, '1000.00', 10, 'http://court/b');
    const c = freezeReq(2, '1000.00', 300, 'http://court/c');
    for (const m of [a, b, c]) network.freeze('B-ICBC', m, T0);
    const promotions = network.expireDue(at(25)); // a lapses at 10, b runs 10..20 and lapses, c takes effect at 20
    expect(promotions.map((p) => p.measureRef)).to.deep.equal([c.measureRef]);
    expect(promotions[0]!.effectiveUntil.toISOString()).to.equal(at(320).toISOString());
  });

  it('when a deduct asks for at most the frozen amount, then balance and frozen amount both fall by it', () => {
    const { network, asset } = bookWithDeposit('214800.00');
    const f = freezeReq(0, '100000.00', 300);
    network.freeze('B-ICBC', f, T0);
    const tooMuch = network.deduct('B-ICBC', { measureRef: f.measureRef, courtCode: COURTS[0]!.code, amount: new Money('100000.01'), courtAccount: '0200', transferRef: 'T1' }, T0);
    expect(tooMuch.ok).to.equal(false);
    expect(!tooMuch.ok && tooMuch.reason).to.match(/exceeds the frozen amount of 100000.00/);
    const r = network.deduct('B-ICBC', { measureRef: f.measureRef, courtCode: COURTS[0]!.code, amount: new Money('60000'), courtAccount: '0200', transferRef: 'T2' }, T0);
    expect(r.ok && [r.value.deductedAmount.toFixed(2), r.value.frozenAmount!.toFixed(2), r.value.transferRef]).to.deep.equal(['60000.00', '40000.00', 'T2']);
    expect(asset.balance!.toFixed(2)).to.equal('154800.00');
  });

  it('when a queued freeze, another court or an unknown measure is deducted from, then it is refused with a reason', () => {
    const { network } = bookWithDeposit('1000.00');
    const a = freezeReq(0, '500.00', 300);
    const b = freezeReq(1, '500.00', 300);
    network.freeze('B-ICBC', a, T0);
    network.freeze('B-ICBC', b, T0);
    const queued = network.deduct('B-ICBC', { measureRef: b.measureRef, courtCode: COURTS[1]!.code, amount: new Money('1'), courtAccount: 'x', transferRef: 'T' }, T0);
    expect(!queued.ok && queued.reason).to.match(/queued freeze/);
    const other = network.deduct('B-ICBC', { measureRef: a.measureRef, courtCode: COURTS[3]!.code, amount: new Money('1'), courtAccount: 'x', transferRef: 'T' }, T0);
    expect(!other.ok && other.reason).to.match(/not ordered by your court/);
    const unknown = network.deduct('B-ICBC', { measureRef: 'M-NOPE', courtCode: COURTS[0]!.code, amount: new Money('1'), courtAccount: 'x', transferRef: 'T' }, T0);
    expect(!unknown.ok && unknown.reason).to.match(/No measure M-NOPE/);
  });

  it('when a measure is renewed before it ends, then its expiry moves; after it ended, or queued, or too far, it is refused', () => {
    const { network } = bookWithDeposit('1000.00');
    const a = freezeReq(0, '500.00', 300);
    const b = freezeReq(1, '500.00', 300);
    network.freeze('B-ICBC', a, T0);
    network.freeze('B-ICBC', b, T0);
    const renewed = network.renew('B-ICBC', { measureRef: a.measureRef, courtCode: COURTS[0]!.code, until: at(600) }, at(290));
    expect(renewed.ok && renewed.value.effectiveUntil.toISOString()).to.equal(at(600).toISOString());
    // 民诉解释 485: a deposit freeze may be renewed by at most one year from its current expiry.
    const tooFar = network.renew('B-ICBC', { measureRef: a.measureRef, courtCode: COURTS[0]!.code, until: at(600 + 367) }, at(590));
    expect(!tooFar.ok && tooFar.reason).to.match(/485/);
    const queued = network.renew('B-ICBC', { measureRef: b.measureRef, courtCode: COURTS[1]!.code, until: at(500) }, at(290));
    expect(!queued.ok && queued.reason).to.match(/queued measure/);
    network.release('B-ICBC', { measureRef: a.measureRef, courtCode: COURTS[0]!.code }, at(300));
    const ended = network.renew('B-ICBC', { measureRef: a.measureRef, courtCode: COURTS[0]!.code, until: at(700) }, at(301));
    expect(!ended.ok && ended.reason).to.match(/already been released/);
  });

  it('when a freeze is longer than the legal term, in the past, or on real estate, then it is refused', () => {
    const { network } = bookWithDeposit('1000.00');
    expect(network.freeze('B-ICBC', freezeReq(0, '1.00', 367), T0).ok).to.equal(false);
    expect(network.freeze('B-ICBC', freezeReq(0, '1.00', -1), T0).ok).to.equal(false);
    expect(network.freeze('B-ICBC', { ...freezeReq(0, '1.00', 300), debtorId: '110105198001011234' }, T0).ok).to.equal(false);
    const flat = network.addAsset({
      institution: 'RE-310000', assetRef: 'RE-X', debtorId: DEBTOR, kind: 'real_estate', identifier: '沪(2020)浦东新区不动产权第0000001号',
      description: '住宅', balance: null, indicativeValue: new Money('5000000'),
    });
    const freezeFlat = network.freeze('RE-310000', { ...freezeReq(0, '1.00', 300), assetRef: flat.assetRef }, T0);
    expect(!freezeFlat.ok && freezeFlat.reason).to.match(/seized, not frozen/);
    const seize = network.seize('RE-310000', { ...freezeReq(0, '1.00', 1000), assetRef: flat.assetRef }, T0);
    expect(seize.ok && seize.value).to.deep.include({ rank: 1, frozenAmount: null });
  });

  it('when the court says a measure lapsed that the institution already saw lapse, then both agree; a released one is refused', () => {
    const { network } = bookWithDeposit('1000.00');
    const a = freezeReq(0, '500.00', 30);
    const b = freezeReq(0, '500.00', 300);
    network.freeze('B-ICBC', a, T0);
    network.expireDue(at(31));
    expect(network.lapse('B-ICBC', { measureRef: a.measureRef, courtCode: COURTS[0]!.code }, at(31)).ok).to.equal(true);
    network.freeze('B-ICBC', b, at(31));
    network.release('B-ICBC', { measureRef: b.measureRef, courtCode: COURTS[0]!.code }, at(32));
    expect(network.lapse('B-ICBC', { measureRef: b.measureRef, courtCode: COURTS[0]!.code }, at(33)).ok).to.equal(false);
  });

  describe('(property) on one account, across any sequence of freezes, releases, lapses, deducts and time passing', () => {
    type Op =
      | { op: 'freeze'; court: number; fen: number; days: number }
      | { op: 'release' | 'lapse'; pick: number }
      | { op: 'deduct'; pick: number; fen: number }
      | { op: 'wait'; days: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('freeze' as const), court: fc.integer({ min: 0, max: 3 }), fen: fc.integer({ min: 1, max: 30_000_000 }), days: fc.integer({ min: 1, max: 365 }) }),
      fc.record({ op: fc.constantFrom('release' as const, 'lapse' as const), pick: fc.nat(10) }),
      fc.record({ op: fc.constant('deduct' as const), pick: fc.nat(10), fen: fc.integer({ min: 1, max: 30_000_000 }) }),
      fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 200 }) }),
    );
    const fen = (n: number) => new Money(n).dividedBy(100);

    it('the total frozen never exceeds the balance, ranks stay 1..n without gaps, and only rank 1 is in force', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.array(opArb, { maxLength: 40 }), (balanceFen, ops) => {
          const { network, asset } = bookWithDeposit(fen(balanceFen).toFixed(2));
          let now = T0;
          const placed: Measure[] = [];
          for (const o of ops) {
            if (o.op === 'wait') {
              now = new Date(now.getTime() + o.days * DAY);
              network.expireDue(now);
            } else if (o.op === 'freeze') {
              const req = { ...freezeReq(o.court, fen(o.fen).toFixed(2), o.days), until: new Date(now.getTime() + o.days * DAY) };
              const r = network.freeze('B-ICBC', req, now);
              if (r.ok) placed.push(network.measure('B-ICBC', req.measureRef)!);
            } else if (placed.length > 0) {
              const m = placed[o.pick % placed.length]!;
              const courtCode = m.court.code;
              if (o.op === 'deduct') {
                const before = asset.balance!;
                const frozenBefore = m.frozenAmount!;
                const statusBefore = m.status;
                const r = network.deduct('B-ICBC', { measureRef: m.measureRef, courtCode, amount: fen(o.fen), courtAccount: 'acct', transferRef: 'T' }, now);
                if (r.ok) {
                  expect(statusBefore).to.equal('in_force');
                  expect(fen(o.fen).lessThanOrEqualTo(frozenBefore)).to.equal(true);
                  expect(asset.balance!.toFixed(2)).to.equal(before.minus(fen(o.fen)).toFixed(2));
                }
              } else {
                network[o.op]('B-ICBC', { measureRef: m.measureRef, courtCode }, now);
              }
            }
            const balance = asset.balance!;
            expect(balance.isNegative(), 'balance').to.equal(false);
            const totalFrozen = asset.active.reduce((s, m) => s.plus(m.frozenAmount ?? 0), new Money(0));
            expect(totalFrozen.lessThanOrEqualTo(balance), `frozen ${totalFrozen} > balance ${balance}`).to.equal(true);
            expect(asset.active.map((m) => m.rank)).to.deep.equal(asset.active.map((_, i) => i + 1));
            asset.active.forEach((m, i) => {
              expect(m.status).to.equal(i === 0 ? 'in_force' : 'queued');
              if (i > 0) expect(m.frozenAmount!.isZero()).to.equal(true);
              expect(m.frozenAmount!.lessThanOrEqualTo(m.requestedAmount!)).to.equal(true);
            });
            for (const m of placed) if (!asset.active.includes(m)) expect(m.rank).to.equal(null);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
