import type { NoticeView } from '../../../shared/schemas/inbox';
import type { NoticeRow } from './inbox.store';

export function toNoticeView(n: NoticeRow): NoticeView {
  return {
    id: n.id,
    institutionCode: n.institutionCode,
    type: n.type as NoticeView['type'],
    caseNo: n.caseNo,
    courtName: n.courtName,
    officialName: n.officialName,
    body: n.body as Record<string, unknown>,
    status: n.status,
    result: (n.result as Record<string, unknown> | null) ?? null,
    reason: n.reason,
    receivedAt: n.receivedAt.toISOString(),
    answeredAt: n.answeredAt?.toISOString() ?? null,
  };
}
