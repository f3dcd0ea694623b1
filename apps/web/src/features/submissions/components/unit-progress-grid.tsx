// Above the county: the units one level down (a city's counties, a province's cities) × the
// months and the year, each cell how many of the unit's townships were approved, of all, and what
// is late, waiting for review or returned. A unit's name opens its own view (a county: its
// townships' grid), so a city leader drills county → township.
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { periodLabel, periodRange, type SubmissionCounts, type SubmissionProgress } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { useIsPhone } from '../../../lib/use-is-phone.ts';
import { STATUS_STYLES } from './period-status-tag.tsx';

type Row = SubmissionProgress['rows'][number];

/** Red when any township is late, green when every township due is approved, blue while some wait, amber when returned. */
function styleOf(c: SubmissionCounts): React.CSSProperties {
  if (c.late > 0) return STATUS_STYLES.late;
  if (c.required > 0 && c.approved >= c.required && c.submitted === c.approved) return STATUS_STYLES.approved;
  if (c.submitted > c.approved) return STATUS_STYLES.submitted;
  if (c.returned > 0) return STATUS_STYLES.returned;
  return c.required === 0 ? STATUS_STYLES.notRequired : STATUS_STYLES.none;
}

interface Props {
  progress: SubmissionProgress | undefined;
  loading: boolean;
  /** The view of one unit one level down. */
  hrefOf: (unitId: number) => string;
}

export function UnitProgressGrid({ progress, loading, hrefOf }: Props) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const phone = useIsPhone();
  const today = progress?.today ?? '';
  const rows = progress?.rows ?? [];
  const periods = rows[0]?.cells.map((c) => c.period) ?? [];
  const header = (period: string) => (period.length === 4 ? t('submissions.wholeYear') : english ? periodLabel(period).en.slice(0, 3) : `${Number(period.slice(5))}月`);
  const nameOf = (row: Row) => (english ? row.nameEn : row.name);
  const unitLink = (row: Row) => (
    <Link to={hrefOf(row.id)} data-testid={`progress-unit-${row.id}`}>
      {nameOf(row)}
    </Link>
  );
  const cell = (row: Row, counts: SubmissionCounts, caption?: string) => {
    const begun = periodRange(counts.period).from <= today;
    return (
      <div key={counts.period} className={caption ? 'progress-cell progress-cell-labelled' : 'progress-cell'} data-testid={`progress-${row.id}-${counts.period}`}>
        {caption && <span className="grid-cell-caption">{caption}</span>}
        {begun ? (
          <>
            <Tag style={{ ...styleOf(counts), marginInlineEnd: 0 }}>{t('submissions.unitProgress.cell', { approved: counts.approved, townships: counts.townships })}</Tag>
            {counts.late > 0 && <span className="period-late">{t('submissions.unitProgress.late', { count: counts.late })}</span>}
            {counts.submitted > counts.approved && <span className="progress-note">{t('submissions.unitProgress.waiting', { count: counts.submitted - counts.approved })}</span>}
            {counts.returned > 0 && <span className="progress-note">{t('submissions.unitProgress.returned', { count: counts.returned })}</span>}
          </>
        ) : (
          <span className="progress-note">{t('submissions.unitProgress.notBegun')}</span>
        )}
      </div>
    );
  };
  if (phone) {
    // As the county's grid on a phone: each unit's periods that have begun, newest month first.
    return (
      <Flex vertical gap={8} data-testid="unit-progress">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('submissions.unitProgress.legend')}</Typography.Paragraph>
        {rows.map((row) => {
          const begun = row.cells.filter((c) => periodRange(c.period).from <= today);
          const ordered = [...begun.filter((c) => c.period.length === 7).reverse(), ...begun.filter((c) => c.period.length === 4)];
          return (
            <Card key={row.id} size="small" title={unitLink(row)} loading={loading && !progress}>
              {ordered.length === 0 ? (
                <Typography.Text type="secondary">{t('submissions.noPeriodsYet')}</Typography.Text>
              ) : (
                <Flex wrap gap={6}>{ordered.map((c) => cell(row, c, header(c.period)))}</Flex>
              )}
            </Card>
          );
        })}
      </Flex>
    );
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{t('submissions.unitProgress.legend')}</Typography.Paragraph>
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={loading}
        dataSource={rows}
        data-testid="unit-progress"
        className="unit-progress-table"
        columns={[
          { key: 'unit', title: progress ? t(`submissions.unitProgress.unit.${rows[0]?.level === 'city' ? 'city' : rows[0]?.level === 'township' ? 'township' : 'county'}`) : '', fixed: 'left', render: (_, row) => unitLink(row) },
          ...periods.map((period, index) => ({
            key: period,
            title: header(period),
            align: 'center' as const,
            render: (_: unknown, row: Row) => cell(row, row.cells[index]!),
          })),
        ]}
      />
    </>
  );
}
