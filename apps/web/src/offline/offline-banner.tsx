import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { useOfflineState } from './device-data.ts';
import './messages.ts';

/** 「离线，数据截至 HH:mm」: over every page while the server cannot be reached. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const { online, unreachable, asOf, revalidating } = useOfflineState();
  const { user, canEdit } = usePermissions();
  if (online && !unreachable) {
    // A repeat visit painted from the device: say so quietly until the server's answers are in.
    return revalidating ? <div role="status" className="revalidating-note" data-testid="revalidating">{t('offline.revalidating')}</div> : null;
  }
  const title = asOf ? t('offline.banner', { time: dayjs(asOf).format('HH:mm') }) : t('offline.bannerNoData');
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      data-testid="offline-banner"
      className="offline-banner"
      message={title}
      description={user?.role === 'leader' ? t('offline.bannerLeader') : canEdit() ? t('offline.bannerHint') : undefined}
    />
  );
}
