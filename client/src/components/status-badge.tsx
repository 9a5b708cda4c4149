import { useI18n, isMessageKey } from '../i18n';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `status.${status}`;
  return <span className={`badge badge-${status}`}>{isMessageKey(key) ? t(key) : status}</span>;
}
