import { z } from 'zod';
import { CommissionReceipt, PlatformListing, PlatformReport, type CommissionRequest, type ReportQuery } from '../../../shared/inquiry-platform-protocol';
import type { Clock } from '../../platform/clock';
import { institutionKey, sign, verifySignature } from '../../platform/signing';
import { postJson } from '../network/http-post';
import type { Commission, InquiryPlatform, InquiryPlatformDirectory, PlatformReportResult } from './inquiry-platform';

export interface HttpInquiryPlatformOptions {
  /** Base URL of the network: `{networkUrl}/inquiry-platforms…`. */
  networkUrl: string;
  /** The secret the platforms' keys derive from (`institutionKey(secret, code)`). */
  networkSecret: string;
  clock: Clock;
  timeoutMs?: number;
}

export class PlatformError extends Error {}

/** One platform over HTTP: signed requests, signed answers verified. */
export class HttpInquiryPlatform implements InquiryPlatform {
  private readonly key: string;
  private readonly base: string;
  constructor(
    readonly code: string,
    readonly name: string,
    private readonly options: HttpInquiryPlatformOptions,
  ) {
    this.key = institutionKey(options.networkSecret, code);
    this.base = `${options.networkUrl}/inquiry-platforms/${encodeURIComponent(code)}`;
  }

  async commission(c: Commission): Promise<{ receivedAt: Date }> {
    const request = sign<CommissionRequest>(this.key, {
      requestId: c.requestId,
      platform: this.code,
      court: c.court,
      caseNo: c.caseNo,
      asset: c.asset,
      requestedAt: c.requestedAt.toISOString(),
      deadline: c.deadline.toISOString(),
      sentAt: this.options.clock.now().toISOString(),
    });
    const receipt = await this.call(`${this.base}/requests`, request, CommissionReceipt);
    if (receipt.requestId !== c.requestId) throw new PlatformError(`${this.code}: receipt for another request`);
    return { receivedAt: new Date(receipt.receivedAt) };
  }

  async report(requestId: string): Promise<PlatformReportResult | null> {
    const query = sign<ReportQuery>(this.key, { requestId, platform: this.code, sentAt: this.options.clock.now().toISOString() });
    const report = await this.call(`${this.base}/reports`, query, PlatformReport);
    if (report.requestId !== requestId) throw new PlatformError(`${this.code}: report for another request`);
    if (report.status === 'pending') return null;
    return {
      reportNo: report.reportNo,
      amount: report.amount,
      issuedAt: new Date(report.issuedAt),
      validUntil: new Date(report.validUntil),
      method: report.method,
      samples: report.samples,
    };
  }

  private async call<S extends z.ZodType<{ platform: string; signature: string }>>(url: string, body: unknown, schema: S): Promise<z.output<S>> {
    const res = await postJson(url, body, this.options.timeoutMs ?? 10_000);
    if (res.status < 200 || res.status >= 300) throw new PlatformError(`${this.code} answered HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    let raw: unknown;
    try {
      raw = JSON.parse(res.text);
    } catch {
      throw new PlatformError(`${this.code}: the answer is not JSON`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new PlatformError(`${this.code}: the answer does not match the protocol`);
    // Only what the platform signed counts: an altered or forged answer is refused.
    if (parsed.data.platform !== this.code || !verifySignature(this.key, raw as Record<string, unknown>)) {
      throw new PlatformError(`${this.code}: the answer's signature does not verify`);
    }
    return parsed.data;
  }
}

/** The list of platforms read from the network (`GET {networkUrl}/inquiry-platforms`), with HTTP platforms. */
export class HttpInquiryPlatformDirectory implements InquiryPlatformDirectory {
  constructor(private readonly options: HttpInquiryPlatformOptions) {}

  async list(): Promise<InquiryPlatform[]> {
    const res = await fetch(`${this.options.networkUrl}/inquiry-platforms`, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    if (!res.ok) throw new PlatformError(`the platform list answered HTTP ${res.status}`);
    const listing = PlatformListing.parse(await res.json());
    return listing.platforms.map((p) => new HttpInquiryPlatform(p.code, p.name, this.options));
  }

  async get(code: string): Promise<InquiryPlatform | undefined> {
    return (await this.list()).find((p) => p.code === code);
  }
}
