import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../config/paths.ts';
import { PageTitle } from '../components/page-title.tsx';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={<PageTitle>{t('notFound.title')}</PageTitle>} extra={<Link to={paths.home}><Button type="primary">{t('notFound.back')}</Button></Link>} />
  );
}
