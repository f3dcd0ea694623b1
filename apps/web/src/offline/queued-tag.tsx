import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerRow } from './outbox-logic.ts';
import './messages.ts';

/** Ant Design's warning tag text (#d48806 on #fffbe6) fails WCAG AA: a darker gold. */
export const pendingTagStyle = { color: '#874d00' } as const;

/** 「待同步」 on a ledger row the outbox holds (red when the server refused it). */
export function QueuedTag({ row }: { row: LedgerRow }) {
  const { t } = useTranslation();
  if (!row.queued) return null;
  const label = row.queued.refused ? t('offline.refused') : row.queued.kind === 'delete' ? t('offline.queuedDelete') : t('offline.queued');
  return (
    <Tag color={row.queued.refused ? 'error' : 'warning'} data-testid="queued-tag" style={{ marginInlineStart: 4, ...(row.queued.refused ? {} : pendingTagStyle) }}>
      {label}
    </Tag>
  );
}
