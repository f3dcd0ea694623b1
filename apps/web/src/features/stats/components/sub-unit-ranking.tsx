// Above the county: the units one level down (a province's cities, a city's counties) ranked
// by activities, each the roll-up of its townships; a row opens that unit's own dashboard.
import { Table } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { StatsRow } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';

interface Props {
  rows: StatsRow[];
  loading: boolean;
  /** The dashboard of one unit: this view with that unit chosen. */
  hrefOf: (orgUnitId: number) => string;
}

/** 10,601 as the other tables write it. */
const grouped = (v: number | undefined) => (v ?? 0).toLocaleString();

export function SubUnitRanking({ rows, loading, hrefOf }: Props) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const ranked = rows.map((row, index) => ({ ...row, rank: index + 1 }));
  return (
    <Table<StatsRow & { rank: number }>
      data-testid="sub-unit-ranking"
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={ranked}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('dashboard.noData') }}
      columns={[
        { title: t('dashboard.rank'), dataIndex: 'rank', width: 56 },
        {
          title: t('dashboard.unit'),
          key: 'label',
          // A real link (keyboard, screen readers, a new tab), opening the unit's dashboard.
          render: (_, row) => <Link to={hrefOf(Number(row.key))}>{english ? row.labelEn : row.label}</Link>,
        },
        { title: t('totals.activities'), dataIndex: 'activities', align: 'right', render: grouped },
        { title: t('dashboard.leafletsShort'), dataIndex: 'leaflets', align: 'right', render: grouped },
        { title: t('dashboard.audienceShort'), dataIndex: 'audience', align: 'right', render: grouped },
        { title: t('dashboard.villagesReachedShort'), dataIndex: 'villagesReached', align: 'right', render: grouped },
      ]}
    />
  );
}
