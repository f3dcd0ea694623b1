import { PageTitle } from '../components/page-title.tsx';
import { useState } from 'react';
import { App, Button, Card, Flex, InputNumber, Space, Spin, Tabs, Typography } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PlanItem } from '@pufa/domain';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { useCopyPlan, usePlan } from '../features/plans/api/plans.ts';
import { PlanItemForm } from '../features/plans/components/plan-item-form.tsx';
import { PlanItemsTable } from '../features/plans/components/plan-items-table.tsx';
import { YearEndCheck } from '../features/plans/components/year-end-check.tsx';
import { useReference } from '../features/reference/api/get-reference.ts';
import { TownshipSelect } from '../features/reference/components/township-select.tsx';
import { useLookups } from '../features/reference/use-lookups.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { LoadError } from './load-error.tsx';

/** Year, township and tab live in the URL so a leader can bookmark "this year's check". */
export function PlansRoute() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const { canEdit } = usePermissions();
  const year = Number(search.get('year')) || new Date().getFullYear();
  const townshipId = Number(search.get('townshipId')) || lookups.townships[0]?.id;
  const tab = search.get('tab') === 'check' ? 'check' : 'plan';
  const setParam = (key: string, value: string | number) => setSearch((s) => { s.set(key, String(value)); return s; }, { replace: true });
  const plan = usePlan(townshipId, year);
  const lastYear = usePlan(townshipId, year - 1);
  const copy = useCopyPlan();
  const [editing, setEditing] = useState<PlanItem | null | undefined>(undefined);

  if (reference.error) return <LoadError error={reference.error} onRetry={() => void reference.refetch()} />;
  if (!reference.data || !townshipId) return <Spin />;
  const editable = canEdit(townshipId);
  const items = plan.data ?? [];
  const copyCount = lastYear.data?.length ?? 0;
  const confirmCopy = () =>
    modal.confirm({
      title: t('plans.copyFrom', { year: year - 1 }),
      content: t('plans.copyConfirm', { from: year - 1, to: year, count: copyCount }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () =>
        copy.mutateAsync({ townshipId, fromYear: year - 1, toYear: year }).then(
          (copied) => void message.success(t('plans.copied', { count: copied.length })),
          (e: unknown) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
        ),
    });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{t('plans.title')}</PageTitle>
        <Space wrap>
          <TownshipSelect lookups={lookups} value={townshipId} onChange={(id) => id && setParam('townshipId', id)} />
          <InputNumber
            aria-label={t('plans.year')}
            addonBefore={t('plans.year')}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setParam('year', v)}
            style={{ width: 140 }}
          />
        </Space>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key)}
        items={[
          {
            key: 'plan',
            label: t('plans.tabPlan'),
            children: (
              <Card
                size="small"
                title={`${year} · ${t('plans.items')}`}
                extra={
                  editable && (
                    <Space wrap>
                      {items.length === 0 && copyCount > 0 && (
                        <Button icon={<CopyOutlined />} onClick={confirmCopy} loading={copy.isPending}>{t('plans.copyFrom', { year: year - 1 })}</Button>
                      )}
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('plans.addItem')}</Button>
                    </Space>
                  )
                }
              >
                {plan.error ? (
                  <LoadError error={plan.error} onRetry={() => void plan.refetch()} />
                ) : (
                  <PlanItemsTable items={items} loading={plan.isFetching} lookups={lookups} editable={editable} onEdit={setEditing} />
                )}
              </Card>
            ),
          },
          { key: 'check', label: t('plans.tabCheck'), children: <YearEndCheck reference={reference.data} townshipId={townshipId} year={year} /> },
        ]}
      />
      <PlanItemForm
        open={editing !== undefined}
        item={editing}
        onClose={() => setEditing(undefined)}
        reference={reference.data}
        townshipId={townshipId}
        year={year}
      />
    </Space>
  );
}
