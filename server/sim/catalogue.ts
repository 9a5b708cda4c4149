/**
 * The catalogue of the simulated institution network: who is connected, of what kind, through which channel, and how
 * each behaves (latency, error, timeout and malformed-reply rates). Deterministic from (seed, size).
 *
 * The first 50 entries are a fixed, hand-picked demo network (the real national banks, a dozen local banks, the
 * registries and housing funds of the demo cities, the central registries and the big payment platforms). Larger
 * catalogues continue with, per city, the real-estate registry, housing fund, market regulator, city commercial bank
 * and rural commercial bank; then one rural bank per county; then village banks (村镇银行), which is what most of
 * the ~3,900 banks on the central channel really are.
 */
import type { InstitutionKind } from '../../shared/institution-protocol';
import { CITIES, PROVINCE_NAMES, districtStem, districtsOf, isMunicipality, type City } from './geography';
import { Rng } from './random';

export type Channel = 'central' | 'local';
export type AnswerMode = 'auto' | 'manual';
export type LatencyClass = 'fast' | 'slow' | 'very_slow';

/** Per-call latency is log-normal: medianMs × e^(sigma·Z), capped at maxMs. */
export interface LatencyProfile {
  class: LatencyClass;
  medianMs: number;
  sigma: number;
  maxMs: number;
}

export interface SimInstitution {
  code: string;
  name: string;
  kind: InstitutionKind;
  channel: Channel;
  /** manual: answered by a person in the platform's inbox; the simulator only shows their records. */
  mode: AnswerMode;
  /** The resident-ID prefix of the area it serves ('11' = 北京, '3301' = 杭州), null when nationwide. */
  region: string | null;
  city: string | null;
  latency: LatencyProfile;
  /** Probability per call of an HTTP 500 before anything is executed. */
  errorRate: number;
  /** Probability per call of never answering (the request is held past 30 s, then dropped). */
  timeoutRate: number;
  /** Probability per call of a 200 with invalid JSON or a reply missing fields. */
  malformedRate: number;
}

export interface CatalogueOptions {
  seed: string;
  /** Number of institutions; 50 by default. */
  size?: number;
}

type Entry = Pick<SimInstitution, 'code' | 'name' | 'kind' | 'channel' | 'region' | 'city'> & {
  mode?: AnswerMode;
  /** Behaviour class forced regardless of seed (the platform demo's own institutions answer promptly). */
  latencyClass?: LatencyClass;
};

const central = (code: string, name: string, kind: InstitutionKind, extra: Partial<Entry> = {}): Entry => ({
  code, name, kind, channel: 'central', region: null, city: null, ...extra,
});
const local = (code: string, name: string, kind: InstitutionKind, region: string, city: string, extra: Partial<Entry> = {}): Entry => ({
  code, name, kind, channel: 'local', region, city, ...extra,
});

