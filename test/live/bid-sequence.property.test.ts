/**
 * Property tests of the live-bidding rules over generated bid sequences (pure: shared/auction-rules only). An
 * engine-like fold decides each request in arrival order as BidEngine does (refuse at or after the end, check the
 * amount, place, extend, let the proxy maxima answer), and the properties the issue asks for are checked on every
 * generated run: the price only rises, the end never moves earlier, exactly one winner, and replaying the stored log
 * gives the same final state. Amounts are generated in fen (bigint) so that the test's own arithmetic is exact and
 * independent of the rules' Decimal code.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { checkBidAmount, compareBids, EXTENSION_MINUTES, extendEnd, leadingBid, proxyBids, type ProxyMax } from '../../shared/auction-rules';
import { compareMoney } from '../../shared/money';
import { fen, fold, MINUTE, replay, requestArb, termsArb, toFen, type Terms } from './bid-model';

const EXTENSION_MS = EXTENSION_MINUTES * MINUTE;

describe('live bidding rules over generated bid sequences (fast-check, pure)', () => {
  const START = Date.parse('2026-12-26T02:00:00.000Z');
  const scenarioArb = fc.record({
    terms: termsArb,
    /** Bidding starts this long before its scheduled end, so the requests cross the last 5 minutes and the end. */
    window: fc.integer({ min: 1, max: 20 * MINUTE }),
    requests: fc.array(requestArb, { minLength: 1, maxLength: 60 }),
    proxyBidding: fc.boolean(),
  });

  it('when any sequence of bids and proxy maxima is decided in order, then the price only rises and the end never moves earlier', () => {
    fc.assert(
      fc.property(scenarioArb, ({ terms, window, requests, proxyBidding }) => {
        const s = fold(terms, START, START + window, requests, proxyBidding);
        let end = START + window;
        for (let i = 0; i < s.bids.length; i++) {
          const b = s.bids[i]!;
          if (i === 0) expect(compareMoney(b.amount, terms.startingPrice)).to.be.at.least(0);
          else {
            const prev = s.bids[i - 1]!;
            const rises = compareMoney(b.amount, prev.amount);
            // Only a priority holder who wins the tie may match the leading amount (网拍 Art. 21); otherwise it rises.
            if (b.priorityRank !== null && prev.priorityRank === null) expect(rises).to.be.at.least(0);
            else expect(rises, `bid ${b.seq} over ${prev.seq}`).to.equal(1);
          }
          // The end never moves earlier; a bid in the last 5 minutes moves it to its time + 5 minutes.
          const next = extendEnd(new Date(end), b.at).getTime();
          expect(next).to.be.at.least(end);
          expect(b.at.getTime()).to.be.below(end);
          if (b.at.getTime() >= end - EXTENSION_MS) expect(next).to.equal(Math.max(end, b.at.getTime() + EXTENSION_MS));
          else expect(next).to.equal(end);
          end = next;
        }
        expect(s.endsAt.getTime()).to.equal(end);
        expect(s.endsAt.getTime()).to.be.at.least(START + window);
      }),
      { numRuns: 400 },
    );
  });

  it('when bidding ends, then exactly one bid leads (leadingBid), it is the last one placed, and it beats every other bid', () => {
    fc.assert(
      fc.property(scenarioArb, ({ terms, window, requests, proxyBidding }) => {
        const s = fold(terms, START, START + window, requests, proxyBidding);
        const winner = leadingBid(s.bids);
        if (s.bids.length === 0) {
          expect(winner).to.equal(null);
          return;
        }
        expect(winner).to.equal(s.leader);
        expect(winner).to.equal(s.bids[s.bids.length - 1]);
        const others = s.bids.filter((b) => b !== winner);
        for (const o of others) expect(compareBids(winner!, o), `winner ${winner!.seq} against ${o.seq}`).to.be.below(0);
      }),
      { numRuns: 400 },
    );
  });

  it('when the stored log is replayed as plain bids, then every bid is accepted again and the final price, leader and end are the same', () => {
    fc.assert(
      fc.property(scenarioArb, ({ terms, window, requests, proxyBidding }) => {
        const s = fold(terms, START, START + window, requests, proxyBidding);
        const again = replay(terms, START + window, s.bids);
        expect(again.refused).to.equal(0);
        expect(again.endsAt.getTime()).to.equal(s.endsAt.getTime());
        expect(again.leader?.amount ?? null).to.equal(s.leader?.amount ?? null);
        expect(again.leader).to.equal(s.leader);
        // The same log in storage order (by seq, shuffled and sorted back) gives the same result: seq is the order.
        const shuffled = [...s.bids].sort(() => 0.5 - Math.random()).sort((a, b) => a.seq - b.seq);
        expect(replay(terms, START + window, shuffled)).to.deep.equal(again);
      }),
      { numRuns: 400 },
    );
  });

  describe('proxyBids (代理出价)', () => {
    interface ProxyScenario {
      terms: Terms;
      leading: { registrationId: string; amount: string; priorityRank: null } | null;
      proxies: ProxyMax[];
    }
    const T0 = Date.parse('2026-12-26T02:00:00.000Z');
    const proxyScenarioArb: fc.Arbitrary<ProxyScenario> = fc
      .record({
        terms: termsArb,
        leadingSteps: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        leadingIsProxy: fc.boolean(),
        maxima: fc.array(fc.record({ steps: fc.integer({ min: -2, max: 30 }), extraFen: fc.nat(999), setAt: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 6 }),
      })
      .map(({ terms, leadingSteps, leadingIsProxy, maxima }) => {
        const inc = toFen(terms.increment);
        const start = toFen(terms.startingPrice);
        const leading = leadingSteps === null ? null : { registrationId: leadingIsProxy ? 'p0' : 'leader', amount: fen(start + BigInt(leadingSteps) * inc), priorityRank: null };
        const anchor = leading ? toFen(leading.amount) : start;
        const proxies = maxima.map((m, i): ProxyMax => {
          const raw = anchor + BigInt(m.steps) * inc + (BigInt(m.extraFen) % inc);
          // A leader's own maximum is at least its leading amount (the engine refuses less: PROXY_TOO_LOW).
          const floor = leading && `p${i}` === leading.registrationId ? anchor : 1n;
          return { registrationId: `p${i}`, bidderCode: `C${i}`, priorityRank: null, max: fen(raw < floor ? floor : raw), setAt: new Date(T0 + m.setAt) };
        });
        return { terms, leading, proxies };
      });

    /** The highest amount a maximum reaches on the grid anchor + k × increment (k ≥ 1 over a leading bid), or null. */
    const reachOf = (s: ProxyScenario, max: string): bigint | null => {
      const inc = toFen(s.terms.increment);
      const anchor = s.leading ? toFen(s.leading.amount) : toFen(s.terms.startingPrice);
      const m = toFen(max);
      if (m < anchor) return null;
      const k = (m - anchor) / inc;
      if (s.leading && k < 1n) return null;
      return anchor + k * inc;
    };

    /** Applies the auto-bids in order; returns the final leader (registration, amount) and checks each bid is allowed. */
    const apply = (s: ProxyScenario) => {
      const bids = proxyBids(s.terms, s.leading, s.proxies);
      let leading: { registrationId: string; amount: string; priorityRank: number | null } | null = s.leading;
      for (const b of bids) {
        const check = checkBidAmount(s.terms, leading, b.priorityRank, b.amount);
        expect(check.ok, `auto-bid ${b.amount} by ${b.registrationId} after ${leading?.amount ?? 'none'}: ${JSON.stringify(check)}`).to.equal(true);
        leading = { registrationId: b.registrationId, amount: b.amount, priorityRank: b.priorityRank };
      }
      return { bids, leading };
    };

    it('when the auto-bids are placed in order, then each one satisfies checkBidAmount against the bid before it', () => {
      fc.assert(fc.property(proxyScenarioArb, (s) => void apply(s)), { numRuns: 1000 });
    });

    it('when maxima compete, then the strongest maximum leads (the highest reach; at equal reach the earlier set), and the price is at most the second-strongest reach + one increment', () => {
      fc.assert(
        fc.property(proxyScenarioArb, (s) => {
          const { bids, leading } = apply(s);
          const inc = toFen(s.terms.increment);
          const anchor = s.leading ? toFen(s.leading.amount) : toFen(s.terms.startingPrice);
          // Contenders: every maximum that reaches the grid, and the leader (at least at its leading amount).
          const contenders = s.proxies.flatMap((p) => {
            const r = reachOf(s, p.max);
            if (s.leading?.registrationId === p.registrationId) return [{ id: p.registrationId, reach: r ?? anchor, order: p.setAt.getTime() }];
            return r === null ? [] : [{ id: p.registrationId, reach: r, order: p.setAt.getTime() }];
          });
          if (s.leading && !contenders.some((c) => c.id === s.leading!.registrationId)) contenders.push({ id: s.leading.registrationId, reach: anchor, order: Number.NEGATIVE_INFINITY });
          const challengers = contenders.filter((c) => c.id !== s.leading?.registrationId);
          if (challengers.length === 0) {
            expect(bids).to.deep.equal([]);
            return;
          }
          contenders.sort((a, b) => (a.reach === b.reach ? a.order - b.order : a.reach > b.reach ? -1 : 1));
          const [strongest, second] = contenders;
          expect(leading?.registrationId, JSON.stringify({ s, bids })).to.equal(strongest!.id);
          const price = toFen(leading!.amount);
          expect(price <= strongest!.reach, 'the leader never bids beyond its maximum').to.equal(true);
          if (second) expect(price <= second.reach + inc, `price ${price} against second reach ${second.reach} + ${inc}`).to.equal(true);
          else expect(leading!.amount).to.equal(s.terms.startingPrice);
          // The loser was pushed as far as it could go while the leader could still beat it.
          if (second && second.reach < strongest!.reach) expect(price).to.equal(second.reach + inc);
        }),
        { numRuns: 1000 },
      );
    });

    it('when two maxima are equal, then the one set earlier leads, at that maximum, whatever order they are listed in', () => {
      fc.assert(
        fc.property(termsArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (terms, steps, gap, listLaterFirst) => {
          const max = fen(toFen(terms.startingPrice) + BigInt(steps) * toFen(terms.increment));
          const early: ProxyMax = { registrationId: 'early', bidderCode: 'E', priorityRank: null, max, setAt: new Date(T0) };
          const late: ProxyMax = { registrationId: 'late', bidderCode: 'L', priorityRank: null, max, setAt: new Date(T0 + gap) };
          const s: ProxyScenario = { terms, leading: null, proxies: listLaterFirst ? [late, early] : [early, late] };
          const { bids, leading } = apply(s);
          expect(leading).to.deep.equal({ registrationId: 'early', amount: max, priorityRank: null });
          expect(bids.map((b) => b.registrationId)).to.deep.equal(steps >= 1 ? ['late', 'early'] : ['early']);
        }),
        { numRuns: 300 },
      );
    });
  });
});
