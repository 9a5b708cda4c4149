import { useI18n, type MessageKey } from '../i18n';
import { useRealtimeStatus } from '../realtime';

/** Says whether the page updates live, and what it does instead when the live link is down. */
export function LiveState({ live, down }: { live: MessageKey; down: MessageKey }) {
  const { t } = useI18n();
  const status = useRealtimeStatus();
  const text = status === 'live' ? t(live) : status === 'down' ? t(down) : t('live.connecting');
  return <span className={`live-state is-${status}`}>{text}</span>;
}
