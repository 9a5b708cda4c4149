/** A realistic handful of courts with their codes (案号代字), seeded as reference data at every start. */
export const REFERENCE_COURTS = [
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000001', code: '京0105', name: '北京市朝阳区人民法院', level: 'basic', province: '北京市' },
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000002', code: '京0108', name: '北京市海淀区人民法院', level: 'basic', province: '北京市' },
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000003', code: '京03', name: '北京市第三中级人民法院', level: 'intermediate', province: '北京市' },
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000004', code: '沪0115', name: '上海市浦东新区人民法院', level: 'basic', province: '上海市' },
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000005', code: '粤0305', name: '深圳市南山区人民法院', level: 'basic', province: '广东省' },
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000006', code: '浙0106', name: '杭州市西湖区人民法院', level: 'basic', province: '浙江省' },
  { id: '0b6b6d8a-0001-4c1e-9a52-000000000007', code: '川0107', name: '成都市武侯区人民法院', level: 'basic', province: '四川省' },
] as const;
