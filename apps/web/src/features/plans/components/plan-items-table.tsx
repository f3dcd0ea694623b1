// The year's plan items: when, what, where, status; editors change and delete them here.
import { App, Button, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanItem } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';
import { useDeletePlanItem } from '../api/plans.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';

interface Props {
  items: PlanItem[];
  loading: boolean;
  lookups: Lookups;
  editable: boolean;
  onEdit: (item: PlanItem) => void;
}

export function PlanItemsTable({ items, loading, lookups, editable, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const nameOf = useCatalogName();
  const remove = useDeletePlanItem();
  const confirmDelete = (item: PlanItem) =>
    modal.confirm({
      title: t('plans.confirmDelete'),
      content: item.title,
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(item.id).then(
          () => void message.success(t('plans.deleted')),
          (e: unknown) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
        ),
    });
  return (
    <Table<PlanItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 760 }}
      locale={{ emptyText: t('plans.noPlan') }}
      columns={[
        { title: t('plans.when'), key: 'when', width: 110, render: (_, item) => item.targetDate ?? t('plans.month', { month: item.targetMonth }) },
        {
          title: t('plans.itemTitle'),
          key: 'title',
          render: (_, item) => (
            <>
              {item.title}
              {item.campaignId && <div><Tag color="blue">{nameOf(lookups.campaignById.get(item.campaignId))}</Tag></div>}
            </>
          ),
        },
        { title: t('plans.statusLabel'), key: 'status', width: 90, render: (_, item) => <PlanStatusTag status={item.status} /> },
        {
          title: t('plans.villages'),
          key: 'villages',
          render: (_, item) =>
            item.villageIds.map((id) => (
              <Tag key={id} color={item.eventIds.length && item.coveredVillageIds.includes(id) ? 'green' : undefined}>{nameOf(lookups.orgUnitById.get(id))}</Tag>
            )),
        },
        {
          title: t('plans.linkedEvents'),
          key: 'events',
          width: 110,
          render: (_, item) => item.eventIds.map((id) => <Link key={id} to={paths.event(id)} style={{ marginRight: 6 }}>#{id}</Link>),
        },
        ...(editable
          ? [
              {
                title: t('list.columns.actions'),
                key: 'actions',
                width: 96,
                render: (_: unknown, item: PlanItem) => (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(item)} />
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => confirmDelete(item)} />
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
