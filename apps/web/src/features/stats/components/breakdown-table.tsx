// One breakdown (by campaign, 六进, department, form or law) as a ranked table
// with a bar in each row; a row opens the events it counts.
import { Progress, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatsRow } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';

interface Props {
  rows: StatsRow[];
  loading: boolean;
  linkOf: (row: StatsRow) => string | null;
  onOpen: (link: string) => void;
  testId: string;
}

export function BreakdownTable({ rows, loading, linkOf, onOpen, testId }: Props) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const max = Math.max(1, ...rows.map((r) => r.activities));
  return (
    <Table<StatsRow>
      data-testid={testId}
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('dashboard.noData') }}
      onRow={(row) => {
        const link = linkOf(row);
        return link ? { onClick: () => onOpen(link), style: { cursor: 'pointer' } } : {};
      }}
      columns={[
        {
          title: t('dashboard.item'),
          key: 'label',
          render: (_, row) => (
            <>
              <Typography.Text>{english ? row.labelEn : row.label}</Typography.Text>
              <Progress
                percent={(row.activities / max) * 100}
                showInfo={false}
                size="small"
                strokeColor="#0958d9"
                style={{ margin: 0 }}
                aria-label={`${english ? row.labelEn : row.label}: ${t('totals.activities')} ${row.activities}`}
              />
            </>
          ),
        },
        { title: t('totals.activities'), dataIndex: 'activities', align: 'right', width: 72 },
        { title: t('dashboard.leafletsShort'), dataIndex: 'leaflets', align: 'right', width: 84, render: (v: number) => v.toLocaleString() },
        { title: t('totals.audience'), dataIndex: 'audience', align: 'right', width: 84, responsive: ['sm'], render: (v: number) => v.toLocaleString() },
      ]}
    />
  );
}
