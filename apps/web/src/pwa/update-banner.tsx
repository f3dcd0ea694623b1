// 「有新版本，刷新」: over the page at the top (fixed, so nothing moves under it), until the user
// refreshes or puts it off; put off, the new build still waits and is offered on the next visit.
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { AntdProvider } from '../app/antd-provider.tsx';

export default function UpdateBanner({ onRefresh, onLater }: { onRefresh: () => void; onLater: () => void }) {
  const { t } = useTranslation();
  return (
    <AntdProvider>
      <div className="update-prompt" data-testid="update-prompt">
        <Alert
          type="info"
          showIcon
          role="status"
          message={t('pwa.updateReady')}
          description={t('pwa.updateHint')}
          action={
            <Space direction="vertical" size={4}>
              <Button type="primary" size="small" onClick={onRefresh}>{t('pwa.refresh')}</Button>
              <Button size="small" onClick={onLater}>{t('pwa.later')}</Button>
            </Space>
          }
        />
      </div>
    </AntdProvider>
  );
}
