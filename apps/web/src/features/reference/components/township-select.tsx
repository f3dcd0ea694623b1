// The township a page works on: hidden when the user has only one.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lookups } from '../use-lookups.ts';
import { useCatalogName } from '../use-lookups.ts';

export function TownshipSelect({ lookups, value, onChange }: { lookups: Lookups; value: number | undefined; onChange: (id: number) => void }) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  if (lookups.townships.length <= 1) return null;
  return (
    <Select
      aria-label={t('form.township')}
      style={{ minWidth: 180 }}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={lookups.townships.map((tw) => ({ value: tw.id, label: nameOf(tw) }))}
    />
  );
}
