import { Button, Input, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reference } from '@pufa/domain';
import { DateRangeInputs, QuickRangeSelect } from './date-range-filter.tsx';
import { TownshipSelect } from '../../reference/components/township-select.tsx';
import { useCatalogName, useLookups } from '../../reference/use-lookups.ts';
import type { ListParams } from '../use-list-params.ts';

interface Props {
  reference?: Reference;
  params: ListParams;
  onChange: (changes: ListParams) => void;
  onClear: () => void;
  hasFilter: boolean;
}

export function EventFilters({ reference, params, onChange, onClear, hasFilter }: Props) {
  const { t } = useTranslation();
  const nameOf = useCatalogName();
  const lookups = useLookups(reference);
  return (
    <Space wrap size={[8, 8]} style={{ width: '100%' }}>
      <DateRangeInputs from={params.from} to={params.to} onChange={onChange} />
      <QuickRangeSelect from={params.from} to={params.to} onChange={onChange} />
      <Select
        aria-label={t('filters.campaign')}
        placeholder={t('filters.campaign')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 200 }}
        value={params.campaignId}
        onChange={(campaignId?: number) => onChange({ campaignId })}
        options={(reference?.campaigns ?? []).map((c) => ({ value: c.id, label: nameOf(c) }))}
      />
      <TownshipSelect lookups={lookups} value={params.townshipId} onChange={(townshipId) => onChange({ townshipId, villageId: undefined })} allowClear />
      <Select
        aria-label={t('filters.village')}
        placeholder={t('filters.village')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 160 }}
        value={params.villageId}
        onChange={(villageId?: number) => onChange({ villageId })}
        options={lookups.townships
          .filter((township) => !params.townshipId || township.id === params.townshipId)
          .map((township) => ({
            label: nameOf(township),
            title: nameOf(township),
            options: township.children.map((v) => ({ value: v.id, label: nameOf(v) })),
          }))}
      />
      <Input.Search
        aria-label={t('filters.search')}
        placeholder={t('filters.search')}
        allowClear
        defaultValue={params.q}
        key={params.q ?? ''}
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        style={{ width: 240 }}
      />
      <Select
        aria-label={t('evidence.column')}
        placeholder={t('evidence.column')}
        allowClear
        style={{ minWidth: 150 }}
        value={params.evidence}
        onChange={(evidence?: 'none' | 'mismatch') => onChange({ evidence })}
        options={[{ value: 'none', label: t('evidence.noEvidence') }, { value: 'mismatch', label: t('evidence.mismatchFilter') }]}
      />
      {/* Filters that come from a dashboard row: shown as tags, each removable. */}
      {params.sixInto && <Tag closable onClose={() => onChange({ sixInto: undefined })}>{t('form.sixInto')}: {nameOf(lookups.sixIntoByCode.get(params.sixInto))}</Tag>}
      {params.departmentId && (
        <Tag closable onClose={() => onChange({ departmentId: undefined })}>
          {t('form.departments')}: {nameOf(reference?.departments.find((d) => d.id === params.departmentId))}
        </Tag>
      )}
      {params.formId && <Tag closable onClose={() => onChange({ formId: undefined })}>{t('form.forms')}: {nameOf(reference?.forms.find((f) => f.id === params.formId))}</Tag>}
      {params.lawId && <Tag closable onClose={() => onChange({ lawId: undefined })}>{t('form.laws')}: {nameOf(reference?.laws.find((l) => l.id === params.lawId))}</Tag>}
      {params.materialTypeId && (
        <Tag closable onClose={() => onChange({ materialTypeId: undefined })}>{t('form.materials')}: {nameOf(lookups.materialTypeById.get(params.materialTypeId))}</Tag>
      )}
      {hasFilter && <Button onClick={onClear}>{t('filters.clear')}</Button>}
    </Space>
  );
}
