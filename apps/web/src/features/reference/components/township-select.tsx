// The township a page works on: hidden when the user has only one.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Lookups } from '../use-lookups.ts';
import { useCatalogName } from '../use-lookups.ts';

interface Props {
  lookups: Lookups;
  value: number | undefined;
  /** With `allowClear`, clearing calls it with undefined (no township: the whole scope). */
  onChange: (id: number | undefined) => void;
  allowClear?: boolean;
}

export function TownshipSelect({ lookups, value, onChange, allowClear = false }: Props) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  if (lookups.townships.length <= 1) return null;
  return (
    <Select
      aria-label={t('form.township')}
      style={{ minWidth: 180 }}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={t('form.township')}
      showSearch={{ optionFilterProp: 'label' }}
      options={lookups.townships.map((tw) => ({ value: tw.id, label: nameOf(tw) }))}
    />
  );
}
