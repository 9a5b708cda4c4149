/**
 * The court's list of appraisal firms (人民法院司法评估机构名单库, 参考价 Art. 15), by specialty (名单分库). Reference
 * data: the firms deliver written reports, which court staff record when they arrive (the firms are not on the
 * network). Codes are stable; the lottery draws over the codes of a specialty.
 */
import type { AssetKind } from '../../../shared/institution-protocol';

export type Specialty = 'real_estate' | 'movables' | 'assets';

export interface AppraisalFirm {
  code: string;
  name: string;
  specialty: Specialty;
  city: string;
}

export const APPRAISAL_FIRMS: readonly AppraisalFirm[] = [
  { code: 'AF-RE-01', name: '北京中天华房地产土地评估有限公司', specialty: 'real_estate', city: '北京' },
  { code: 'AF-RE-02', name: '北京首佳房地产评估有限公司', specialty: 'real_estate', city: '北京' },
  { code: 'AF-RE-03', name: '北京国融兴华房地产评估有限公司', specialty: 'real_estate', city: '北京' },
  { code: 'AF-RE-04', name: '上海城市房地产估价有限公司', specialty: 'real_estate', city: '上海' },
  { code: 'AF-RE-05', name: '深圳市世联土地房地产评估有限公司', specialty: 'real_estate', city: '深圳' },
  { code: 'AF-RE-06', name: '北京仁达房地产土地评估有限公司', specialty: 'real_estate', city: '北京' },
  { code: 'AF-RE-07', name: '北京康正宏基房地产评估有限公司', specialty: 'real_estate', city: '北京' },
  { code: 'AF-MV-01', name: '北京华信众合机动车鉴定评估有限公司', specialty: 'movables', city: '北京' },
  { code: 'AF-MV-02', name: '中联资产评估集团有限公司（机动车）', specialty: 'movables', city: '北京' },
  { code: 'AF-MV-03', name: '上海东洲资产评估有限公司（动产）', specialty: 'movables', city: '上海' },
  { code: 'AF-MV-04', name: '北京天健兴业资产评估有限公司（动产）', specialty: 'movables', city: '北京' },
  { code: 'AF-MV-05', name: '广东中广信资产评估有限公司（动产）', specialty: 'movables', city: '广州' },
  { code: 'AF-AS-01', name: '中联资产评估集团有限公司', specialty: 'assets', city: '北京' },
  { code: 'AF-AS-02', name: '北京中企华资产评估有限责任公司', specialty: 'assets', city: '北京' },
  { code: 'AF-AS-03', name: '上海东洲资产评估有限公司', specialty: 'assets', city: '上海' },
  { code: 'AF-AS-04', name: '北京天健兴业资产评估有限公司', specialty: 'assets', city: '北京' },
  { code: 'AF-AS-05', name: '坤元资产评估有限公司', specialty: 'assets', city: '杭州' },
  { code: 'AF-AS-06', name: '银信资产评估有限公司', specialty: 'assets', city: '上海' },
];

/** The specialty (名单分库) that values an asset kind. */
export function specialtyFor(kind: AssetKind): Specialty {
  if (kind === 'real_estate') return 'real_estate';
  if (kind === 'vehicle') return 'movables';
  return 'assets';
}

export function firmsFor(kind: AssetKind): AppraisalFirm[] {
  const specialty = specialtyFor(kind);
  return APPRAISAL_FIRMS.filter((f) => f.specialty === specialty);
}

export function firmByCode(code: string): AppraisalFirm | undefined {
  return APPRAISAL_FIRMS.find((f) => f.code === code);
}
