import { Badge, Button, Progress } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { useOutbox } from './outbox-store.ts';
import { useSyncState } from './sync.ts';
import './messages.ts';
import './offline.css';

export const OUTBOX_PATH = '/outbox';
export const outboxItemPath = (id: number) => `/outbox/${id}`;

/** The header's count of what waits on the device, with the sync's progress while it runs. */
export function OutboxButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = usePermissions();
  const items = useOutbox().filter((item) => item.userId === user?.id);
  const sync = useSyncState();
  if (!items.length && !sync.running) return null;
  const refused = items.some((item) => item.refusal);
  const syncing = sync.running && sync.total > 0;
  return (
    <span className="outbox-button-wrap">
      <Badge count={items.length} color={refused ? '#cf1322' : '#ad4e00'} size="small">
        <Button
          icon={<CloudUploadOutlined />}
          data-testid="outbox-button"
          aria-label={t('offline.outboxButtonLabel', { count: items.length })}
          onClick={() => void navigate(OUTBOX_PATH)}
        >
          <span className="outbox-button-text">{syncing ? t('offline.syncing', { sent: sync.sent, total: sync.total }) : t('offline.outboxButton', { count: items.length })}</span>
        </Button>
      </Badge>
      {syncing && (
        <Progress
          percent={Math.round((sync.sent / sync.total) * 100)}
          size="small"
          showInfo={false}
          className="outbox-progress"
          data-testid="outbox-progress"
          aria-label={t('offline.syncing', { sent: sync.sent, total: sync.total })}
        />
      )}
    </span>
  );
}
