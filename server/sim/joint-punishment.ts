/**
 * Joint punishment on the institutions' side (一处失信，处处受限): the real-estate registries refuse a transfer to or
 * from a person the court lists or restricts, and the payment platforms refuse them the high spending of 限高 Art. 3
 * (a flight, a star hotel…). Before such a transaction the institution's system checks both parties with the
 * platform's check API, signed with its own key; when it refuses, it reports the interception back to the court
 * (POST /api/credit/interceptions, signed, same requestId on every retry).
 *
 * Endpoints (on the simulator):
 *   POST /registries/:code/transfers        { property, from: { name, idNumber }, to: { name, idNumber }, price? }
 *   POST /payment-platforms/:code/purchases { buyer: { name, idNumber }, category, merchant, amount }
 *   POST /admin/platform                    { url }: where the platform is (the platform sets it when it listens)
 * Each answers 200 `{ status: 'completed' | 'refused', … }`, or 503 `CHECK_UNAVAILABLE` when the platform cannot be
 * asked (the institution then holds the transaction rather than let a restricted person through).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { institutionKey, sign } from '../platform/signing';
import type { SimInstitution } from './catalogue';

const Party = z.object({ name: z.string().min(1).max(100), idNumber: z.string().min(1).max(40) });
export const TransferBody = z.object({ property: z.string().min(1).max(200), from: Party, to: Party, price: z.string().optional() });
export const PurchaseBody = z.object({
  buyer: Party,
  category: z.enum(['flight', 'soft_sleeper', 'high_speed_rail', 'star_hotel', 'golf', 'travel', 'private_school', 'insurance', 'groceries', 'utilities']),
  merchant: z.string().min(1).max(200),
  amount: z.string().regex(/^\d{1,16}(\.\d{1,2})?$/),
});

/** 限高 Art. 3: which item a purchase category falls under (null: an ordinary purchase, not checked). */
const CATEGORY_PROHIBITION: Record<z.infer<typeof PurchaseBody>['category'], string | null> = {
  flight: 'air_soft_sleeper_ship',
  soft_sleeper: 'air_soft_sleeper_ship',
  high_speed_rail: 'high_speed_rail_first',
  star_hotel: 'star_hotels_clubs',
  golf: 'star_hotels_clubs',
  travel: 'travel_holidays',
  private_school: 'private_schools',
  insurance: 'costly_insurance',
  groceries: null,
  utilities: null,
};

export interface JointAnswer {
  status: number;
  body: unknown;
}

interface CheckAnswer {
  idNumber: string;
  listed: boolean;
  restricted: boolean;
}

export class JointPunishmentDesk {
  platformUrl: string | undefined;
  /** Counters for tests and the stats page. */
  readonly stats = { checks: 0, intercepted: 0, completed: 0, reported: 0, reportFailures: 0 };

  constructor(
    private readonly networkSecret: string,
    private readonly clock: () => Date,
    private readonly find: (code: string) => SimInstitution | undefined,
    platformUrl?: string,
  ) {
    this.platformUrl = platformUrl;
  }

  async transfer(code: string, raw: unknown): Promise<JointAnswer> {
    const institution = this.find(code);
    if (!institution || institution.kind !== 'real_estate_registry') return notFound('UNKNOWN_REGISTRY', `No real-estate registry ${code}`);
    const body = TransferBody.safeParse(raw);
    if (!body.success) return { status: 400, body: { error: 'INVALID_BODY', issues: body.error.issues } };
    const { from, to, property, price } = body.data;
    const check = await this.check(code, [to, from]);
    if ('status' in check) return check;
    const [buyer, seller] = check.results;
    const reasons: { role: 'buyer' | 'seller'; idNumber: string }[] = [];
    // 限高 Art. 3 (三): a restricted person may not buy real estate; a listed (or restricted) seller is disposing of
    // property the court may need (失信, 规避执行), so the registry holds that too and tells the court.
    if (buyer?.restricted) reasons.push({ role: 'buyer', idNumber: to.idNumber });
    if (seller?.restricted) reasons.push({ role: 'seller', idNumber: from.idNumber });
    if (!reasons.length) {
      this.stats.completed += 1;
      return { status: 200, body: { status: 'completed', registry: code, property, checkId: check.checkId } };
    }
    this.stats.intercepted += 1;
    const reports = [];
    for (const r of reasons) {
      const party = r.role === 'buyer' ? to : from;
      reports.push(
        await this.report(code, {
          idNumber: party.idNumber,
          name: party.name,
          action: 'real_estate_transfer',
          role: r.role,
          prohibition: r.role === 'buyer' ? 'buy_real_estate' : null,
          description: r.role === 'buyer' ? `申请受让不动产 ${property}（限高规定第三条第（三）项）` : `申请转让名下不动产 ${property}（失信被执行人处分财产）`,
          ...(price ? { amount: price } : {}),
          checkId: check.checkId,
        }),
      );
    }
    return { status: 200, body: { status: 'refused', registry: code, property, checkId: check.checkId, reasons, reported: reports } };
  }

