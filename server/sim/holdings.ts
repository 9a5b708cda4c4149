/**
 * What an institution holds for a debtor: pure and deterministic from (seed, institution, debtor ID number, day).
 * Each (institution, debtor) pair gets its own seeded random stream, so one answer never depends on which other
 * institutions were asked first, and nothing needs to be stored until a court acts on an asset.
 *
 * Likelihoods by kind (person / organisation): a big-four bank 45 % / 35 %, another national bank 10–22 %, the
 * city's own commercial or rural bank 10 % / 15 %, a county bank 2 %, a village bank 0.4 %; the real-estate
 * registry of the debtor's city 35 % / 20 %; the vehicle registry 30 % / 35 %; the securities depository 15 % / 5 %;
 * the market regulator of the debtor's city (equity) 8 % / 30 %; Alipay and WeChat Pay about two in three persons;
 * the housing fund of the debtor's city 45 % of persons. Out of the debtor's city everything is rare. About one asset
 * in eight is already frozen or seized by another court, and a third of those also have a queued measure.
 *
 * A few demo debtors (demo-data.ts) have scripted holdings instead, so the demo tells the same story every time.
 */
import { completeCreditCode } from '../../shared/identity';
import type { AssetKind } from '../../shared/institution-protocol';
import { Money } from '../../shared/money';
import type { SimInstitution } from './catalogue';
import {
  cityOfRegion,
  debtorAddressCode,
  debtorRegion,
  districtStem,
  districtsOf,
  isMunicipality,
  isResidentIdNumber,
  type City,
} from './geography';
import { Rng } from './random';

export interface Court {
  code: string;
  name: string;
}

/** A measure of another court that the asset already carries when the simulator first sees it. */
export interface PriorMeasure {
  measureRef: string;
  court: Court;
  caseNo: string;
  kind: 'freeze' | 'seizure';
  /** What that court asked to freeze (null for a seizure). */
  requestedAmount: string | null;
  until: Date;
}

export interface Holding {
  assetRef: string;
  kind: AssetKind;
  identifier: string;
  description: string;
  balance: string | null;
  indicativeValue: string | null;
  /** In registration order: the first is first-rank (首封), the rest are queued (轮候). */
  priorMeasures: PriorMeasure[];
}

export type DebtorKind = 'person' | 'organisation';

/** Kinds of asset that are seized (查封/扣押) rather than frozen (冻结). */
export const SEIZED_KINDS: ReadonlySet<AssetKind> = new Set<AssetKind>(['real_estate', 'vehicle']);
/** Kinds of asset whose funds can be transferred to the court (扣划). */
export const FUND_KINDS: ReadonlySet<AssetKind> = new Set<AssetKind>(['deposit', 'payment_balance', 'housing_fund']);

const DAY_MS = 86_400_000;

/** The day (UTC midnight) holdings are anchored to, so the same day always gives the same answer. */
export function dayOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/** What `institution` holds for the debtor with `idNumber`, as of the day of `asOf`. */
export function holdingsOf(seed: string, institution: SimInstitution, idNumber: string, asOf: Date): Holding[] {
  const day = dayOf(asOf);
  const rng = new Rng(seed, 'holdings', institution.code, idNumber);
  const debtor = describeDebtor(idNumber);
  const scripted = FEATURED[idNumber];
  if (scripted) {
    return (scripted[institution.code] ?? []).map((spec) => scriptedHolding(rng, institution, debtor, spec, day));
  }
  const count = howMany(rng, institution, debtor);
  const out: Holding[] = [];
  for (let i = 0; i < count; i++) {
    const kind = assetKindAt(institution);
    const made = makeAsset(rng, kind, institution, debtor);
    out.push({ ...made, assetRef: assetRef(rng, kind), priorMeasures: priorMeasures(rng, kind, day) });
  }
  return out;
}

