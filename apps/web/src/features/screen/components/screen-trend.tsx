// The year month by month on the dark wall: this year's activities as bars, last year's as a
// line, every bar's figure written on it (nobody hovers over a wall).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Screen } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { EChart, type ChartOption } from '../../../components/echart.tsx';

const AXIS = '#c9d8ee';

export function ScreenTrend({ months, fontSize }: { months: Screen['months']; fontSize: number }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      textStyle: { color: AXIS, fontSize },
      legend: { top: 0, right: 0, textStyle: { color: AXIS, fontSize }, itemWidth: fontSize, itemHeight: fontSize * 0.7 },
      grid: { left: 4, right: 8, top: fontSize * 2.4, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => (english ? m.month.slice(5) : `${Number(m.month.slice(5))}月`)), axisLabel: { color: AXIS, fontSize }, axisLine: { lineStyle: { color: '#3d5f8a' } } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: AXIS, fontSize }, splitLine: { lineStyle: { color: '#1f3a5f' } } },
      series: [
        {
          name: t('screen.thisYear'),
          type: 'bar',
          data: months.map((m) => m.activities),
          itemStyle: { color: '#36a3f7', borderRadius: [4, 4, 0, 0] },
          label: { show: true, position: 'top', color: '#ffffff', fontSize, formatter: (p: { value: unknown }) => (Number(p.value) ? String(p.value) : '') },
        },
        { name: t('screen.lastYearLine'), type: 'line', data: months.map((m) => m.lastYearActivities), itemStyle: { color: '#ffc53d' }, lineStyle: { width: 3 }, symbolSize: fontSize / 2 },
      ],
    }),
    [months, english, t, fontSize],
  );
  return <EChart option={option} height="100%" testId="screen-trend" />;
}
