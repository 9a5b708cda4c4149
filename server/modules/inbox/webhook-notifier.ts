import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { institutionKey, sign } from '../../platform/signing';
import type { NoticeRow } from './inbox.store';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Tells an institution's own system that a notice arrived: a signed POST (HMAC with the institution's key, header
 * and `signature` field), retried with exponential back-off up to 5 times. The notice itself waits in the inbox, so a
 * webhook that never gets through loses nothing.
 */
export class WebhookNotifier {
  constructor(
    private readonly networkSecret: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  notify(institutionCode: string, url: string, notice: NoticeRow): void {
    const payload = sign<Record<string, unknown>>(institutionKey(this.networkSecret, institutionCode), {
      event: 'notice.received',
      noticeId: notice.id,
      type: notice.type,
      caseNo: notice.caseNo,
      courtName: notice.courtName,
      receivedAt: notice.receivedAt.toISOString(),
      sentAt: this.clock.now().toISOString(),
    });
    void (async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-zhixing-signature': String(payload.signature) },
            body: JSON.stringify(payload),
            signal: AbortSignal.timeout(5000),
          });
          if (res.ok) return;
          this.logger.warn({ url, status: res.status, attempt }, 'webhook refused');
        } catch (err) {
          this.logger.warn({ url, err: (err as Error).message, attempt }, 'webhook failed');
        }
        await sleep(500 * 2 ** attempt);
      }
      this.logger.error({ url, noticeId: notice.id }, 'webhook gave up after 5 attempts; the notice waits in the inbox');
    })();
  }
}