interface DebtorInfo {
  idNumber: string;
  kind: DebtorKind;
  region: string;
  addressCode: string;
  city: City | undefined;
}

export function describeDebtor(idNumber: string): DebtorInfo {
  const region = debtorRegion(idNumber);
  return {
    idNumber,
    kind: isResidentIdNumber(idNumber) ? 'person' : 'organisation',
    region,
    addressCode: debtorAddressCode(idNumber),
    city: cityOfRegion(region),
  };
}

const BIG_FOUR = new Set(['B-ICBC', 'B-ABC', 'B-BOC', 'B-CCB']);
const NATIONAL_RETAIL = new Set(['B-BOCOM', 'B-PSBC']);
const POPULAR_WALLETS: Record<string, [number, number]> = {
  'PAY-ALIPAY': [0.65, 0.05],
  'PAY-TENPAY': [0.7, 0.05],
  'PAY-JDPAY': [0.2, 0.03],
};

function smallBankTier(inst: SimInstitution): 'city' | 'county' | 'village' {
  if (inst.name.endsWith('村镇银行')) return 'village';
  if (/^B-RC-\d{6}$/.test(inst.code) && !inst.code.endsWith('00')) return 'county';
  return 'city';
}

/** The probability that the institution holds anything for the debtor, and how many assets if so. */
function howMany(rng: Rng, inst: SimInstitution, d: DebtorInfo): number {
  const person = d.kind === 'person';
  const here = inst.region === null || inst.region === d.region;
  let p: number;
  switch (inst.kind) {
    case 'bank_large':
      p = BIG_FOUR.has(inst.code) ? (person ? 0.45 : 0.35) : NATIONAL_RETAIL.has(inst.code) ? (person ? 0.22 : 0.15) : person ? 0.1 : 0.12;
      if (!rng.chance(p)) return 0;
      return person ? weighted(rng, [1, 0.65], [2, 0.25], [3, 0.1]) : weighted(rng, [1, 0.7], [2, 0.3]);
    case 'bank_small': {
      const tier = smallBankTier(inst);
      p = here
        ? tier === 'city' ? (person ? 0.1 : 0.15) : tier === 'county' ? 0.02 : 0.004
        : tier === 'city' ? 0.0005 : 0.00002;
      return rng.chance(p) ? weighted(rng, [1, 0.8], [2, 0.2]) : 0;
    }
    case 'real_estate_registry':
      p = here ? (person ? 0.35 : 0.2) : person ? 0.004 : 0.01;
      return rng.chance(p) ? weighted(rng, [1, 0.8], [2, 0.2]) : 0;
    case 'vehicle_registry':
      return rng.chance(person ? 0.3 : 0.35) ? weighted(rng, [1, 0.85], [2, 0.15]) : 0;
    case 'securities_depository':
      return rng.chance(person ? 0.15 : 0.05) ? 1 : 0;
    case 'market_regulator':
      p = here ? (person ? 0.08 : 0.3) : person ? 0.002 : 0.005;
      return rng.chance(p) ? weighted(rng, [1, 0.8], [2, 0.2]) : 0;
    case 'payment_platform': {
      const [pp, po] = POPULAR_WALLETS[inst.code] ?? [0.03, 0.02];
      return rng.chance(person ? pp : po) ? 1 : 0;
    }
    case 'housing_fund':
      if (!person) return 0;
      return rng.chance(here ? 0.45 : 0.01) ? 1 : 0;
  }
}

function weighted(rng: Rng, ...options: [number, number][]): number {
  let r = rng.next();
  for (const [value, weight] of options) {
    if (r < weight) return value;
    r -= weight;
  }
  return options[options.length - 1]![0];
}

function assetKindAt(inst: SimInstitution): AssetKind {
  switch (inst.kind) {
    case 'bank_large':
    case 'bank_small':
      return 'deposit';
    case 'real_estate_registry':
      return 'real_estate';
    case 'vehicle_registry':
      return 'vehicle';
    case 'securities_depository':
      return 'securities';
    case 'market_regulator':
      return 'equity';
    case 'payment_platform':
      return 'payment_balance';
    case 'housing_fund':
      return 'housing_fund';
  }
}

