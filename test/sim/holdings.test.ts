import { expect } from 'chai';
import { Asset } from '../../shared/institution-protocol';
import { completeResidentId } from '../../shared/identity';
import { DEMO_CASES } from '../../server/modules/demo/demo-data';
import { buildCatalogue } from '../../server/sim/catalogue';
import { holdingsOf, type Holding } from '../../server/sim/holdings';
import { Network } from '../../server/sim/network';

const SEED = 'zhixing-demo';
const NOW = new Date('2026-11-25T08:00:00.000Z');
const demo = buildCatalogue({ seed: SEED });

function everything(idNumber: string, seed = SEED, catalogue = demo): Record<string, Holding[]> {
  const out: Record<string, Holding[]> = {};
  for (const inst of catalogue) {
    const h = holdingsOf(seed, inst, idNumber, NOW);
    if (h.length) out[inst.code] = h;
  }
  return out;
}

/** Beijing 朝阳 residents with made-up birth dates and sequence numbers. */
const randomishDebtors = Array.from({ length: 200 }, (_, i) =>
  completeResidentId(`110105${1960 + (i % 40)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(100 + i).slice(-3)}`),
);

describe('sim/holdings', () => {
  it('when asked twice with the same seed, institution and debtor, then the answer is the same', () => {
    for (const id of randomishDebtors.slice(0, 30)) expect(everything(id)).to.deep.equal(everything(id));
  });

  it('when another debtor or another seed is asked about, then the holdings differ', () => {
    const [a, b] = randomishDebtors;
    expect(everything(a!)).to.not.deep.equal(everything(b!));
    expect(everything(a!, 'another-seed')).to.not.deep.equal(everything(a!));
  });

  it('when an inquiry is answered, then every asset is valid under the wire protocol', () => {
    const network = new Network(SEED, demo);
    for (const id of [...randomishDebtors.slice(0, 50), ...DEMO_CASES.flatMap((c) => c.debtors.map(debtorId))]) {
      for (const inst of demo) {
        for (const asset of network.inquire(inst.code, id, NOW).assets) Asset.parse(asset);
      }
    }
  });

  it('when 李强 of the demo is looked up, then he has deposits at three banks (one frozen by another court) and a flat in Beijing', () => {
    const all = everything('110105198209031537');
    const banks = Object.keys(all).filter((code) => all[code]!.some((h) => h.kind === 'deposit'));
    expect(banks).to.have.members(['B-ICBC', 'B-BJRCB', 'B-CMB']);
    const frozen = all['B-ICBC']!.find((h) => h.priorMeasures.length > 0)!;
    expect(frozen.priorMeasures[0]).to.include({ kind: 'freeze', caseNo: '（2025）京0108执5531号', requestedAmount: '50000.00' });
    expect(all['RE-110000']![0]!.identifier).to.equal('京(2021)朝阳区不动产权第0031245号');
    expect(all['VEH-CN']![0]!.identifier).to.equal('京A·7K2M9');
  });

  it('when each debtor of the demo cases is looked up, then something is found across the demo network', () => {
    for (const c of DEMO_CASES) {
      for (const d of c.debtors) expect(Object.keys(everything(debtorId(d))), d.name).to.not.be.empty;
    }
  });

  it('when many ordinary Beijing residents are looked up, then most have something, big banks often, and identifiers look real', () => {
    let withAnything = 0;
    let atIcbc = 0;
    let encumbered = 0;
    let assets = 0;
    for (const id of randomishDebtors) {
      const all = everything(id);
      if (Object.keys(all).length) withAnything += 1;
      if (all['B-ICBC']) atIcbc += 1;
      for (const list of Object.values(all)) {
        for (const h of list) {
          assets += 1;
          if (h.priorMeasures.length) encumbered += 1;
          if (h.kind === 'vehicle') expect(h.identifier).to.match(/^[京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云藏陕甘青宁新][A-Z]·[A-Z0-9]{5}$/);
          if (h.kind === 'real_estate') expect(h.identifier).to.match(/^.\(\d{4}\).+不动产权第\d{7}号$/);
          if (h.kind === 'deposit') expect(h.identifier).to.match(/^\d{16,19}$/);
        }
      }
    }
    expect(withAnything / randomishDebtors.length).to.be.greaterThan(0.85);
    expect(atIcbc / randomishDebtors.length).to.be.within(0.3, 0.6);
    expect(encumbered / assets).to.be.within(0.06, 0.2);
  });

  it("when a debtor lives in Beijing, then Beijing's registry sometimes has a flat and Shanghai's almost never", () => {
    let beijing = 0;
    let shanghai = 0;
    const bj = demo.find((i) => i.code === 'RE-110000')!;
    const sh = demo.find((i) => i.code === 'RE-310000')!;
    for (const id of randomishDebtors) {
      if (holdingsOf(SEED, bj, id, NOW).length) beijing += 1;
      if (holdingsOf(SEED, sh, id, NOW).length) shanghai += 1;
    }
    expect(beijing).to.be.within(40, 110);
    expect(shanghai).to.be.at.most(5);
  });
});

function debtorId(d: (typeof DEMO_CASES)[number]['debtors'][number]): string {
  return 'idNumber' in d ? d.idNumber : d.creditCode;
}
