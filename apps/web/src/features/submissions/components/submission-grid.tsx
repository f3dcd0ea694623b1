// Townships × the months and the year, each cell a period's status; a click opens it.
import { Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { periodLabel, periodRange, type PeriodCell, type SubmissionGrid as Grid } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { useIsPhone } from '../../../lib/use-is-phone.ts';
import { townshipTableProps, useTownshipNameColumn } from './township-rows.tsx';
import { periodStatusKey, PeriodStatusTag } from './period-status-tag.tsx';

type Row = Grid['rows'][number];

export function SubmissionGrid({ grid, loading, onOpen }: { grid: Grid | undefined; loading: boolean; onOpen: (townshipId: number, period: string) => void }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const townshipColumn = useTownshipNameColumn<Row>(true);
  const phone = useIsPhone();
  const periods = grid?.rows[0]?.cells.map((c) => c.period) ?? [];
  const header = (period: string) => (period.length === 4 ? t('submissions.wholeYear') : english ? periodLabel(period).en.slice(0, 3) : `${Number(period.slice(5))}月`);
  const cellButton = (row: Row, cell: PeriodCell, caption?: string) => {
    const name = english ? row.nameEn : row.name;
    return (
      <button
        type="button"
        key={cell.period}
        className={caption ? 'grid-cell-button grid-cell-button-labelled' : 'grid-cell-button'}
        data-testid={`cell-${row.townshipId}-${cell.period}`}
        aria-label={`${name} ${periodLabel(cell.period)[english ? 'en' : 'zh']} ${t(periodStatusKey(cell))}${cell.late ? ` ${t('submissions.late')}` : ''}`}
        onClick={() => onOpen(row.townshipId, cell.period)}
      >
        {caption && <span className="grid-cell-caption">{caption}</span>}
        <PeriodStatusTag cell={cell} />
      </button>
    );
  };
  if (phone) {
    // A phone has no room for 13 columns: each township's periods that have begun, newest first,
    // so the month to submit now is the first thing on the screen.
    const today = grid?.today ?? '';
    return (
      <Flex vertical gap={8} data-testid="submission-grid">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('submissions.legend')}</Typography.Paragraph>
        {(grid?.rows ?? []).map((row) => {
          const begun = row.cells.filter((c) => periodRange(c.period).from <= today);
          const ordered = [...begun.filter((c) => c.period.length === 7).reverse(), ...begun.filter((c) => c.period.length === 4)];
          return (
            <Card key={row.townshipId} size="small" title={english ? row.nameEn : row.name} loading={loading && !grid}>
              {ordered.length === 0 ? (
                <Typography.Text type="secondary">{t('submissions.noPeriodsYet')}</Typography.Text>
              ) : (
                <Flex wrap gap={6}>{ordered.map((cell) => cellButton(row, cell, header(cell.period)))}</Flex>
              )}
            </Card>
          );
        })}
      </Flex>
    );
  }
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
            render: (_: unknown, row: Row) => cellButton(row, row.cells[index]!),
          })),
        ]}
      />
    </>
  );
}