const REF_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REF_PREFIX: Record<AssetKind, string> = {
  deposit: 'DEP',
  payment_balance: 'PAY',
  housing_fund: 'HF',
  securities: 'SEC',
  equity: 'EQ',
  real_estate: 'RE',
  vehicle: 'VEH',
};

function assetRef(rng: Rng, kind: AssetKind): string {
  return `${REF_PREFIX[kind]}-${rng.chars(12, REF_ALPHABET)}`;
}

/** Yuan with two decimals from a whole number of fen (integers only: no binary fractions near money). */
function yuan(fen: number): string {
  return new Money(Math.max(0, Math.round(fen))).dividedBy(100).toFixed(2);
}
const lognormalYuan = (rng: Rng, median: number, sigma: number, max: number) =>
  yuan(Math.min(max, rng.lognormal(median, sigma)) * 100);

type AssetFacts = Pick<Holding, 'kind' | 'identifier' | 'description' | 'balance' | 'indicativeValue'>;

function makeAsset(rng: Rng, kind: AssetKind, inst: SimInstitution, d: DebtorInfo): AssetFacts {
  switch (kind) {
    case 'deposit':
      return deposit(rng, inst, d);
    case 'payment_balance':
      return paymentBalance(rng, inst, d);
    case 'housing_fund':
      return housingFund(rng, inst, d);
    case 'securities':
      return securities(rng, d);
    case 'equity':
      return equity(rng, inst, d);
    case 'real_estate':
      return realEstate(rng, inst, d);
    case 'vehicle':
      return vehicle(rng, d);
  }
}

const CARD_BINS: Record<string, string> = {
  'B-ICBC': '622202', 'B-ABC': '622848', 'B-BOC': '621661', 'B-CCB': '621700', 'B-BOCOM': '622262', 'B-PSBC': '621799',
  'B-CMB': '622588', 'B-SPDB': '622521', 'B-CITIC': '622690', 'B-CEB': '622666', 'B-CMBC': '622622', 'B-CIB': '622909',
  'B-PAB': '622155', 'B-HXB': '622632', 'B-CGB': '622568',
};

/** The debtor's own district when the ID number names one of the city's, else one drawn from the city. */
function districtFor(rng: Rng, city: City, d: DebtorInfo): string {
  const districts = districtsOf(city);
  const own = districts.find((x) => x.code === d.addressCode);
  if (own && rng.chance(0.7)) return own.name;
  return rng.pick(districts).name;
}

function branchName(rng: Rng, inst: SimInstitution, d: DebtorInfo): string {
  const city = inst.region ? cityOfRegion(inst.region) : d.city;
  if (!city) return '营业部';
  const district = districtStem(districtFor(rng, city, d));
  return inst.channel === 'central' ? `${city.short}${district}支行` : `${district}支行`;
}

function deposit(rng: Rng, inst: SimInstitution, d: DebtorInfo): AssetFacts {
  const bin = CARD_BINS[inst.code] ?? `623${String(hashDigits(inst.code) % 1000).padStart(3, '0')}`;
  const branch = branchName(rng, inst, d);
  if (d.kind === 'person') {
    const length = inst.code === 'B-CMB' ? 16 : 19;
    const dormant = rng.chance(0.08);
    return {
      kind: 'deposit',
      identifier: bin + rng.digits(length - bin.length),
      description: `${rng.pick(['个人活期储蓄账户', '个人活期储蓄账户', '借记卡结算账户', '个人定期存款账户'])}，开户行：${branch}`,
      balance: dormant ? yuan(rng.int(0, 10_000)) : lognormalYuan(rng, 18_000, 1.6, 5_000_000),
      indicativeValue: null,
    };
  }
  return {
    kind: 'deposit',
    identifier: rng.digits(4, true) + rng.digits(rng.int(13, 15)),
    description: `${rng.pick(['单位基本存款账户', '单位一般存款账户'])}，开户行：${branch}`,
    balance: lognormalYuan(rng, 150_000, 1.5, 50_000_000),
    indicativeValue: null,
  };
}

