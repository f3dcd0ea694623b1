import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ranking } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { townshipTableProps, useTownshipNameColumn } from './township-rows.tsx';

type Row = Ranking['rows'][number];

export function RankingTable({ ranking, loading }: { ranking: Ranking | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const townshipColumn = useTownshipNameColumn<Row>(false);
  // 12,345 as leaders read it on the wall screen, not 12345.
  const format = (n: number) => n.toLocaleString(i18n.language);
  return (
    <Table<Row>
      {...townshipTableProps}
      loading={loading}
      dataSource={ranking?.rows ?? []}
      data-testid="ranking-table"
      columns={[
        { key: 'rank', title: t('submissions.rank'), dataIndex: 'rank' },
        townshipColumn,
        { key: 'activities', title: t('submissions.activities'), dataIndex: 'activities', align: 'right', render: format },
        { key: 'leaflets', title: t('submissions.leaflets'), dataIndex: 'leaflets', align: 'right', render: format },
        { key: 'audience', title: t('submissions.audience'), dataIndex: 'audience', align: 'right', render: format },
        { key: 'villages', title: t('submissions.villagesReached'), align: 'right', render: (_, r) => `${r.villagesReached} / ${r.villagesTotal}` },
        { key: 'coverage', title: t('submissions.coverage'), align: 'right', render: (_, r) => `${(r.coverage * 100).toFixed(1)}%` },
        { key: 'perVillage', title: t('submissions.perVillage'), align: 'right', render: (_, r) => `${format(r.activitiesPerVillage)} / ${format(r.leafletsPerVillage)} / ${format(r.audiencePerVillage)}` },
      ]}
    />
  );
}
