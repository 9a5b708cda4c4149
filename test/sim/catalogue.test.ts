import { expect } from 'chai';
import { INSTITUTION_KINDS } from '../../shared/institution-protocol';
import { DEMO_INSTITUTIONS } from '../../server/modules/demo/demo-data';
import { buildCatalogue, DEMO_SIZE, maxCatalogueSize } from '../../server/sim/catalogue';
import { CITIES } from '../../server/sim/geography';

describe('sim/catalogue', () => {
  it('when built twice from the same seed and size, then the catalogues are identical', () => {
    expect(buildCatalogue({ seed: 's1', size: 500 })).to.deep.equal(buildCatalogue({ seed: 's1', size: 500 }));
  });

  it('when the seed changes, then names and codes stay but behaviour is drawn anew', () => {
    const a = buildCatalogue({ seed: 's1', size: 200 });
    const b = buildCatalogue({ seed: 's2', size: 200 });
    expect(a.map((i) => i.code)).to.deep.equal(b.map((i) => i.code));
    expect(a.map((i) => i.name)).to.deep.equal(b.map((i) => i.name));
    expect(a.map((i) => i.latency.medianMs)).to.not.deep.equal(b.map((i) => i.latency.medianMs));
  });

  it('when no size is given, then the demo network of about 50 is built with every kind of institution', () => {
    const demo = buildCatalogue({ seed: 'zhixing-demo' });
    expect(demo).to.have.length(DEMO_SIZE);
    expect(DEMO_SIZE).to.be.within(45, 55);
    expect(new Set(demo.map((i) => i.kind))).to.have.all.keys(...INSTITUTION_KINDS);
  });

  it("when the demo network is built, then it holds the platform demo's four institutions as the platform knows them", () => {
    const demo = buildCatalogue({ seed: 'zhixing-demo' });
    for (const known of DEMO_INSTITUTIONS) {
      const inst = demo.find((i) => i.code === known.code);
      expect(inst, known.code).to.not.equal(undefined);
      expect({ name: inst!.name, kind: inst!.kind, channel: inst!.channel }).to.deep.equal({
        name: known.name,
        kind: known.kind,
        channel: known.channel,
      });
    }
    expect(demo.slice(0, 4).map((i) => i.code)).to.deep.equal(DEMO_INSTITUTIONS.map((i) => i.code));
  });

  it('when the demo network is built, then 2–3 local institutions, 北京市不动产登记中心 among them, answer by hand', () => {
    const manual = buildCatalogue({ seed: 'zhixing-demo' }).filter((i) => i.mode === 'manual');
    expect(manual.length).to.be.within(2, 3);
    expect(manual.map((i) => i.code)).to.include('RE-110000');
    for (const i of manual) expect(i.channel).to.equal('local');
  });

  it('when 4,000 institutions are asked for, then codes and names are unique and most are small local banks', () => {
    const big = buildCatalogue({ seed: 'bench', size: 4000 });
    expect(big).to.have.length(4000);
    expect(new Set(big.map((i) => i.code)).size).to.equal(4000);
    expect(new Set(big.map((i) => i.name)).size).to.equal(4000);
    const count = (kind: string) => big.filter((i) => i.kind === kind).length;
    expect(count('bank_small')).to.be.greaterThan(3000);
    // One registry and one housing fund per city of the geography.
    expect(count('real_estate_registry')).to.equal(CITIES.length);
    expect(count('housing_fund')).to.equal(CITIES.length);
    expect(big.find((i) => i.name === '浙江萧山农村商业银行')).to.not.equal(undefined);
  });

  it('when 4,000 institutions are built, then most answer fast, a long tail is slow, a few very slow, and about 1 % of calls fail', () => {
    const big = buildCatalogue({ seed: 'bench', size: 4000 });
    const share = (c: string) => big.filter((i) => i.latency.class === c).length / big.length;
    expect(share('fast')).to.be.within(0.8, 0.9);
    expect(share('slow')).to.be.within(0.08, 0.16);
    expect(share('very_slow')).to.be.within(0.01, 0.05);
    for (const i of big.filter((x) => x.latency.class === 'very_slow')) expect(i.latency.medianMs).to.be.at.least(2500);
    const meanFaultRate = big.reduce((s, i) => s + i.errorRate + i.timeoutRate + i.malformedRate, 0) / big.length;
    expect(meanFaultRate).to.be.within(0.007, 0.015);
  });

  it('when the size is beyond what the generator can name, then it says so', () => {
    expect(maxCatalogueSize()).to.be.greaterThan(10_000);
    expect(() => buildCatalogue({ seed: 'x', size: maxCatalogueSize() + 1 })).to.throw(RangeError);
    expect(() => buildCatalogue({ seed: 'x', size: 0 })).to.throw(RangeError);
  });
});