/** The demo network, in priority order: the first four are the platform demo's own (demo-data.ts DEMO_INSTITUTIONS). */
const DEMO: readonly Entry[] = [
  central('B-ICBC', '中国工商银行', 'bank_large', { latencyClass: 'fast' }),
  local('B-BJRCB', '北京农村商业银行', 'bank_small', '11', '北京市', { latencyClass: 'fast' }),
  local('RE-110000', '北京市不动产登记中心', 'real_estate_registry', '11', '北京市', { mode: 'manual' }),
  central('VEH-CN', '公安部交通管理局（车辆登记）', 'vehicle_registry', { latencyClass: 'fast' }),
  central('B-ABC', '中国农业银行', 'bank_large'),
  central('B-BOC', '中国银行', 'bank_large'),
  central('B-CCB', '中国建设银行', 'bank_large'),
  central('B-BOCOM', '交通银行', 'bank_large'),
  central('B-PSBC', '中国邮政储蓄银行', 'bank_large'),
  central('B-CMB', '招商银行', 'bank_large'),
  central('B-SPDB', '上海浦东发展银行', 'bank_large'),
  central('B-CITIC', '中信银行', 'bank_large'),
  central('B-CEB', '中国光大银行', 'bank_large'),
  central('B-CMBC', '中国民生银行', 'bank_large'),
  central('B-CIB', '兴业银行', 'bank_large'),
  central('B-PAB', '平安银行', 'bank_large'),
  central('B-HXB', '华夏银行', 'bank_large'),
  central('B-CGB', '广发银行', 'bank_large'),
  central('SEC-CSDC', '中国证券登记结算有限责任公司', 'securities_depository'),
  central('PAY-ALIPAY', '支付宝（中国）网络技术有限公司', 'payment_platform'),
  central('PAY-TENPAY', '财付通支付科技有限公司', 'payment_platform'),
  central('PAY-JDPAY', '网银在线（北京）科技有限公司', 'payment_platform'),
  local('B-BOB', '北京银行', 'bank_small', '11', '北京市'),
  local('B-BOSC', '上海银行', 'bank_small', '31', '上海市'),
  local('B-SRCB', '上海农村商业银行', 'bank_small', '31', '上海市'),
  local('B-HZB', '杭州银行', 'bank_small', '3301', '杭州市'),
  local('B-NBCB', '宁波银行', 'bank_small', '3302', '宁波市'),
  local('B-NJCB', '南京银行', 'bank_small', '3201', '南京市'),
  local('B-BOCD', '成都银行', 'bank_small', '5101', '成都市'),
  local('B-BOTJ', '天津银行', 'bank_small', '12', '天津市'),
  local('B-CQRCB', '重庆农村商业银行', 'bank_small', '50', '重庆市'),
  local('B-GRCB', '广州农村商业银行', 'bank_small', '4401', '广州市'),
  local('B-SZRCB', '深圳农村商业银行', 'bank_small', '4403', '深圳市'),
  local('B-VB-110113-11', '北京顺义银座村镇银行', 'bank_small', '11', '北京市', { mode: 'manual' }),
  local('RE-310000', '上海市不动产登记局', 'real_estate_registry', '31', '上海市'),
  local('RE-120000', '天津市不动产登记中心', 'real_estate_registry', '12', '天津市'),
  local('RE-500000', '重庆市不动产登记中心', 'real_estate_registry', '50', '重庆市'),
  local('RE-440100', '广州市不动产登记中心', 'real_estate_registry', '4401', '广州市'),
  local('RE-440300', '深圳市不动产登记中心', 'real_estate_registry', '4403', '深圳市'),
  local('RE-330100', '杭州市不动产登记服务中心', 'real_estate_registry', '3301', '杭州市'),
  local('RE-320100', '南京市不动产登记中心', 'real_estate_registry', '3201', '南京市'),
  local('RE-510100', '成都市不动产登记中心', 'real_estate_registry', '5101', '成都市', { mode: 'manual' }),
  local('MR-110000', '北京市市场监督管理局', 'market_regulator', '11', '北京市'),
  local('MR-310000', '上海市市场监督管理局', 'market_regulator', '31', '上海市'),
  local('MR-440300', '深圳市市场监督管理局', 'market_regulator', '4403', '深圳市'),
  local('MR-330100', '杭州市市场监督管理局', 'market_regulator', '3301', '杭州市'),
  local('HF-110000', '北京住房公积金管理中心', 'housing_fund', '11', '北京市'),
  local('HF-310000', '上海市公积金管理中心', 'housing_fund', '31', '上海市'),
  local('HF-440300', '深圳市住房公积金管理中心', 'housing_fund', '4403', '深圳市'),
  local('HF-330100', '杭州住房公积金管理中心', 'housing_fund', '3301', '杭州市'),
];

/** The demo catalogue's size. */
export const DEMO_SIZE = DEMO.length;

const MORE_PAYMENT_PLATFORMS: readonly Entry[] = [
  central('PAY-99BILL', '快钱支付清算信息有限公司', 'payment_platform'),
  central('PAY-LAKALA', '拉卡拉支付股份有限公司', 'payment_platform'),
  central('PAY-YEEPAY', '易宝支付有限公司', 'payment_platform'),
  central('PAY-UMPAY', '联动优势电子商务有限公司', 'payment_platform'),
];

/** Sponsor banks whose brands village banks carry (e.g. 北京顺义银座村镇银行 is sponsored by 齐鲁银行's 银座 brand). */
export const VILLAGE_BANK_SPONSORS = [
  '中银富登', '建信', '汇丰', '浦发', '兴福', '民生', '国民', '鼎业', '融兴', '长江', '银座', '稠州', '泰隆', '恒丰', '九银',
  '莱商', '江南', '紫金', '珠江', '华夏', '渤海', '东亚', '大众', '惠民', '富民', '兴民', '惠和', '德丰', '永丰', '中成',
] as const;

/** Per-city registry names where the real office is not called `${name}不动产登记中心`. */
const REGISTRY_NAMES: Record<string, string> = { '310000': '上海市不动产登记局', '330100': '杭州市不动产登记服务中心' };
const HOUSING_FUND_NAMES: Record<string, string> = {
  '110000': '北京住房公积金管理中心',
  '310000': '上海市公积金管理中心',
  '330100': '杭州住房公积金管理中心',
};