  async purchase(code: string, raw: unknown): Promise<JointAnswer> {
    const institution = this.find(code);
    if (!institution || institution.kind !== 'payment_platform') return notFound('UNKNOWN_PLATFORM', `No payment platform ${code}`);
    const body = PurchaseBody.safeParse(raw);
    if (!body.success) return { status: 400, body: { error: 'INVALID_BODY', issues: body.error.issues } };
    const { buyer, category, merchant, amount } = body.data;
    const prohibition = CATEGORY_PROHIBITION[category];
    if (!prohibition) {
      // Ordinary spending for life or work is not restricted (限高 Art. 3 (九) a contrario): no check.
      this.stats.completed += 1;
      return { status: 200, body: { status: 'completed', platform: code, category, checked: false } };
    }
    const check = await this.check(code, [buyer]);
    if ('status' in check) return check;
    if (!check.results[0]?.restricted) {
      this.stats.completed += 1;
      return { status: 200, body: { status: 'completed', platform: code, category, checked: true, checkId: check.checkId } };
    }
    this.stats.intercepted += 1;
    const report = await this.report(code, {
      idNumber: buyer.idNumber,
      name: buyer.name,
      action: 'purchase',
      role: 'buyer',
      prohibition,
      description: `${merchant}：${category}`,
      amount,
      checkId: check.checkId,
    });
    return { status: 200, body: { status: 'refused', platform: code, category, prohibition, checkId: check.checkId, reported: report } };
  }

  private async check(code: string, parties: { name: string; idNumber: string }[]): Promise<{ checkId: string; results: CheckAnswer[] } | JointAnswer> {
    if (!this.platformUrl) return unavailable('The simulator does not know where the platform is (POST /admin/platform)');
    this.stats.checks += 1;
    try {
      const res = await this.post(code, '/api/credit/joint/checks', { subjects: parties.map((p) => ({ idNumber: p.idNumber, name: p.name })) });
      if (res.status !== 200) return unavailable(`The platform answered the check with HTTP ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as { checkId: string; results: CheckAnswer[] };
    } catch (err) {
      return unavailable(`The platform could not be asked: ${(err as Error).message}`);
    }
  }

  /** Reports an interception; retried (same requestId) a few times; a replay answer means it arrived before. */
  private async report(code: string, fields: Record<string, unknown>): Promise<{ ok: boolean; status: number | null; interceptions: unknown }> {
    const requestId = randomUUID();
    let last: { ok: boolean; status: number | null; interceptions: unknown } = { ok: false, status: null, interceptions: null };
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const res = await this.post(code, '/api/credit/interceptions', { ...fields, occurredAt: this.clock().toISOString() }, requestId);
        const body = res.body as { interceptions?: unknown; error?: { code?: string } };
        if (res.status === 201 || body.error?.code === 'REPLAYED') {
          this.stats.reported += 1;
          return { ok: true, status: res.status, interceptions: body.interceptions ?? null };
        }
        last = { ok: false, status: res.status, interceptions: body };
        if (res.status < 500) break;
      } catch {
        last = { ok: false, status: null, interceptions: null };
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
    this.stats.reportFailures += 1;
    return last;
  }

  private async post(code: string, path: string, fields: Record<string, unknown>, requestId: string = randomUUID()): Promise<{ status: number; body: unknown }> {
    const message = sign<Record<string, unknown>>(institutionKey(this.networkSecret, code), {
      ...fields,
      institution: code,
      requestId,
      sentAt: this.clock().toISOString(),
    });
    const res = await fetch(`${this.platformUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: kept as text */
    }
    return { status: res.status, body };
  }
}

function notFound(error: string, message: string): JointAnswer {
  return { status: 404, body: { error, message } };
}

function unavailable(message: string): JointAnswer {
  return { status: 503, body: { error: 'CHECK_UNAVAILABLE', message: `无法核查失信与限制消费信息，交易暂缓 / ${message}` } };
}
