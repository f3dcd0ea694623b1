import { PageTitle } from '../components/page-title.tsx';
import { useState } from 'react';
import { Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CampaignCalendar } from '../features/catalogs/components/campaign-calendar.tsx';
import { DepartmentsEditor } from '../features/catalogs/components/departments-editor.tsx';
import { OrgUnitsEditor } from '../features/catalogs/components/org-units-editor.tsx';
import { SharedCatalogsEditor } from '../features/catalogs/components/shared-catalogs-editor.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { TownshipSelect } from '../features/reference/components/township-select.tsx';
import { useLookups } from '../features/reference/use-lookups.ts';
import { LoadError } from './load-error.tsx';

export function SettingsRoute() {
  const { t } = useTranslation();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const [chosen, setChosen] = useState<number>();
  const { user } = usePermissions();
  if (reference.error) return <LoadError error={reference.error} onRetry={() => void reference.refetch()} />;
  if (!reference.data) return <Spin />;
  const townshipId = chosen ?? lookups.townships[0]?.id;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <PageTitle style={{ margin: 0 }}>{t('settings.title')}</PageTitle>
      <TownshipSelect lookups={lookups} value={townshipId} onChange={setChosen} />
      <Card size="small" title={t('settings.calendar')}>
        <CampaignCalendar reference={reference.data} townshipId={townshipId} />
      </Card>
      <Card size="small" title={t('settings.departments')}>
        <DepartmentsEditor reference={reference.data} townshipId={townshipId} />
      </Card>
      <Card size="small" title={t('settings.orgUnits')}>
        <OrgUnitsEditor reference={reference.data} />
      </Card>
      {user?.isTopLevel && (
        <Card size="small" title={t('settings.sharedCatalogs')}>
          <SharedCatalogsEditor />
        </Card>
      )}
    </Space>
  );
}
