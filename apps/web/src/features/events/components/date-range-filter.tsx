// The ledger's date filter: the browser's own date inputs (a phone shows its
// native calendar) and a few ready-made ranges. Ant Design's range picker is
// ~50 KB compressed; the ledger is the first screen on a village network.
import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { endOfMonth, todayInChina } from '@pufa/domain';

interface Props {
  from?: string;
  to?: string;
  onChange: (range: { from?: string; to?: string }) => void;
}

export function DateRangeFilter({ from, to, onChange }: Props) {
  const { t } = useTranslation();
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const presets = [
    { key: 'thisMonth', from: `${month}-01`, to: endOfMonth(`${month}-01`) },
    { key: 'thisYear', from: `${year}-01-01`, to: `${year}-12-31` },
    { key: 'lastYear', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  ] as const;
  const current = presets.find((p) => p.from === from && p.to === to)?.key;
  // An empty input is "no bound"; a date the browser cannot complete (typed half-way) gives '' too.
  const bound = (value: string) => value || undefined;
  return (
    <Space.Compact>
      <Input
        type="date"
        aria-label={t('filters.startPlaceholder')}
        value={from ?? ''}
        max={to}
        onChange={(e) => onChange({ from: bound(e.target.value), to })}
        style={{ width: 150 }}
      />
      <Input
        type="date"
        aria-label={t('filters.endPlaceholder')}
        value={to ?? ''}
        min={from}
        onChange={(e) => onChange({ from, to: bound(e.target.value) })}
        style={{ width: 150 }}
      />
      <Select
        aria-label={t('filters.quickRange')}
        placeholder={t('filters.quickRange')}
        value={current}
        style={{ width: 110 }}
        onChange={(key) => {
          const preset = presets.find((p) => p.key === key);
          if (preset) onChange({ from: preset.from, to: preset.to });
        }}
        options={presets.map((p) => ({ value: p.key, label: t(`filters.${p.key}`) }))}
      />
    </Space.Compact>
  );
}
