// Townships × the months and the year, each cell a period's status; a click opens it.
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { periodLabel, type PeriodCell, type SubmissionGrid as Grid } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { townshipTableProps, useTownshipNameColumn } from './township-rows.tsx';
import { periodStatusKey, PeriodStatusTag } from './period-status-tag.tsx';

type Row = Grid['rows'][number];

export function SubmissionGrid({ grid, loading, onOpen }: { grid: Grid | undefined; loading: boolean; onOpen: (townshipId: number, period: string) => void }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const townshipColumn = useTownshipNameColumn<Row>(true);
  const periods = grid?.rows[0]?.cells.map((c) => c.period) ?? [];
  const header = (period: string) => (period.length === 4 ? t('submissions.wholeYear') : english ? periodLabel(period).en.slice(0, 3) : `${Number(period.slice(5))}月`);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('submissions.legend')}</Typography.Paragraph>
      <Table<Row>
        {...townshipTableProps}
        bordered
        loading={loading}
        dataSource={grid?.rows ?? []}
        data-testid="submission-grid"
        columns={[
          townshipColumn,
          ...periods.map((period, index) => ({
            key: period,
            title: header(period),
            align: 'center' as const,
            render: (_: unknown, row: Row) => {
              const cell: PeriodCell = row.cells[index]!;
              const name = english ? row.nameEn : row.name;
              return (
                <button
                  type="button"
                  className="grid-cell-button"
                  data-testid={`cell-${row.townshipId}-${period}`}
                  aria-label={`${name} ${periodLabel(period)[english ? 'en' : 'zh']} ${t(periodStatusKey(cell))}${cell.late ? ` ${t('submissions.late')}` : ''}`}
                  onClick={() => onOpen(row.townshipId, period)}
                >
                  <PeriodStatusTag cell={cell} />
                </button>
              );
            },
          })),
        ]}
      />
    </>
  );
}
