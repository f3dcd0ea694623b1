// Townships × named days: how many events each held on each; a blank red cell did not act.
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NamedDayMatrix as Matrix } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';

type Row = Matrix['rows'][number];

export function NamedDayMatrix({ matrix, loading }: { matrix: Matrix | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  return (
    <Table<Row>
      rowKey="townshipId"
      size="small"
      bordered
      loading={loading}
      pagination={false}
      dataSource={matrix?.rows ?? []}
      scroll={{ x: 'max-content' }}
      data-testid="named-day-matrix"
      columns={[
        { key: 'township', title: t('submissions.township'), fixed: 'left', render: (_, row) => (english ? row.nameEn : row.name) },
        ...(matrix?.days ?? []).map((day, index) => ({
          key: String(day.campaignId),
          title: english ? day.nameEn : day.name,
          align: 'center' as const,
          render: (_: unknown, row: Row) => {
            const count = row.counts[index] ?? 0;
            return count > 0 ? <Tag color="green">{t('submissions.acted')} {count}</Tag> : <Tag color="red">{t('submissions.notActed')}</Tag>;
          },
        })),
      ]}
    />
  );
}