function paymentBalance(rng: Rng, inst: SimInstitution, d: DebtorInfo): AssetFacts {
  const lower = 'abcdefghijkmnpqrstuvwxyz0123456789';
  const [identifier, label] =
    inst.code === 'PAY-ALIPAY'
      ? [`1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`, '支付宝账户余额']
      : inst.code === 'PAY-TENPAY'
        ? [`wxid_${rng.chars(14, lower)}`, '微信支付零钱']
        : inst.code === 'PAY-JDPAY'
          ? [`jd_${rng.chars(10, lower)}`, '京东钱包余额']
          : [rng.digits(16, true), '支付账户余额'];
  const merchant = d.kind === 'organisation';
  return {
    kind: 'payment_balance',
    identifier,
    description: merchant ? `商户${label}（待结算资金除外）` : label,
    balance: merchant ? lognormalYuan(rng, 30_000, 1.2, 5_000_000) : lognormalYuan(rng, 1_200, 1.4, 500_000),
    indicativeValue: null,
  };
}

const EMPLOYERS = ['科技有限公司', '贸易有限公司', '建设工程有限公司', '餐饮管理有限公司', '物流有限公司', '医院', '中学', '信息技术有限公司'];
const BRANDS = ['鑫源', '恒泰', '华信', '宏达', '金诚', '瑞丰', '嘉禾', '博远', '天成', '永盛', '中和', '远航', '新锐', '盛世', '广联', '立信'];
const INDUSTRIES = ['建材', '商贸', '科技', '物流', '餐饮管理', '装饰工程', '信息技术', '文化传媒', '房地产开发', '机械设备', '医药', '农业开发'];

function housingFund(rng: Rng, inst: SimInstitution, d: DebtorInfo): AssetFacts {
  const city = (inst.region ? cityOfRegion(inst.region) : d.city)?.short ?? '';
  return {
    kind: 'housing_fund',
    identifier: rng.digits(12, true),
    description: `住房公积金个人账户，缴存单位：${city}${rng.pick(BRANDS)}${rng.pick(EMPLOYERS)}`,
    balance: lognormalYuan(rng, 45_000, 0.9, 1_500_000),
    indicativeValue: null,
  };
}

const STOCKS = [
  ['600519', '贵州茅台'], ['600036', '招商银行'], ['601318', '中国平安'], ['000858', '五粮液'], ['000333', '美的集团'],
  ['300750', '宁德时代'], ['601012', '隆基绿能'], ['600900', '长江电力'], ['002594', '比亚迪'], ['601398', '工商银行'],
] as const;
const BROKERS = ['华泰证券', '中信证券', '国泰君安证券', '招商证券', '广发证券', '海通证券', '东方财富证券'];

