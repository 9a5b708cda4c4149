import type { PlatformAsset } from '../../../shared/inquiry-platform-protocol';

/** What the court sends each platform: the online inquiry commission (网络询价委托书, 参考价 Art. 10). */
export interface Commission {
  /** Idempotency key: the same commission sent again is received once. */
  requestId: string;
  court: string;
  caseNo: string;
  asset: PlatformAsset;
  requestedAt: Date;
  deadline: Date;
}

/** A platform's online inquiry report (网络询价报告, 参考价 Art. 11), as verified. */
export interface PlatformReportResult {
  reportNo: string;
  amount: string;
  /** When the platform issued it: this decides whether it came in time. */
  issuedAt: Date;
  validUntil: Date;
  method: string;
  samples: number;
}

/**
 * A judicial online inquiry platform of the Supreme People's Court's list (司法网络询价平台, 参考价 Art. 8–13), the
 * outside world of the online inquiry. Messages both ways are signed (HMAC-SHA256 with the platform's key); an
 * implementation must refuse an answer whose signature does not verify.
 */
export interface InquiryPlatform {
  readonly code: string;
  readonly name: string;
  /**
   * Sends the commission. Idempotent by `requestId`: sending it again returns the first receipt. Resolves with the
   * platform's receipt time; rejects when the platform cannot be reached or refuses (the caller retries later).
   */
  commission(commission: Commission): Promise<{ receivedAt: Date }>;
  /** Asks for the report of a commission: null while the platform has not issued it. */
  report(requestId: string): Promise<PlatformReportResult | null>;
}

/** The list of platforms (名单库): all of them are asked at once (参考价 Art. 10). */
export interface InquiryPlatformDirectory {
  /** Every listed platform; rejects when the list cannot be read. */
  list(): Promise<InquiryPlatform[]>;
  /** One platform by code (for polling a commission already sent), or undefined if not listed. */
  get(code: string): Promise<InquiryPlatform | undefined>;
}
