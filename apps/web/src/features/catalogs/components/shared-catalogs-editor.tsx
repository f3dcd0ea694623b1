// The catalogs all townships share (material types, target groups, forms, laws,
// 六进): rename, switch off, add; for material types also the unit and whether
// they count as 宣传资料. Shown to county-level administrators only.
import { useState } from 'react';
import { App, Button, Input, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SHARED_CATALOGS, type CatalogEntryAdmin, type CatalogEntryCreate, type CatalogEntryPatch, type SharedCatalog } from '@pufa/domain';
import { apiFetch, ApiRequestError } from '../../../lib/api-client.ts';
import { ResponsiveTabs } from '../../../components/responsive-tabs.tsx';
import { referenceQueryOptions } from '../../reference/api/get-reference.ts';

const catalogKey = (catalog: SharedCatalog) => ['catalogs', catalog] as const;

function CatalogTable({ catalog }: { catalog: SharedCatalog }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const entries = useQuery({ queryKey: catalogKey(catalog), queryFn: () => apiFetch<CatalogEntryAdmin[]>(`/catalogs/${catalog}`) });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: catalogKey(catalog) }), queryClient.invalidateQueries({ queryKey: referenceQueryOptions().queryKey })]);
  const onError = (e: unknown) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));
  const update = useMutation({
    mutationFn: ({ id, ...patch }: CatalogEntryPatch & { id: number }) => apiFetch(`/catalogs/${catalog}/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: refresh,
    onError,
  });
  const create = useMutation({
    mutationFn: (input: CatalogEntryCreate) => apiFetch(`/catalogs/${catalog}`, { method: 'POST', body: input }),
    onSuccess: refresh,
    onError,
  });
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const isMaterial = catalog === 'materialTypes';
  const canAdd = name.trim() && (!isMaterial || unit.trim());
  const add = () => canAdd && create.mutate({ name: name.trim(), ...(isMaterial ? { unit: unit.trim() } : {}) }, { onSuccess: () => (setName(''), setUnit('')) });
  const editable = (entry: CatalogEntryAdmin, field: 'name' | 'nameEn' | 'unit') => ({
    onChange: (value: string) => value.trim() && value !== entry[field] && update.mutate({ id: entry.id, [field]: value.trim() }),
  });
  const isFixed = (e: CatalogEntryAdmin) => catalog === 'sixInto' && e.isBuiltin;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<CatalogEntryAdmin>
        rowKey="id"
        size="small"
        pagination={false}
        loading={entries.isPending}
        dataSource={entries.data ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'name',
            title: t('settings.name'),
            render: (_, e) => (
              <Typography.Text editable={isFixed(e) ? false : editable(e, 'name')} type={e.isActive ? undefined : 'secondary'}>
                {e.name}
              </Typography.Text>
            ),
          },
          { key: 'nameEn', title: t('settings.nameEnColumn'), render: (_, e) => <Typography.Text editable={isFixed(e) ? false : editable(e, 'nameEn')}>{e.nameEn}</Typography.Text> },
          ...(isMaterial
            ? [
                { key: 'unit', title: t('settings.unit'), render: (_: unknown, e: CatalogEntryAdmin) => <Typography.Text editable={editable(e, 'unit')}>{e.unit}</Typography.Text> },
                {
                  key: 'leaflet',
                  title: t('settings.countsAsLeaflet'),
                  render: (_: unknown, e: CatalogEntryAdmin) => (
                    <Switch size="small" checked={e.countsAsLeaflet} aria-label={`${t('settings.countsAsLeaflet')} ${e.name}`} onChange={(countsAsLeaflet) => update.mutate({ id: e.id, countsAsLeaflet })} />
                  ),
                },
              ]
            : []),
          {
            key: 'active',
            title: t('settings.active'),
            render: (_, e) =>
              catalog === 'sixInto' ? (
                e.isBuiltin ? <Tag>{t('settings.fixed')}</Tag> : null
              ) : (
                <Switch size="small" checked={e.isActive} aria-label={`${t('settings.active')} ${e.name}`} onChange={(isActive) => update.mutate({ id: e.id, isActive })} />
              ),
          },
        ]}
      />
      <Space.Compact style={{ maxWidth: 480, width: '100%' }}>
        <Input placeholder={t('settings.newEntry')} aria-label={t('settings.newEntry')} value={name} count={{ show: true, max: 100 }} onChange={(e) => setName(e.target.value)} onPressEnter={add} />
        {isMaterial && <Input placeholder={t('settings.unit')} aria-label={t('settings.unit')} style={{ maxWidth: 90 }} value={unit} count={{ show: true, max: 16 }} onChange={(e) => setUnit(e.target.value)} onPressEnter={add} />}
        <Button type="primary" disabled={!canAdd} loading={create.isPending} onClick={add}>{t('settings.add')}</Button>
      </Space.Compact>
    </Space>
  );
}

export function SharedCatalogsEditor() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('settings.sharedHint')}</Typography.Paragraph>
      <ResponsiveTabs
        label={t('settings.sharedCatalogs')}
        items={SHARED_CATALOGS.map((catalog) => ({ key: catalog, label: t(`settings.catalogs.${catalog}`), children: <CatalogTable catalog={catalog} /> }))}
      />
    </>
  );
}