function securities(rng: Rng, d: DebtorInfo): AssetFacts {
  const shanghai = rng.chance(0.55);
  const identifier = d.kind === 'organisation' ? `B88${rng.digits(7)}` : shanghai ? `A${rng.digits(9, true)}` : `01${rng.digits(8)}`;
  const [code, name] = rng.pick(STOCKS);
  const others = rng.int(0, 4);
  return {
    kind: 'securities',
    identifier,
    description: `${shanghai ? '沪市' : '深市'}A股证券账户，托管于${rng.pick(BROKERS)}；持有${name}（${code}）${rng.int(1, 50) * 100}股${others ? `等${others + 1}只证券` : ''}`,
    balance: null,
    indicativeValue: lognormalYuan(rng, d.kind === 'organisation' ? 1_500_000 : 80_000, 1.3, 200_000_000),
  };
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function companyIn(rng: Rng, city: City | undefined): { name: string; creditCode: string } {
  const c = city ?? rng.pick(CITIES_FOR_COMPANIES());
  const district = districtsOf(c).find((x) => /^\d{6}$/.test(x.code))?.code ?? c.code;
  return {
    name: `${c.short}${rng.pick(BRANDS)}${rng.pick(INDUSTRIES)}有限公司`,
    creditCode: completeCreditCode(`91${district}MA${rng.chars(6, CREDIT_ALPHABET)}`),
  };
}
const CITIES_FOR_COMPANIES = () => [cityOfRegion('11'), cityOfRegion('31'), cityOfRegion('4403')].filter((c): c is City => !!c);

function equity(rng: Rng, inst: SimInstitution, d: DebtorInfo): AssetFacts {
  const company = companyIn(rng, inst.region ? cityOfRegion(inst.region) : d.city);
  const capital = rng.pick([1_000_000, 2_000_000, 5_000_000, 10_000_000, 30_000_000]);
  const percent = d.kind === 'organisation' ? rng.pick([51, 60, 70, 100, 35, 20]) : rng.pick([5, 10, 20, 30, 40, 50, 60, 100]);
  const contribution = new Money(capital).times(percent).dividedBy(100).toFixed(2);
  return {
    kind: 'equity',
    identifier: company.name,
    description: `持有${company.name}${percent}%股权（认缴出资${contribution}元，统一社会信用代码${company.creditCode}）`,
    balance: null,
    indicativeValue: contribution,
  };
}

const ROADS = ['建设路', '人民路', '解放路', '中山路', '和平路', '幸福路', '光华路', '文化路', '新华路', '长江路', '滨河路', '学府路', '青年路', '东风路', '胜利路'];
const ESTATES = ['阳光花园', '锦绣家园', '翠湖小区', '金色家园', '东方花园', '丽景苑', '紫荆园', '碧水云天', '明珠苑', '华府名邸', '望江苑', '枫林湾'];

function realEstate(rng: Rng, inst: SimInstitution, d: DebtorInfo): AssetFacts {
  const city = (inst.region ? cityOfRegion(inst.region) : d.city) ?? d.city;
  const cityName = city?.name ?? '';
  const district = city ? districtFor(rng, city, d) : '';
  const year = rng.int(2016, 2025);
  const certificate = `${city?.abbr ?? ''}(${year})${city && isMunicipality(city) ? district : cityName}不动产权第${rng.digits(7)}号`;
  const address = `${cityName}${district}${rng.pick(ROADS)}${rng.int(1, 399)}号${rng.pick(ESTATES)}${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 32)}${String(rng.int(1, 4)).padStart(2, '0')}室`;
  const business = d.kind === 'organisation';
  const use = business ? rng.pick(['商业', '办公', '工业']) : '住宅';
  const areaCenti = Math.round((business ? rng.lognormal(400, 0.9) : rng.lognormal(90, 0.3)) * 100);
  const area = new Money(areaCenti).dividedBy(100);
  const perSqm = Math.round((city?.pricePerSqm ?? 10_000) * rng.between(0.8, 1.2) * (use === '工业' ? 0.2 : 1));
  return {
    kind: 'real_estate',
    identifier: certificate,
    description: `${use}，${address}，建筑面积${area.toFixed(2)}㎡`,
    balance: null,
    indicativeValue: area.times(perSqm).toDecimalPlaces(2).toFixed(2),
  };
}

const PLATE_ABBR_BY_PROVINCE: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '蒙', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏',
  '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂',
  '46': '琼', '50': '渝', '51': '川', '52': '贵', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁',
  '65': '新',
};
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const CARS = ['大众 帕萨特', '丰田 凯美瑞', '本田 雅阁', '别克 君威', '比亚迪 汉', '奔驰 E300L', '宝马 530Li', '奥迪 A6L', '吉利 星瑞', '长安 CS75', '哈弗 H6', '特斯拉 Model 3', '日产 轩逸', '理想 L7'];
const TRUCKS = ['重型自卸货车 陕汽德龙X3000', '重型半挂牵引车 解放J6P', '中型厢式货车 东风多利卡', '小型普通客车 别克GL8'];

