// Twelve months of activities (bars) and leaflets (line); a click on a month opens its events.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsRow } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { EChart, type ChartOption } from '../../../components/echart.tsx';

const nonZero = (p: { value: unknown }) => (Number(p.value) ? String(p.value) : '');

export function MonthChart({ rows, onMonthClick }: { rows: StatsRow[]; onMonthClick: (month: string) => void }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => (english ? r.key.slice(5) : `${Number(r.key.slice(5))}月`)) },
      yAxis: [
        // Axes unnamed: the legend names the series, and a long name would be cut on a phone.
        { type: 'value', minInterval: 1 },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        // Every month's figures written on the chart (leaders read them off a printout or a phone, with no hover);
        // an empty month stays unlabelled.
        { name: t('totals.activities'), type: 'bar', data: rows.map((r) => r.activities), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top', fontSize: 11, formatter: nonZero } },
        {
          name: t('totals.leaflets'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => r.leaflets),
          itemStyle: { color: '#fa8c16' },
          symbolSize: 6,
          label: { show: true, position: 'top', fontSize: 10, color: '#873800', formatter: (p: { value: unknown }) => (Number(p.value) ? Number(p.value).toLocaleString(i18n.language) : '') },
          labelLayout: { hideOverlap: true },
        },
      ],
    }),
    [rows, english, t, i18n.language],
  );
  return <EChart option={option} height={280} testId="month-chart" onClick={(index) => rows[index] && onMonthClick(rows[index].key)} />;
}
