import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths.ts';
import { PageTitle } from '../../../components/page-title.tsx';

/**
 * A page the user's role cannot use says so at once (a leader opening /events/new used to see
 * the form and fail only on save). The API refuses anyway; this is for the person.
 */
export function RequirePermission({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (allowed) return children;
  return (
    <Result
      status="403"
      title={<PageTitle>{t('forbidden.title')}</PageTitle>}
      subTitle={t('forbidden.text')}
      extra={<Link to={paths.home}><Button type="primary">{t('forbidden.back')}</Button></Link>}
    />
  );
}