function plate(rng: Rng, d: DebtorInfo): string {
  const abbr = d.city?.abbr ?? PLATE_ABBR_BY_PROVINCE[d.region.slice(0, 2)] ?? '京';
  const letter = d.city ? rng.pick([...d.city.plateLetters]) : 'A';
  const letterPositions = new Set<number>();
  for (let i = rng.int(0, 2); i > 0; i--) letterPositions.add(rng.int(0, 4));
  let tail = '';
  for (let i = 0; i < 5; i++) tail += letterPositions.has(i) ? rng.chars(1, PLATE_LETTERS) : rng.digits(1);
  return `${abbr}${letter}·${tail}`;
}

function vehicle(rng: Rng, d: DebtorInfo): AssetFacts {
  const truck = d.kind === 'organisation' && rng.chance(0.7);
  const model = truck ? rng.pick(TRUCKS) : `小型轿车 ${rng.pick(CARS)}`;
  const year = rng.int(2012, 2025);
  return {
    kind: 'vehicle',
    identifier: plate(rng, d),
    description: `${model}，${year}年初次登记，${rng.pick(['白色', '黑色', '银色', '灰色', '蓝色', '红色'])}，车辆识别代号L${rng.chars(16, VIN_ALPHABET)}`,
    balance: null,
    indicativeValue: lognormalYuan(rng, truck ? 180_000 : 90_000, 0.6, 2_000_000),
  };
}

/** Courts whose measures a debtor's assets may already carry. */
const OTHER_COURTS: readonly Court[] = [
  { code: '京0108', name: '北京市海淀区人民法院' },
  { code: '京0106', name: '北京市丰台区人民法院' },
  { code: '京0101', name: '北京市东城区人民法院' },
  { code: '京03', name: '北京市第三中级人民法院' },
  { code: '沪0115', name: '上海市浦东新区人民法院' },
  { code: '沪0112', name: '上海市闵行区人民法院' },
  { code: '粤0305', name: '深圳市南山区人民法院' },
  { code: '粤0106', name: '广州市天河区人民法院' },
  { code: '浙0106', name: '杭州市西湖区人民法院' },
  { code: '川0107', name: '成都市武侯区人民法院' },
  { code: '苏0102', name: '南京市玄武区人民法院' },
  { code: '津0101', name: '天津市和平区人民法院' },
  { code: '渝0103', name: '重庆市渝中区人民法院' },
];

function otherCaseNo(rng: Rng, court: Court): string {
  const year = rng.pick([2024, 2025, 2025, 2026]);
  return `（${year}）${court.code}${rng.chance(0.3) ? '执保' : '执'}${rng.int(100, 29_999)}号`;
}

function measureRef(rng: Rng): string {
  return `M-${rng.chars(14, REF_ALPHABET)}`;
}

/** 民诉解释 485: the longest term of a measure on this kind of asset, in days. */
export function maxTermDays(kind: AssetKind): number {
  return kind === 'deposit' ? 365 : kind === 'vehicle' ? 730 : 1095;
}

function priorMeasures(rng: Rng, kind: AssetKind, day: Date): PriorMeasure[] {
  if (!rng.chance(0.12)) return [];
  const out: PriorMeasure[] = [];
  const n = rng.chance(0.3) ? 2 : 1;
  let daysLeft = rng.int(20, 330);
  for (let i = 0; i < n; i++) {
    daysLeft = Math.min(daysLeft, maxTermDays(kind));
    const court = rng.pick(OTHER_COURTS);
    const seized = SEIZED_KINDS.has(kind);
    const claim = lognormalYuan(rng, 80_000, 1, 10_000_000);
    out.push({
      measureRef: measureRef(rng),
      court,
      caseNo: otherCaseNo(rng, court),
      kind: seized ? 'seizure' : 'freeze',
      requestedAmount: seized ? null : claim,
      until: new Date(day.getTime() + daysLeft * DAY_MS),
    });
    daysLeft += rng.int(5, 200);
  }
  return out;
}

