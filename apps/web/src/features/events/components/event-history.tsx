// Who logged and changed an event, when, and which fields changed.
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@pufa/domain';
import { fieldLabel, formatMoment } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { useEventHistory } from '../api/get-event-history.ts';

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'id']);

function changedFields(entry: AuditEntry): string[] {
  if (entry.action !== 'update') return [];
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  return Object.keys(after).filter((k) => !IGNORED.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function EventHistory({ eventId }: { eventId: number }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const history = useEventHistory(eventId);
  if (!history.data?.length) return <Typography.Text type="secondary">{history.isPending ? t('common.loading') : t('history.empty')}</Typography.Text>;
  return (
    <Timeline
      items={history.data.map((entry) => {
        const fields = changedFields(entry).map((f) => (english ? fieldLabel([f]).en : fieldLabel([f]).zh));
        return {
          key: entry.id,
          color: entry.action === 'delete' ? 'red' : entry.action === 'create' ? 'green' : 'blue',
          children: (
            <>
              <Typography.Text strong>{t(`history.${entry.action}`)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatMoment(entry.at)} · {entry.userName ?? t('history.system')}
              </Typography.Text>
              {fields.length > 0 && <div>{t('history.changed', { fields: fields.join(english ? ', ' : '、') })}</div>}
            </>
          ),
        };
      })}
    />
  );
}
