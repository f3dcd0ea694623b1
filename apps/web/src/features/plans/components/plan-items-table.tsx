// The year's plan items: when, what, where, status; editors change and delete them here.
import { App, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanItem } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';
import { useDeletePlanItem } from '../api/plans.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';
import { useIsPhone } from '../../../lib/use-is-phone.ts';

interface Props {
  items: PlanItem[];
  loading: boolean;
  lookups: Lookups;
  editable: boolean;
  onEdit: (item: PlanItem) => void;
}

/** A plan item's linked events, by date and title, each opening the event. */
function LinkedEvents({ item }: { item: PlanItem }) {
  return (
    <>
      {item.events.map((e) => (
        <div key={e.id}>
          <Link to={paths.event(e.id)}>{e.startDate.slice(5).replace('-', '.')} {e.title}</Link>
        </div>
      ))}
    </>
  );
}

export function PlanItemsTable({ items, loading, lookups, editable, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const nameOf = useCatalogName();
  const remove = useDeletePlanItem();
  const isPhone = useIsPhone();
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
  const when = (item: PlanItem) => item.targetDate ?? t('plans.month', { month: item.targetMonth });
  const villageTags = (item: PlanItem) =>
    item.villageIds.map((id) => (
      <Tag key={id} color={item.eventIds.length && item.coveredVillageIds.includes(id) ? 'green' : undefined} className="village-tag">{nameOf(lookups.orgUnitById.get(id))}</Tag>
    ));
  const actions = (item: PlanItem) => (
    <Space size={4}>
      <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${item.title}`} onClick={() => onEdit(item)} />
      <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${item.title}`} onClick={() => confirmDelete(item)} />
    </Space>
  );
  // A phone gets cards: the status beside the title, nothing to scroll sideways for.
  if (isPhone) {
    return (
      <List<PlanItem>
        dataSource={items}
        loading={loading}
        locale={{ emptyText: t('plans.noPlan') }}
        renderItem={(item) => (
          <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>
            <Card size="small" style={{ width: '100%' }} data-testid="plan-card">
              <Space size={4} wrap>
                <Typography.Text>{when(item)}</Typography.Text>
                <PlanStatusTag status={item.status} />
                {item.campaignId && <Tag color="blue">{nameOf(lookups.campaignById.get(item.campaignId))}</Tag>}
              </Space>
              <div style={{ fontSize: 16 }}>{item.title}</div>
              {item.villageIds.length > 0 && <div style={{ marginTop: 4 }}>{villageTags(item)}</div>}
              {item.events.length > 0 && (
                <div style={{ marginTop: 4 }}>
                  <Typography.Text type="secondary">{t('plans.linkedEvents')}{t('common.colon')}</Typography.Text>
                  <LinkedEvents item={item} />
                </div>
              )}
              {editable && <div style={{ marginTop: 8 }}>{actions(item)}</div>}
            </Card>
          </List.Item>
        )}
      />
    );
  }
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
        { title: t('plans.when'), key: 'when', width: 110, render: (_, item) => when(item) },
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
          render: (_, item) => villageTags(item),
        },
        {
          title: t('plans.linkedEvents'),
          key: 'events',
          width: 220,
          render: (_, item) => <LinkedEvents item={item} />,
        },
        ...(editable
          ? [
              {
                title: t('list.columns.actions'),
                key: 'actions',
                width: 96,
                render: (_: unknown, item: PlanItem) => actions(item),
              },
            ]
          : []),
      ]}
    />
  );
}
