import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../config/paths.ts';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={t('notFound.title')} extra={<Link to={paths.events}><Button type="primary">{t('notFound.back')}</Button></Link>} />
  );
}
