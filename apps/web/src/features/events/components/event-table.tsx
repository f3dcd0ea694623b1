import { Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { leafletTotal, type Event, type EventSort } from '@pufa/domain';
import { paths } from '../../../config/paths.ts';
import { useCatalogName, type Lookups } from '../../reference/use-lookups.ts';

interface Props {
  events: Event[];
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

export function EventTable({ events, total, page, pageSize, sort, loading, lookups, onPageChange, onSortChange }: Props) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const sortOrder = (key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
  const columns: ColumnsType<Event> = [
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
          <Link to={paths.event(e.id)}>{e.title}</Link>
          {e.location && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{e.location}</Typography.Text>}
        </>
      ),
    },
    {
      key: 'campaign',
      title: t('list.columns.campaign'),
      responsive: ['md'],
      render: (_, e) => (e.campaignId ? <Tag color="blue">{nameOf(lookups.campaignById.get(e.campaignId))}</Tag> : null),
    },
    {
      key: 'villages',
      title: t('list.columns.villages'),
      responsive: ['lg'],
      render: (_, e) => e.villageIds.map((id) => nameOf(lookups.orgUnitById.get(id))).join('、'),
    },
    { key: 'audience', title: t('list.columns.audience'), dataIndex: 'audience', align: 'right', sorter: true, sortOrder: sortOrder('audience'), width: 110 },
    {
      key: 'leaflets',
      title: t('list.columns.leaflets'),
      align: 'right',
      width: 120,
      render: (_, e) => leafletTotal(e.materials, lookups.materialTypeById),
    },
  ];
  return (
    <Table<Event>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={events}
      loading={loading}
      scroll={{ x: 'max-content' }}
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
          const { columnKey, order } = sorter as SorterResult<Event>;
          const key = SORTABLE[columnKey as keyof typeof SORTABLE];
          onSortChange(!key || !order ? '-startDate' : ((order === 'descend' ? `-${key}` : key) as EventSort));
        } else if (extra.action === 'paginate') {
          onPageChange(pagination.current ?? 1, pagination.pageSize ?? pageSize);
        }
      }}
    />
  );
}
