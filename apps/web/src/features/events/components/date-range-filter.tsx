// The ledger's date filter: the browser's own date inputs (a phone shows its
// native calendar) and a few ready-made ranges. Ant Design's range picker is
// ~50 KB compressed; the ledger is the first screen on a village network.
// Two components, so that on a phone the quick ranges wrap below the dates.
import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { endOfMonth, todayInChina } from '@pufa/domain';

interface Props {
  from?: string;
  to?: string;
  onChange: (range: { from?: string; to?: string }) => void;
}

function quickRanges() {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  return [
    { key: 'thisMonth', from: `${month}-01`, to: endOfMonth(`${month}-01`) },
    { key: 'thisYear', from: `${year}-01-01`, to: `${year}-12-31` },
    { key: 'lastYear', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  ] as const;
}

export function DateRangeInputs({ from, to, onChange }: Props) {
  const { t } = useTranslation();
  // An empty input is "no bound"; a date the browser cannot complete (typed half-way) gives '' too.
  const bound = (value: string) => value || undefined;
  return (
    <Space.Compact>
      <Input type="date" aria-label={t('filters.startPlaceholder')} value={from ?? ''} max={to} onChange={(e) => onChange({ from: bound(e.target.value), to })} style={{ width: 150 }} />
      <Input type="date" aria-label={t('filters.endPlaceholder')} value={to ?? ''} min={from} onChange={(e) => onChange({ from, to: bound(e.target.value) })} style={{ width: 150 }} />
    </Space.Compact>
  );
}

export function QuickRangeSelect({ from, to, onChange }: Props) {
  const { t } = useTranslation();
  const ranges = quickRanges();
  return (
    <Select
      aria-label={t('filters.quickRange')}
      placeholder={t('filters.quickRange')}
      value={ranges.find((r) => r.from === from && r.to === to)?.key}
      style={{ width: 130 }}
      onChange={(key) => {
        const range = ranges.find((r) => r.key === key);
        if (range) onChange({ from: range.from, to: range.to });
      }}
      options={ranges.map((r) => ({ value: r.key, label: t(`filters.${r.key}`) }))}
    />
  );
}
