import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../config/paths.ts';
import { ApiRequestError } from '../lib/api-client.ts';

export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  if (error instanceof ApiRequestError && error.status === 404) {
    return <Result status="404" title={t('common.notFound')} extra={<Link to={paths.events}><Button type="primary">{t('notFound.back')}</Button></Link>} />;
  }
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={error instanceof ApiRequestError ? error.messageIn(i18n.language) : error.message}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
