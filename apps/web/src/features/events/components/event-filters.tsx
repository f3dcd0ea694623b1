import { Button, DatePicker, Input, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { todayInChina, type Reference } from '@pufa/domain';
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
  const year = Number(todayInChina().slice(0, 4));
  const month = todayInChina().slice(0, 7);
  return (
    <Space wrap size={[8, 8]} style={{ width: '100%' }}>
      <DatePicker.RangePicker
        aria-label={t('filters.dateRange')}
        placeholder={[t('filters.startPlaceholder'), t('filters.endPlaceholder')]}
        value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
        allowEmpty={[true, true]}
        onChange={(range) => onChange({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        presets={[
          { label: t('filters.thisMonth'), value: [dayjs(`${month}-01`), dayjs(`${month}-01`).endOf('month')] },
          { label: t('filters.thisYear'), value: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] },
          { label: t('filters.lastYear'), value: [dayjs(`${year - 1}-01-01`), dayjs(`${year - 1}-12-31`)] },
        ]}
      />
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
