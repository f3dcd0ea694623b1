// Townships × named days: how many events each held on each; a blank red cell did not act.
import { useEffect, useRef } from 'react';
import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NamedDayMatrix as Matrix } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { townshipTableProps, useTownshipNameColumn } from './township-rows.tsx';
import { NOT_REQUIRED_STYLE } from './period-status-tag.tsx';

type Row = Matrix['rows'][number];

export function NamedDayMatrix({ matrix, loading }: { matrix: Matrix | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const townshipColumn = useTownshipNameColumn<Row>(true);
  // The matrix scrolls sideways and holds nothing focusable: its scrolling area takes the focus
  // itself, so the arrow keys scroll it (WCAG 2.1.1), and is named for screen readers.
  const wrapper = useRef<HTMLDivElement>(null);
  const label = t('submissions.namedDays');
  useEffect(() => {
    const scroller = wrapper.current?.querySelector<HTMLElement>('.ant-table-content, .ant-table-body');
    if (!scroller) return;
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', label);
  });
  return (
    <div ref={wrapper}>
    <Table<Row>
      {...townshipTableProps}
      bordered
      loading={loading}
      dataSource={matrix?.rows ?? []}
      data-testid="named-day-matrix"
      columns={[
        townshipColumn,
        ...(matrix?.days ?? []).map((day, index) => ({
          key: String(day.campaignId),
          title: english ? day.nameEn : day.name,
          align: 'center' as const,
          render: (_: unknown, row: Row) => {
            const count = row.counts[index] ?? 0;
            if (count > 0) return <Tag color="green">{t('submissions.acted')} {count}</Tag>;
            // A day that ended before the township's reporting start is no miss (as 无需上报 in the grid).
            if (row.required[index] === false) {
              return (
                <Tooltip title={t('submissions.namedDayNotRequired', { from: row.reportingFrom })}>
                  <Tag style={NOT_REQUIRED_STYLE} data-required="false">
                    {t('submissions.status.notRequired')}
                  </Tag>
                </Tooltip>
              );
            }
            return <Tag color="red">{t('submissions.notActed')}</Tag>;
          },
        })),
      ]}
    />
    </div>
  );
}