function hashDigits(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// Scripted demo debtors (server/modules/demo/demo-data.ts). Amounts are fixed so the demo reads the same every time;
// anything not given (account numbers, refs) still comes from the seeded stream.

interface ScriptedMeasure {
  court: Court;
  caseNo: string;
  /** For a freeze: the amount that court asked for. */
  amount?: string;
  daysLeft: number;
}
interface ScriptedAsset {
  kind: AssetKind;
  identifier?: string;
  description?: string;
  balance?: string;
  indicativeValue?: string;
  measures?: ScriptedMeasure[];
}

const HAIDIAN: Court = { code: '京0108', name: '北京市海淀区人民法院' };
const FENGTAI: Court = { code: '京0106', name: '北京市丰台区人民法院' };
const BEIJING_THIRD: Court = { code: '京03', name: '北京市第三中级人民法院' };
const PUDONG: Court = { code: '沪0115', name: '上海市浦东新区人民法院' };

/** Keyed by ID number, then institution code. A scripted debtor holds nothing anywhere else. */
const FEATURED: Record<string, Record<string, ScriptedAsset[]>> = {
  // 李强: deposits at three banks (one account at ICBC partly frozen by 海淀), a flat in 朝阳, a car, WeChat change.
  '110105198209031537': {
    'B-ICBC': [
      { kind: 'deposit', balance: '126408.35', measures: [{ court: HAIDIAN, caseNo: '（2025）京0108执5531号', amount: '50000.00', daysLeft: 203 }] },
      { kind: 'deposit', balance: '8920.17' },
    ],
    'B-BJRCB': [{ kind: 'deposit', balance: '35210.66' }],
    'B-CMB': [{ kind: 'deposit', balance: '214800.00' }],
    'RE-110000': [
      {
        kind: 'real_estate',
        identifier: '京(2021)朝阳区不动产权第0031245号',
        description: '住宅，北京市朝阳区望京西园四区412号楼5单元1202室，建筑面积89.46㎡',
        indicativeValue: '5367600.00',
      },
    ],
    'VEH-CN': [{ kind: 'vehicle', identifier: '京A·7K2M9', description: '小型轿车 大众 帕萨特，2019年初次登记，黑色', indicativeValue: '98000.00' }],
    'PAY-TENPAY': [{ kind: 'payment_balance', balance: '2318.40' }],
  },
  // 北京鑫源建材有限公司: operating accounts, a warehouse already seized by 北京三中院, trucks, a stake in a subsidiary.
  '91110105MA01QWER7L': {
    'B-BOB': [{ kind: 'deposit', balance: '412650.80', description: '单位基本存款账户，开户行：朝阳支行' }],
    'B-CCB': [
      {
        kind: 'deposit',
        balance: '58300.00',
        description: '单位一般存款账户，开户行：北京大兴支行',
        measures: [{ court: FENGTAI, caseNo: '（2025）京0106执保887号', amount: '58300.00', daysLeft: 96 }],
      },
    ],
    'RE-110000': [
      {
        kind: 'real_estate',
        identifier: '京(2019)大兴区不动产权第0012877号',
        description: '工业，北京市大兴区金星路18号院3号厂房，建筑面积2416.30㎡',
        indicativeValue: '14497800.00',
        measures: [{ court: BEIJING_THIRD, caseNo: '（2024）京03执恢112号', daysLeft: 410 }],
      },
    ],
    'VEH-CN': [
      { kind: 'vehicle', identifier: '京C·5H3T8', description: '重型自卸货车 陕汽德龙X3000，2021年初次登记，黄色', indicativeValue: '265000.00' },
      { kind: 'vehicle', identifier: '京C·8M2Q6', description: '重型自卸货车 陕汽德龙X3000，2021年初次登记，黄色', indicativeValue: '258000.00' },
    ],
    'MR-110000': [
      {
        kind: 'equity',
        identifier: '北京鑫源物流有限公司',
        description: '持有北京鑫源物流有限公司35%股权（认缴出资1750000.00元）',
        indicativeValue: '1750000.00',
      },
    ],
  },
  // 王磊: the company's majority shareholder; a modest account, his stake, his housing fund.
  '110105197506213017': {
    'B-ABC': [{ kind: 'deposit', balance: '23480.55' }],
    'MR-110000': [
      {
        kind: 'equity',
        identifier: '北京鑫源建材有限公司',
        description: '持有北京鑫源建材有限公司60%股权（认缴出资3000000.00元，统一社会信用代码91110105MA01QWER7L）',
        indicativeValue: '3000000.00',
      },
    ],
    'HF-110000': [{ kind: 'housing_fund', balance: '86200.00' }],
  },
  // 陈静: large deposit at CMB, securities, and a flat in 海淀 with a first seizure and a queued one already.
  '110105198801174828': {
    'B-CMB': [{ kind: 'deposit', balance: '1038000.00' }],
    'B-ICBC': [{ kind: 'deposit', balance: '4210.33' }],
    'SEC-CSDC': [{ kind: 'securities', indicativeValue: '652300.00' }],
    'RE-110000': [
      {
        kind: 'real_estate',
        identifier: '京(2018)海淀区不动产权第0107730号',
        description: '住宅，北京市海淀区学院路29号院7号楼2单元602室，建筑面积126.80㎡',
        indicativeValue: '9800000.00',
        measures: [
          { court: HAIDIAN, caseNo: '（2025）京0108执2210号', daysLeft: 640 },
          { court: PUDONG, caseNo: '（2025）沪0115执保3376号', daysLeft: 800 },
        ],
      },
    ],
    'PAY-ALIPAY': [{ kind: 'payment_balance', balance: '15760.20' }],
  },
  // 黄勇 (浦东): enough spread over four places to cover the 98,000.50 claim.
  '310115199109092513': {
    'B-BOSC': [{ kind: 'deposit', balance: '12650.40' }],
    'B-ICBC': [{ kind: 'deposit', balance: '61020.00' }],
    'PAY-ALIPAY': [{ kind: 'payment_balance', balance: '3208.77' }],
    'HF-310000': [{ kind: 'housing_fund', balance: '42115.00' }],
  },
};

/** ID numbers with scripted holdings (the demo's debtors). */
export const FEATURED_DEBTORS: readonly string[] = Object.keys(FEATURED);

function scriptedHolding(rng: Rng, inst: SimInstitution, d: DebtorInfo, spec: ScriptedAsset, day: Date): Holding {
  const made = makeAsset(rng, spec.kind, inst, d);
  const seized = SEIZED_KINDS.has(spec.kind);
  const balance = spec.balance ?? made.balance;
  const indicativeValue = spec.indicativeValue ?? made.indicativeValue;
  return {
    assetRef: assetRef(rng, spec.kind),
    kind: spec.kind,
    identifier: spec.identifier ?? made.identifier,
    description: spec.description ?? made.description,
    balance,
    indicativeValue,
    priorMeasures: (spec.measures ?? []).map((m) => ({
      measureRef: measureRef(rng),
      court: m.court,
      caseNo: m.caseNo,
      kind: seized ? 'seizure' : 'freeze',
      requestedAmount: seized ? null : (m.amount ?? balance ?? indicativeValue),
      until: new Date(day.getTime() + m.daysLeft * DAY_MS),
    })),
  };
}
