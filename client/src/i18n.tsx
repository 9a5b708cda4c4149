/**
 * Chinese-first interface strings with an English switch. Every visible string goes through `t(key)`.
 * The choice is kept in localStorage and mirrored on <html lang> so screen readers use the right voice.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { en as zodEn, zhCN as zodZhCN } from 'zod/locales';

export type Lang = 'zh' | 'en';

const zh = {
  'app.name': '执行',
  'app.subtitle': '法院执行平台',
  'app.skip': '跳到主要内容',
  'app.loading': '正在加载…',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',

  'nav.main': '主导航',
  'nav.cases': '案件列表',
  'nav.newCase': '新建案件',
  'nav.home': '工作台',
  'header.user': '当前用户',
  'header.logout': '退出登录',

  'role.admin': '系统管理员',
  'role.judge': '执行法官',
  'role.clerk': '书记员',
  'role.institution_operator': '协助执行机构操作员',
  'role.bidder': '竞买人',
  'role.party': '当事人',

  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.cancel': '取消',
  'common.networkError': '无法连接服务器，请检查网络后重试。',
  'common.unexpected': '操作未能完成（{code}）：{message}',
  'common.forbidden': '您的账号无权执行此操作。',
  'common.notFound': '未找到所请求的内容。',
  'common.sessionExpired': '登录已过期，请重新登录。',
  'common.optional': '（可选）',
  'common.yuan': '元',

  'errors.summary': '提交的内容有 {n} 处需要修改：',
  'errors.summaryOne': '提交的内容有 1 处需要修改：',
  'errors.failed': '未能提交：',
  'errors.item': '{field}：{message}',
  'errors.required': '请填写此项',
  'errors.party': '{party} · {field}',

  'login.title': '登录',
  'login.intro': '法院工作人员、协助执行机构和竞买人使用本平台账号登录。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.invalid': '用户名或密码错误。',
  'login.tooMany': '登录尝试次数过多，请在 {seconds} 秒后重试。',
  'login.tooManyNoTime': '登录尝试次数过多，请稍后重试。',
  'login.bidderPrompt': '参加网络司法拍卖？',
  'login.register': '竞买人实名注册',

  'register.title': '竞买人实名注册',
  'register.intro': '注册后可报名参加网络司法拍卖。请如实填写身份信息：竞价时只显示竞买代码，成交后依法公示买受人身份。',
  'register.account': '账号',
  'register.username': '用户名',
  'register.usernameHint': '3–32位字母、数字或 _ . -',
  'register.password': '密码',
  'register.passwordHint': '至少10位',
  'register.passwordConfirm': '再次输入密码',
  'register.passwordMismatch': '两次输入的密码不一致',
  'register.phone': '手机号码',
  'register.identity': '身份信息',
  'register.kind': '竞买人类型',
  'register.person': '个人',
  'register.organisation': '企业或其他组织',
  'register.personName': '姓名',
  'register.orgName': '名称',
  'register.idNumber': '公民身份号码',
  'register.creditCode': '统一社会信用代码',
  'register.legalRep': '法定代表人',
  'register.submit': '注册',
  'register.submitting': '正在注册…',
  'register.done': '注册成功，正在进入工作台…',
  'register.haveAccount': '已有账号？',
  'register.login': '登录',

  'cases.title': '执行案件',
  'cases.filters': '筛选条件',
  'cases.status': '案件状态',
  'cases.anyStatus': '全部状态',
  'cases.judge': '承办法官',
  'cases.anyJudge': '全部法官',
  'cases.q': '案号或当事人名称',
  'cases.filedFrom': '立案日期自',
  'cases.filedTo': '立案日期至',
  'cases.search': '查询',
  'cases.reset': '清除条件',
  'cases.moreFilters': '更多筛选条件',
  'cases.fewerFilters': '收起筛选条件',
  'cases.caption': '执行案件列表',
  'cases.col.caseNo': '案号',
  'cases.col.parties': '当事人',
  'cases.col.cause': '案由',
  'cases.col.claim': '执行标的',
  'cases.col.outstanding': '未履行金额',
  'cases.col.judge': '承办法官',
  'cases.col.status': '状态',
  'cases.col.filedAt': '立案日期',
  'cases.empty': '没有符合条件的案件。',
  'cases.total': '共 {total} 件',
  'cases.page': '第 {page} / {pages} 页',
  'cases.prev': '上一页',
  'cases.next': '下一页',
  'cases.pagination': '分页',
  'cases.creditorShort': '申',
  'cases.debtorShort': '被',

  'status.open': '执行中',
  'status.satisfied': '执行完毕',
  'status.terminated': '终结本次执行',
  'status.closed': '已结案',

  'party.creditor': '申请执行人',
  'party.debtor': '被执行人',
  'party.person': '自然人',
  'party.organisation': '法人或其他组织',
  'party.kind': '类型',
  'party.personName': '姓名',
  'party.orgName': '名称',
  'party.idNumber': '公民身份号码',
  'party.creditCode': '统一社会信用代码',
  'party.idColumn': '身份证号码 / 统一社会信用代码',
  'party.numbered': '{role} {n}',
  'party.addCreditor': '添加申请执行人',
  'party.addDebtor': '添加被执行人',
  'party.remove': '删除{role} {n}',
  'party.removeShort': '删除',

  'case.back': '返回案件列表',
  'case.court': '执行法院',
  'case.judge': '承办法官',
  'case.cause': '案由',
  'case.basis': '执行依据',
  'case.claim': '执行标的',
  'case.outstanding': '未履行金额',
  'case.filedAt': '立案时间',
  'case.createdBy': '立案人',
  'case.status': '状态',
  'case.summary': '案件信息',
  'case.parties': '当事人',
  'case.creditors': '申请执行人',
  'case.debtors': '被执行人',
  'case.noParties': '无',
  'case.timeline': '案件节点',
  'case.timelineEmpty': '暂无节点记录。',
  'case.timelineBy': '操作人：{name}',
  'case.created': '案件已立案。',

  'action.case.created': '立案',
  'action.case.updated': '修改案件信息',
  'action.case.judgeChanged': '变更承办法官',
  'action.case.satisfied': '执行完毕',
  'action.case.terminated': '终结本次执行',
  'action.case.restored': '恢复执行',
  'action.case.closed': '结案',
  'action.inquiry.requested': '发起网络查询',
  'action.inquiry.answered': '收到查询反馈',
  'action.measure.requested': '发出控制措施',
  'action.measure.applied': '控制措施已执行',
  'action.measure.renewed': '续行',
  'action.measure.released': '解除控制措施',
  'action.measure.deducted': '扣划',
  'action.auction.published': '发布拍卖公告',
  'action.auction.sold': '拍卖成交',
  'action.auction.failed': '流拍',

  'data.caseNo': '案号',
  'data.claimAmount': '执行标的',
  'data.judge': '承办法官',
  'data.cause': '案由',

  'newCase.title': '新建执行案件',
  'newCase.intro': '带 * 的为必填项。当事人身份证号码和统一社会信用代码将按国家标准校验。',
  'newCase.basics': '案件基本信息',
  'newCase.caseNo': '案号',
  'newCase.caseNoHint': '留空则按本院本年度顺序自动编号',
  'newCase.judgeHint': '本院执行法官',
  'newCase.judge': '承办法官',
  'newCase.chooseJudge': '请选择承办法官',
  'newCase.noJudges': '本院暂无可选的执行法官',
  'newCase.cause': '案由',
  'newCase.causeHint': '例如：民间借贷纠纷',
  'newCase.basis': '执行依据',
  'newCase.basisHint': '例如：（2025）京0105民初888号民事判决书',
  'newCase.claimAmount': '执行标的金额（元）',
  'newCase.claimHint': '最多两位小数，例如 150000.00',
  'newCase.claimPreview': '即 {amount}',
  'newCase.submit': '提交立案',
  'newCase.submitting': '正在提交…',

  'home.title': '工作台',
  'home.welcome': '{name}，您好',
  'home.next': '即将开放',
  'home.judge.body': '您可以在案件列表中查看本院执行案件，或新建执行案件。',
  'home.bidder.body': '您的实名竞买账号已开通。',
  'home.bidder.next1': '浏览网络司法拍卖公告、拍卖标的和竞价记录',
  'home.bidder.next2': '报名并交纳保证金，取得竞买代码',
  'home.bidder.next3': '在线实时出价，成交后查看成交确认书并交纳尾款',
  'home.operator.body': '您以{institution}操作员身份登录。',
  'home.operator.next1': '协助执行通知书收件箱：查询、冻结、续行、解除、扣划',
  'home.operator.next2': '逐项回复执行结果并上传回执',
  'home.party.body': '您以案件当事人身份登录。',
  'home.party.next1': '查看本人案件的执行进展和节点',
  'home.party.next2': '就财产处置参考价进行议价或提出异议',
  'home.admin.body': '您以系统管理员身份登录。',
  'home.admin.next1': '法院、机构和用户账号管理',
  'home.admin.next2': '审计日志查询与导出',

  'audit.title': '审计链校验',
  'audit.explain': '逐条重算审计日志的哈希链，确认所有记录均未被改动或删除。',
  'audit.verify': '校验审计链',
  'audit.verifying': '正在校验…',
  'audit.ok': '审计链完整：已校验 {checked} 条记录，未发现异常。',
  'audit.broken': '审计链在第 {seq} 条记录处断开：{reason}。已校验 {checked} 条记录。',

  'notFound.title': '页面不存在',
  'notFound.body': '您访问的地址不存在或已被移动。',
  'notFound.home': '返回工作台',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': 'Zhixing',
  'app.subtitle': 'Court enforcement platform',
  'app.skip': 'Skip to main content',
  'app.loading': 'Loading…',
  'lang.switch': '中文',
  'lang.switchLabel': '切换为中文',

  'nav.main': 'Main navigation',
  'nav.cases': 'Cases',
  'nav.newCase': 'New case',
  'nav.home': 'Workspace',
  'header.user': 'Signed in as',
  'header.logout': 'Log out',

  'role.admin': 'Administrator',
  'role.judge': 'Enforcement judge',
  'role.clerk': 'Clerk',
  'role.institution_operator': 'Institution operator',
  'role.bidder': 'Bidder',
  'role.party': 'Party',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.networkError': 'The server cannot be reached. Check the connection and try again.',
  'common.unexpected': 'The action did not complete ({code}): {message}',
  'common.forbidden': 'Your account may not do this.',
  'common.notFound': 'What you asked for was not found.',
  'common.sessionExpired': 'Your session has ended. Please log in again.',
  'common.optional': '(optional)',
  'common.yuan': 'CNY',

  'errors.summary': 'There are {n} problems to fix:',
  'errors.summaryOne': 'There is 1 problem to fix:',
  'errors.failed': 'Could not submit:',
  'errors.item': '{field}: {message}',
  'errors.required': 'Fill in this field',
  'errors.party': '{party} · {field}',

  'login.title': 'Log in',
  'login.intro': 'Court staff, assisting institutions and bidders log in with their platform account.',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.invalid': 'The user name or password is wrong.',
  'login.tooMany': 'Too many attempts. Try again in {seconds} seconds.',
  'login.tooManyNoTime': 'Too many attempts. Try again later.',
  'login.bidderPrompt': 'Taking part in judicial auctions?',
  'login.register': 'Register as a bidder',

  'register.title': 'Bidder registration',
  'register.intro':
    "Registered bidders may take part in online judicial auctions. Give your real identity: during bidding only your bidder code is shown; the buyer's identity is published after a sale, as the law requires.",
  'register.account': 'Account',
  'register.username': 'User name',
  'register.usernameHint': '3–32 letters, digits, or _ . -',
  'register.password': 'Password',
  'register.passwordHint': 'At least 10 characters',
  'register.passwordConfirm': 'Repeat the password',
  'register.passwordMismatch': 'The two passwords differ',
  'register.phone': 'Mobile number',
  'register.identity': 'Identity',
  'register.kind': 'Bidder type',
  'register.person': 'Individual',
  'register.organisation': 'Company or other organisation',
  'register.personName': 'Full name',
  'register.orgName': 'Name',
  'register.idNumber': 'Resident ID number',
  'register.creditCode': 'Unified social credit code',
  'register.legalRep': 'Legal representative',
  'register.submit': 'Register',
  'register.submitting': 'Registering…',
  'register.done': 'Registered. Opening your workspace…',
  'register.haveAccount': 'Already registered?',
  'register.login': 'Log in',

  'cases.title': 'Enforcement cases',
  'cases.filters': 'Filters',
  'cases.status': 'Status',
  'cases.anyStatus': 'Any status',
  'cases.judge': 'Judge',
  'cases.anyJudge': 'Any judge',
  'cases.q': 'Case number or party name',
  'cases.filedFrom': 'Filed from',
  'cases.filedTo': 'Filed to',
  'cases.search': 'Search',
  'cases.reset': 'Clear filters',
  'cases.moreFilters': 'More filters',
  'cases.fewerFilters': 'Fewer filters',
  'cases.caption': 'Enforcement cases',
  'cases.col.caseNo': 'Case number',
  'cases.col.parties': 'Parties',
  'cases.col.cause': 'Cause',
  'cases.col.claim': 'Claim',
  'cases.col.outstanding': 'Outstanding',
  'cases.col.judge': 'Judge',
  'cases.col.status': 'Status',
  'cases.col.filedAt': 'Filed',
  'cases.empty': 'No case matches these filters.',
  'cases.total': '{total} cases',
  'cases.page': 'Page {page} of {pages}',
  'cases.prev': 'Previous',
  'cases.next': 'Next',
  'cases.pagination': 'Pagination',
  'cases.creditorShort': 'Cr.',
  'cases.debtorShort': 'Dr.',

  'status.open': 'In enforcement',
  'status.satisfied': 'Fully enforced',
  'status.terminated': 'Terminated (no assets)',
  'status.closed': 'Closed',

  'party.creditor': 'Creditor',
  'party.debtor': 'Debtor',
  'party.person': 'Person',
  'party.organisation': 'Organisation',
  'party.kind': 'Type',
  'party.personName': 'Full name',
  'party.orgName': 'Name',
  'party.idNumber': 'Resident ID number',
  'party.creditCode': 'Unified social credit code',
  'party.idColumn': 'Resident ID / credit code',
  'party.numbered': '{role} {n}',
  'party.addCreditor': 'Add a creditor',
  'party.addDebtor': 'Add a debtor',
  'party.remove': 'Remove {role} {n}',
  'party.removeShort': 'Remove',

  'case.back': 'Back to the case list',
  'case.court': 'Court',
  'case.judge': 'Judge',
  'case.cause': 'Cause',
  'case.basis': 'Basis',
  'case.claim': 'Claim',
  'case.outstanding': 'Outstanding',
  'case.filedAt': 'Filed',
  'case.createdBy': 'Filed by',
  'case.status': 'Status',
  'case.summary': 'Case details',
  'case.parties': 'Parties',
  'case.creditors': 'Creditors',
  'case.debtors': 'Debtors',
  'case.noParties': 'None',
  'case.timeline': 'Timeline',
  'case.timelineEmpty': 'Nothing recorded yet.',
  'case.timelineBy': 'By {name}',
  'case.created': 'The case has been filed.',

  'action.case.created': 'Case filed',
  'action.case.updated': 'Case details changed',
  'action.case.judgeChanged': 'Judge changed',
  'action.case.satisfied': 'Fully enforced',
  'action.case.terminated': 'Terminated for lack of assets',
  'action.case.restored': 'Enforcement restored',
  'action.case.closed': 'Case closed',
  'action.inquiry.requested': 'Network inquiry sent',
  'action.inquiry.answered': 'Inquiry answered',
  'action.measure.requested': 'Control measure ordered',
  'action.measure.applied': 'Control measure applied',
  'action.measure.renewed': 'Measure renewed',
  'action.measure.released': 'Measure released',
  'action.measure.deducted': 'Funds deducted',
  'action.auction.published': 'Auction announced',
  'action.auction.sold': 'Auction sold',
  'action.auction.failed': 'Auction unsold',

  'data.caseNo': 'Case number',
  'data.claimAmount': 'Claim',
  'data.judge': 'Judge',
  'data.cause': 'Cause',

  'newCase.title': 'New enforcement case',
  'newCase.intro': 'Fields marked * are required. Resident ID numbers and credit codes are checked against the national standards.',
  'newCase.basics': 'Case details',
  'newCase.caseNo': 'Case number',
  'newCase.caseNoHint': "Leave blank for the court's next number this year",
  'newCase.judgeHint': 'An enforcement judge of this court',
  'newCase.judge': 'Judge',
  'newCase.chooseJudge': 'Choose a judge',
  'newCase.noJudges': 'This court has no enforcement judge to choose',
  'newCase.cause': 'Cause (案由)',
  'newCase.causeHint': 'e.g. 民间借贷纠纷 (private lending dispute)',
  'newCase.basis': 'Basis (执行依据)',
  'newCase.basisHint': 'e.g. the judgment （2025）京0105民初888号民事判决书',
  'newCase.claimAmount': 'Claim amount (CNY)',
  'newCase.claimHint': 'At most 2 decimals, e.g. 150000.00',
  'newCase.claimPreview': 'That is {amount}',
  'newCase.submit': 'File the case',
  'newCase.submitting': 'Submitting…',

  'home.title': 'Workspace',
  'home.welcome': 'Hello, {name}',
  'home.next': 'Coming next',
  'home.judge.body': "Open the case list to see your court's enforcement cases, or file a new case.",
  'home.bidder.body': 'Your real-name bidder account is active.',
  'home.bidder.next1': 'Browse auction announcements, lots and bid logs',
  'home.bidder.next2': 'Register for an auction and pay the deposit to get a bidder code',
  'home.bidder.next3': 'Bid live; after winning, see the confirmation letter and pay the balance',
  'home.operator.body': 'You are signed in as an operator of {institution}.',
  'home.operator.next1': 'Inbox of assistance notices: inquiry, freeze, renewal, release, deduction',
  'home.operator.next2': 'Reply to each notice with its result and receipt',
  'home.party.body': 'You are signed in as a party to a case.',
  'home.party.next1': 'Follow the progress and timeline of your cases',
  'home.party.next2': 'Negotiate or object to the reference price of assets',
  'home.admin.body': 'You are signed in as an administrator.',
  'home.admin.next1': 'Management of courts, institutions and user accounts',
  'home.admin.next2': 'Search and export of the audit log',

  'audit.title': 'Audit chain verification',
  'audit.explain': 'Recomputes the hash chain of the audit log, record by record, to confirm nothing was altered or removed.',
  'audit.verify': 'Verify the audit chain',
  'audit.verifying': 'Verifying…',
  'audit.ok': 'The audit chain is intact: {checked} records checked, no problem found.',
  'audit.broken': 'The audit chain breaks at record {seq}: {reason}. {checked} records checked.',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not exist or has moved.',
  'notFound.home': 'Back to the workspace',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'zx.lang';

export type Vars = Record<string, string | number>;

function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

function cjkShare(s: string): number {
  const cjk = s.match(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/g)?.length ?? 0;
  return s.length === 0 ? 0 : cjk / s.length;
}

/**
 * Picks one language out of a bilingual message of the form "中文 / English", as the shared schemas and the
 * server write them. A message in one language only is returned as it is.
 */
