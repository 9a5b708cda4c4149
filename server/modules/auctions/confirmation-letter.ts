/** The confirmation letter (拍卖成交确认书, 网拍 Art. 22): printable HTML, generated once at the sale and kept as issued. */
import { displayMoney } from '../../../shared/money';

export interface LetterFacts {
  courtName: string;
  caseNo: string;
  auctionId: string;
  title: string;
  assetIdentifier: string;
  round: number;
  kind: 'auction' | 'fixed_price';
  buyer: { name: string; kind: 'person' | 'organisation'; idNumber: string; legalRepresentative: string | null };
  bidderCode: string | null;
  price: string;
  depositApplied: string;
  balance: string;
  endedAt: Date;
  balanceDueAt: Date | null;
  issuedAt: Date;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** China Standard Time, as the letter states times: 2026-12-26 16:00. */
function cst(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function confirmationLetterHtml(f: LetterFacts): string {
  const how = f.kind === 'fixed_price' ? '变卖' : f.round > 1 ? '再次拍卖' : '拍卖';
  const idLabel = f.buyer.kind === 'organisation' ? '统一社会信用代码 / Credit code' : '身份证号码 / ID number';
  const rows: [string, string][] = [
    ['执行法院 / Court', f.courtName],
    ['案号 / Case', f.caseNo],
    ['拍卖标的 / Asset', `${f.title}（${f.assetIdentifier}）`],
    ['买受人 / Buyer', f.buyer.name],
    [idLabel, f.buyer.idNumber],
    ...(f.buyer.legalRepresentative ? ([['法定代表人 / Legal representative', f.buyer.legalRepresentative]] as [string, string][]) : []),
    ...(f.bidderCode ? ([['竞买代码 / Bidder code', f.bidderCode]] as [string, string][]) : []),
    ['成交价 / Price', displayMoney(f.price)],
    ['成交时间 / Sold at', `${cst(f.endedAt)}（北京时间 / CST）`],
    ['保证金充抵价款 / Deposit counted toward the price', displayMoney(f.depositApplied)],
    ['剩余价款 / Balance due', displayMoney(f.balance)],
    ...(f.balanceDueAt ? ([['付款期限 / Balance due by', `${cst(f.balanceDueAt)}前（北京时间 / CST）`]] as [string, string][]) : []),
  ];
  return `<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>网络司法拍卖成交确认书 / Confirmation of sale — ${esc(f.title)}</title>
<style>
body{font-family:"Songti SC","SimSun",serif;max-width:720px;margin:2em auto;line-height:1.7;color:#111}
h1{text-align:center;font-size:1.6em;margin-bottom:.2em}
p.sub{text-align:center;margin-top:0;color:#444}
table{border-collapse:collapse;width:100%;margin:1.5em 0}
th,td{border:1px solid #333;padding:.4em .6em;text-align:left;vertical-align:top}
th{width:38%;background:#f4f4f4;font-weight:normal}
.notes{font-size:.92em}
.stamp{text-align:right;margin-top:2em}
@media print{body{margin:0}}
</style>
</head>
<body>
<h1>网络司法拍卖成交确认书</h1>
<p class="sub">Confirmation of sale in an online judicial ${f.kind === 'fixed_price' ? 'fixed-price sale' : 'auction'}</p>
<p>经公开${how}，下列财产由买受人竞得，特此确认。 / After the public ${f.kind === 'fixed_price' ? 'fixed-price sale' : 'auction'}, the buyer below has bought the following property.</p>
<table>
${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}
</table>
<div class="notes">
<p>一、买受人应在付款期限前将剩余价款交付人民法院指定账户（网拍第25条）；逾期未付的，视为悔拍，保证金不予退还，并不得参加该财产的重新拍卖（网拍第24条）。 / The buyer pays the balance into the court's account by the deadline (网拍 Art. 25); otherwise the buyer has reneged: the deposit is not returned and the buyer may not bid in the resale (网拍 Art. 24).</p>
<p>二、拍卖财产所有权自拍卖成交裁定送达买受人时转移（网拍第22条）。 / Ownership passes when the sale ruling is served on the buyer (网拍 Art. 22).</p>
<p>三、本确认书以买受人的真实身份由网络司法拍卖平台自动生成并公示（网拍第22条）。 / The platform generated and published this letter with the buyer's real identity (网拍 Art. 22).</p>
</div>
<p class="stamp">执行网络司法拍卖平台 / Zhixing online judicial auction platform<br>生成时间 / Issued ${esc(cst(f.issuedAt))}（北京时间 / CST）<br>拍卖编号 / Auction ${esc(f.auctionId)}</p>
</body>
</html>
`;
}
