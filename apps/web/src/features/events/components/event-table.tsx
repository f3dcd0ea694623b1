import { Card, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EVENT_SORTS, leafletTotal, type EventListItem as Event, type EventSort } from '@pufa/domain';
import { EvidenceBadge } from '../../evidence/components/evidence-badge.tsx';
import { paths } from '../../../config/paths.ts';
import { useIsPhone } from '../../../lib/use-is-phone.ts';
import { isEnglish } from '../../../lib/i18n.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';
import { QueuedTag } from '../../../offline/queued-tag.tsx';
import type { LedgerRow } from '../../../offline/outbox-logic.ts';
import { outboxItemPath } from '../../../offline/outbox-button.tsx';

/** A row still in the outbox opens there (a queued create has no event page yet). */
const rowPath = (e: LedgerRow) => (e.queued?.kind === 'create' ? outboxItemPath(e.queued.outboxId) : paths.event(e.id));

interface Props {
  events: LedgerRow[];
  total: number;
  page: number;
  pageSize: number;
  sort: EventSort;
  loading: boolean;
  lookups: Lookups;
  onPageChange: (page: number, pageSize: number) => void;
  onSortChange: (sort: EventSort) => void;
}

const SORTABLE = { startDate: 'startDate', title: 'title', audience: 'audience' } as const;

/** The ledger: a table from 768 px on, a list of cards on a phone (every figure in view, no sideways scrolling). */
export function EventTable(props: Props) {
  return useIsPhone() ? <EventCards {...props} /> : <EventRows {...props} />;
}

/** 「、」 between Chinese names, a comma between English ones. */
const villageNames = (e: Event, lookups: Lookups, nameOf: ReturnType<typeof useCatalogName>, english: boolean) =>
  e.villageIds.map((id) => nameOf(lookups.orgUnitById.get(id))).join(english ? ', ' : '、');

function EventCards({ events, total, page, pageSize, sort, loading, lookups, onPageChange, onSortChange }: Props) {
  const { t, i18n } = useTranslation();
  const nameOf = useCatalogName();
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Select<EventSort>
        aria-label={t('list.sort')}
        value={sort}
        onChange={onSortChange}
        style={{ minWidth: 180 }}
        options={EVENT_SORTS.map((value) => ({ value, label: t(`list.sorts.${value}`) }))}
      />
      <List<LedgerRow>
        dataSource={events}
        loading={loading}
        locale={{ emptyText: t('list.empty') }}
        pagination={{ current: page, pageSize, total, size: 'small', showSizeChanger: false, onChange: onPageChange, showTotal: (n) => t('list.totalRows', { total: n }) }}
        renderItem={(e) => (
          <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>
            <Card size="small" style={{ width: '100%' }} data-testid="event-card">
              <Space size={4} wrap>
                <Typography.Text>{e.startDate}{e.endDate && e.endDate !== e.startDate ? ` ~ ${e.endDate}` : ''}</Typography.Text>
                {e.campaignId && <Tag color="blue">{nameOf(lookups.campaignById.get(e.campaignId))}</Tag>}
              </Space>
              <div><Link to={rowPath(e)} style={{ fontSize: 16 }}>{e.title}</Link><QueuedTag row={e} /></div>
              {e.location && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.location}</Typography.Text>}
              {e.villageIds.length > 0 && <div>{t('list.columns.villages')}{t('common.colon')}{villageNames(e, lookups, nameOf, isEnglish(i18n.language))}</div>}
              <div>
                {t('list.columns.audience')} <strong>{e.audience}</strong> · {t('list.columns.leaflets')} <strong>{leafletTotal(e.materials, lookups.materialTypeById)}</strong>
                {' · '}<EvidenceBadge evidence={e.evidence} />
              </div>
            </Card>
          </List.Item>
        )}
      />
    </Space>
  );
}

function EventRows({ events, total, page, pageSize, sort, loading, lookups, onPageChange, onSortChange }: Props) {
  const { t, i18n } = useTranslation();
  const nameOf = useCatalogName();
  const sortOrder = (key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
  const columns: ColumnsType<LedgerRow> = [
    {
      key: 'startDate',
      title: t('list.columns.date'),
      sorter: true,
      sortOrder: sortOrder('startDate'),
      width: 120,
      render: (_, e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {e.startDate}
          {e.endDate && e.endDate !== e.startDate && <Typography.Text type="secondary"><br />~ {e.endDate}</Typography.Text>}
        </span>
      ),
    },
    {
      key: 'title',
      title: t('list.columns.title'),
      sorter: true,
      sortOrder: sortOrder('title'),
      render: (_, e) => (
        <>
          <Link to={rowPath(e)}>{e.title}</Link>
          <QueuedTag row={e} />
          {e.location && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{e.location}</Typography.Text>}
        </>
      ),
    },
    {
      key: 'campaign',
      title: t('list.columns.campaign'),
      responsive: ['md'],
      // A long English name ("National Constitution Day (12.4)") wraps inside its tag rather than widening the table.
      render: (_, e) => (e.campaignId ? <Tag color="blue" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>{nameOf(lookups.campaignById.get(e.campaignId))}</Tag> : null),
    },
    {
      key: 'villages',
      title: t('list.columns.villages'),
      responsive: ['lg'],
      render: (_, e) => villageNames(e, lookups, nameOf, isEnglish(i18n.language)),
    },
    { key: 'audience', title: t('list.columns.audience'), dataIndex: 'audience', align: 'right', sorter: true, sortOrder: sortOrder('audience'), width: 110 },
    {
      key: 'leaflets',
      title: t('list.columns.leaflets'),
      align: 'right',
      width: 120,
      render: (_, e) => leafletTotal(e.materials, lookups.materialTypeById),
    },
    { key: 'evidence', title: t('evidence.column'), width: 90, render: (_, e) => <EvidenceBadge evidence={e.evidence} /> },
  ];
  return (
    <Table<LedgerRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={events}
      loading={loading}
      // x: true lays the table out at the page's width (text wraps: English village lists are long) and
      // scrolls sideways only when it cannot fit; 'max-content' put Audience/Leaflets/Evidence off-screen at 1366 px.
      scroll={{ x: true }}
      locale={{ emptyText: t('list.empty') }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => t('list.totalRows', { total: n }),
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const { columnKey, order } = sorter as SorterResult<LedgerRow>;
          const key = SORTABLE[columnKey as keyof typeof SORTABLE];
          onSortChange(!key || !order ? '-startDate' : ((order === 'descend' ? `-${key}` : key) as EventSort));
        } else if (extra.action === 'paginate') {
          onPageChange(pagination.current ?? 1, pagination.pageSize ?? pageSize);
        }
      }}
    />
  );
}