export function pickLang(message: string, lang: Lang): string {
  const i = message.indexOf(' / ');
  if (i < 0) return message;
  const a = message.slice(0, i).trim();
  const b = message.slice(i + 3).trim();
  // The Chinese half is the one with more Chinese characters (the English half may quote a case number).
  const [zhPart, enPart] = cjkShare(a) >= cjkShare(b) ? [a, b] : [b, a];
  return lang === 'zh' ? zhPart : enPart;
}

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage may be blocked; Chinese is the default
  }
  return 'zh';
}

function applyZodLocale(lang: Lang): void {
  // Messages the shared schemas do not spell out (e.g. "too short") come from zod's own locale.
  z.config(lang === 'zh' ? zodZhCN() : zodEn());
}

export interface I18n {
  lang: Lang;
  /** BCP 47 tag for <html lang> and Intl. */
  locale: string;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Vars): string;
  /** Picks the current language out of a bilingual "中文 / English" message. */
  pick(message: string): string;
  formatDateTime(iso: string): string;
  formatDate(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

// Courts work on Beijing time whatever the browser's zone is.
const TIME_ZONE = 'Asia/Shanghai';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyZodLocale(l);
    return l;
  });
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';

  useEffect(() => {
    document.documentElement.lang = locale;
    applyZodLocale(lang);
  }, [lang, locale]);

  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted; still switch for this page
    }
    applyZodLocale(l);
    setLangState(l);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const dateTime = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    const safe = (f: Intl.DateTimeFormat, iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : f.format(d);
    };
    return {
      lang,
      locale,
      setLang,
      t: (key, vars) => interpolate(dict[key] ?? key, vars),
      pick: (message) => pickLang(message, lang),
      formatDateTime: (iso) => safe(dateTime, iso),
      formatDate: (iso) => safe(date, iso),
    };
  }, [lang, locale, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Whether a string is one of the dictionary's keys (for codes mapped to labels, such as timeline actions). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}
