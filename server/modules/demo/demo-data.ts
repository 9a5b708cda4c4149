/** The demo's people and cases. Every demo login shares DEMO_PASSWORD. */
import { completeCreditCode as uscc, completeResidentId as rid } from '../../../shared/identity';

export const DEMO_PASSWORD = 'Demo#2026';


export const DEMO_INSTITUTIONS = [
  { id: '5e1c0000-0000-4000-8000-000000000001', code: 'B-ICBC', name: '中国工商银行', kind: 'bank_large', channel: 'central', mode: 'auto' },
  { id: '5e1c0000-0000-4000-8000-000000000002', code: 'B-BJRCB', name: '北京农村商业银行', kind: 'bank_small', channel: 'local', mode: 'auto' },
  { id: '5e1c0000-0000-4000-8000-000000000003', code: 'RE-110000', name: '北京市不动产登记中心', kind: 'real_estate_registry', channel: 'local', mode: 'manual' },
  { id: '5e1c0000-0000-4000-8000-000000000004', code: 'VEH-CN', name: '公安部交通管理局（车辆登记）', kind: 'vehicle_registry', channel: 'central', mode: 'auto' },
] as const;

export const CHAOYANG = '0b6b6d8a-0001-4c1e-9a52-000000000001';
export const PUDONG = '0b6b6d8a-0001-4c1e-9a52-000000000004';

export const DEMO_STAFF = [
  // Court and platform staff carry their resident ID numbers: 网拍 Art. 34 keeps them from bidding under a bidder account.
  { username: 'admin', displayName: '系统管理员', role: 'admin', idNumber: rid('11010119800101201') },
  { username: 'judge.wang', displayName: '王建国', role: 'judge', courtId: CHAOYANG, canApprove: true, idNumber: rid('11010519720308211') },
  { username: 'judge.li', displayName: '李敏', role: 'judge', courtId: CHAOYANG, canApprove: true, idNumber: rid('11010519790512222') },
  // A collegial panel (合议庭) approves auctions: at least three judges of the court (网拍 27).
  { username: 'judge.zhang', displayName: '张立', role: 'judge', courtId: CHAOYANG, canApprove: true, idNumber: rid('11010519830920231') },
  { username: 'clerk.zhao', displayName: '赵雪', role: 'clerk', courtId: CHAOYANG, idNumber: rid('11010519931104242') },
  { username: 'judge.chen', displayName: '陈浩', role: 'judge', courtId: PUDONG, canApprove: true, idNumber: rid('31011519760215251') },
  { username: 'op.icbc', displayName: '工行协助执行岗 刘洋', role: 'institution_operator', institutionCode: 'B-ICBC' },
  { username: 'op.bjre', displayName: '不动产登记中心 孙丽', role: 'institution_operator', institutionCode: 'RE-110000' },
] as const;

export const DEMO_BIDDERS = [
  { username: 'bidder.sun', phone: '13800138001', identity: { kind: 'person', name: '孙志强', idNumber: rid('11010819850312451') } },
  { username: 'bidder.zhou', phone: '13900139002', identity: { kind: 'person', name: '周婷', idNumber: rid('31011519900728262') } },
  {
    username: 'bidder.hengtai',
    phone: '13700137003',
    identity: { kind: 'organisation', name: '北京恒泰资产管理有限公司', creditCode: uscc('91110105MA01ABCD'), legalRepresentative: '郑伟' },
  },
] as const;

export const DEMO_CASES = [
  {
    judge: 'judge.wang',
    filedBy: 'clerk.zhao',
    cause: '民间借贷纠纷',
    basis: '（2025）京0105民初18842号民事判决书',
    claimAmount: '386500.00',
    creditors: [{ kind: 'person', name: '张伟', idNumber: rid('11010519780415231') }],
    debtors: [{ kind: 'person', name: '李强', idNumber: rid('11010519820903153') }],
  },
  {
    judge: 'judge.wang',
    filedBy: 'judge.wang',
    cause: '买卖合同纠纷',
    basis: '（2025）京0105民初20317号民事判决书',
    claimAmount: '1250000.00',
    creditors: [{ kind: 'organisation', name: '北京华联商贸有限公司', creditCode: uscc('91110105MA00XYW1') }],
    debtors: [
      { kind: 'organisation', name: '北京鑫源建材有限公司', creditCode: uscc('91110105MA01QWER') },
      { kind: 'person', name: '王磊', idNumber: rid('11010519750621301') },
    ],
  },
  {
    judge: 'judge.li',
    filedBy: 'judge.li',
    cause: '金融借款合同纠纷',
    basis: '（2025）京0105民初9921号民事调解书',
    claimAmount: '2730000.00',
    creditors: [{ kind: 'organisation', name: '中国工商银行股份有限公司北京朝阳支行', creditCode: uscc('91110105MA02BANK') }],
    debtors: [{ kind: 'person', name: '陈静', idNumber: rid('11010519880117482') }],
  },
  {
    judge: 'judge.chen',
    filedBy: 'judge.chen',
    cause: '房屋租赁合同纠纷',
    basis: '（2025）沪0115民初55120号民事判决书',
    claimAmount: '98000.50',
    creditors: [{ kind: 'person', name: '刘芳', idNumber: rid('31011519700503122') }],
    debtors: [{ kind: 'person', name: '黄勇', idNumber: rid('31011519910909251') }],
  },
] as const;
