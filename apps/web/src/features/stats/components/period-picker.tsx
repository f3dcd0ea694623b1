// Month, year or a custom range, as the dashboard and the export page choose them.
import { DatePicker, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { todayInChina } from '@pufa/domain';
import { periodOf, type DashboardParams, type PeriodKind } from '../dashboard-params.ts';

export function PeriodPicker({ params, update, kinds = ['month', 'year', 'custom'] }: { params: DashboardParams; update: (next: Partial<DashboardParams>) => void; kinds?: PeriodKind[] }) {
  const { t } = useTranslation();
  const setKind = (kind: PeriodKind) => update(kind === 'custom' ? { kind } : { kind, ...periodOf(kind, kind === 'year' ? params.from : todayInChina()) });
  return (
    <Space wrap>
      <Segmented<PeriodKind> value={params.kind} onChange={setKind} options={kinds.map((value) => ({ value, label: t(`dashboard.${value}`) }))} />
      {params.kind === 'month' && (
        <DatePicker picker="month" allowClear={false} value={dayjs(params.from)} onChange={(d) => d && update(periodOf('month', d.format('YYYY-MM-DD')))} aria-label={t('dashboard.month')} />
      )}
      {params.kind === 'year' && (
        <DatePicker picker="year" allowClear={false} value={dayjs(params.from)} onChange={(d) => d && update(periodOf('year', d.format('YYYY-MM-DD')))} aria-label={t('dashboard.year')} />
      )}
      {params.kind === 'custom' && (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(params.from), dayjs(params.to)]}
          onChange={(range) => range?.[0] && range[1] && update({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
        />
      )}
      <Typography.Text type="secondary">{params.from} ~ {params.to}</Typography.Text>
    </Space>
  );
}