function* extension(): Generator<Entry> {
  yield* MORE_PAYMENT_PLATFORMS;
  for (const city of CITIES) {
    yield local(`RE-${city.code}`, REGISTRY_NAMES[city.code] ?? `${city.name}不动产登记中心`, 'real_estate_registry', city.region, city.name);
    yield local(`HF-${city.code}`, HOUSING_FUND_NAMES[city.code] ?? `${city.name}住房公积金管理中心`, 'housing_fund', city.region, city.name);
    yield local(`MR-${city.code}`, `${city.name}市场监督管理局`, 'market_regulator', city.region, city.name);
    if (city.cityBank) yield local(`B-CC-${city.code}`, city.cityBank, 'bank_small', city.region, city.name);
    yield local(`B-RC-${city.code}`, city.ruralBank ?? `${city.short}农村商业银行`, 'bank_small', city.region, city.name);
  }
  const counties = CITIES.flatMap((city) => districtsOf(city).map((d) => ({ ...d, city })));
  for (const d of counties) {
    if (isMunicipality(d.city)) continue; // a municipality has one rural commercial bank for all its districts
    const province = PROVINCE_NAMES[d.city.abbr] ?? d.city.short;
    yield local(`B-RC-${d.code}`, `${province}${districtStem(d.name)}农村商业银行`, 'bank_small', d.city.region, d.city.name);
  }
  // Village banks: every county gets a different sponsor first, so the names vary from the start.
  for (let round = 0; round < VILLAGE_BANK_SPONSORS.length; round++) {
    for (const [i, d] of counties.entries()) {
      const s = (round + i) % VILLAGE_BANK_SPONSORS.length;
      const name = `${d.city.short}${districtStem(d.name)}${VILLAGE_BANK_SPONSORS[s]}村镇银行`;
      yield local(`B-VB-${d.code}-${String(s + 1).padStart(2, '0')}`, name, 'bank_small', d.city.region, d.city.name);
    }
  }
}

/** The largest catalogue this generator can produce. */
export function maxCatalogueSize(): number {
  return allEntries().length;
}

let entriesCache: Entry[] | undefined;
function allEntries(): Entry[] {
  if (entriesCache) return entriesCache;
  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();
  const out: Entry[] = [];
  for (const e of [...DEMO, ...extension()]) {
    if (seenCodes.has(e.code) || seenNames.has(e.name)) continue;
    seenCodes.add(e.code);
    seenNames.add(e.name);
    out.push(e);
  }
  entriesCache = out;
  return out;
}

/**
 * Builds the catalogue: the same (seed, size) always gives the same list. Names and codes do not depend on the seed;
 * behaviour (latency class, fault rates) and which extension institutions answer manually do.
 */
export function buildCatalogue({ seed, size = DEMO_SIZE }: CatalogueOptions): SimInstitution[] {
  const entries = allEntries();
  if (!Number.isInteger(size) || size < 1 || size > entries.length) {
    throw new RangeError(`catalogue size must be an integer from 1 to ${entries.length}, got ${size}`);
  }
  return entries.slice(0, size).map((e, index) => withBehaviour(e, index, seed));
}

function withBehaviour(e: Entry, index: number, seed: string): SimInstitution {
  const rng = new Rng(seed, 'catalogue', e.code);
  // Outside the demo set, about 1 in 100 local registries and county banks still works by hand from the inbox.
  const manualCandidate = index >= DEMO_SIZE && e.channel === 'local' && (e.kind === 'real_estate_registry' || e.code.startsWith('B-RC-'));
  const mode: AnswerMode = e.mode ?? (manualCandidate && rng.chance(0.01) ? 'manual' : 'auto');

  const roll = rng.next();
  const latencyClass: LatencyClass = e.latencyClass ?? (roll < 0.03 ? 'very_slow' : roll < 0.15 ? 'slow' : 'fast');
  const latency: LatencyProfile =
    latencyClass === 'fast'
      ? { class: 'fast', medianMs: Math.round(rng.between(130, 250)), sigma: round2(rng.between(0.5, 0.7)), maxMs: 20_000 }
      : latencyClass === 'slow'
        ? { class: 'slow', medianMs: Math.round(rng.between(500, 1500)), sigma: round2(rng.between(0.7, 0.9)), maxMs: 25_000 }
        : { class: 'very_slow', medianMs: Math.round(rng.between(2500, 7000)), sigma: round2(rng.between(0.4, 0.6)), maxMs: 25_000 };

  // About 1 % of calls fail overall: most institutions 0.2–1 % 500s, one in twenty is flaky (3–8 %).
  const flaky = rng.chance(0.05);
  const errorRate = round4(flaky ? rng.between(0.03, 0.08) : rng.between(0.002, 0.01));
  const timeoutRate = round4(rng.between(0.0005, 0.002));
  const malformedRate = round4(rng.between(0.0005, 0.002));
  return { ...pickFields(e), mode, latency, errorRate, timeoutRate, malformedRate };
}

function pickFields(e: Entry): Pick<SimInstitution, 'code' | 'name' | 'kind' | 'channel' | 'region' | 'city'> {
  return { code: e.code, name: e.name, kind: e.kind, channel: e.channel, region: e.region, city: e.city };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The city an institution serves, if it is local. */
export function cityOf(institution: Pick<SimInstitution, 'region'>): City | undefined {
  return institution.region === null ? undefined : CITIES.find((c) => c.region === institution.region);
}
