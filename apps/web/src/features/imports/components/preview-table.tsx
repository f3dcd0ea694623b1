// Every row of the file as the event it becomes. Problems are marked on their
// cell (an unknown village offers the closest villages; any cell can be
// corrected), interpretations are shown where they were made, and a row can be
// excluded, or a flagged duplicate kept.
import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportBatch, ImportPatch, ImportRow, Reference } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { useCatalogName, useLookups } from '../../reference/use-lookups.ts';

export type RowFilter = 'all' | 'problems' | 'duplicates' | 'skipped';

interface Props {
  batch: ImportBatch;
  reference: Reference;
  filter: RowFilter;
  editable: boolean;
  onPatch: (patch: ImportPatch) => void;
}

const STATUS_COLORS: Record<ImportRow['status'], string> = { valid: 'green', invalid: 'red', duplicate: 'orange', excluded: 'default', skipped: 'default' };

export function PreviewTable({ batch, reference, filter, editable, onPatch }: Props) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const nameOf = useCatalogName();
  const lookups = useLookups(reference);
  const say = (m: { message: string; messageEn: string }) => (english ? m.messageEn : m.message);
  const rows = batch.rows.filter((r) =>
    filter === 'all' ? true : filter === 'problems' ? r.status === 'invalid' : filter === 'duplicates' ? r.status === 'duplicate' : r.status === 'skipped' || r.status === 'excluded',
  );
  const excluded = new Set(batch.excludedRows);

  /** One cell: the value it became, its problems (with the fix at hand) and its interpretations. */
  const cell = (row: ImportRow, fields: (field: string) => boolean, value: React.ReactNode) => {
    const errors = row.errors.filter((e) => fields(e.field));
    const notes = row.interpretations.filter((i) => fields(i.field));
    return (
      <Space direction="vertical" size={2} className={errors.length ? 'import-cell-error' : undefined}>
        {value}
        {errors.map((error, i) => (
          <div key={i} data-testid="cell-error">
            <Typography.Text type="danger">{say(error)}</Typography.Text>
            {editable && error.candidates && error.text && error.field === 'villages' && (
              <Select
                size="small"
                style={{ minWidth: 140, display: 'block', marginTop: 4 }}
                placeholder={t('imports.pickVillage')}
                aria-label={`${t('imports.pickVillage')} ${error.text}`}
                options={(error.candidates.length ? error.candidates : lookups.villagesOf(batch.townshipId).map((v) => ({ id: v.id, name: v.name }))).map((c) => ({ value: c.id, label: c.name }))}
                onChange={(id: number) => onPatch({ aliases: { villages: { [error.text!]: id } } })}
              />
            )}
            {editable && error.candidates && error.text && error.field === 'departments' && (
              <Select
                size="small"
                style={{ minWidth: 140, display: 'block', marginTop: 4 }}
                placeholder={t('imports.pickDepartment')}
                options={(error.candidates.length ? error.candidates : lookups.departmentsOf(batch.townshipId)).map((c) => ({ value: c.id, label: c.name }))}
                onChange={(id: number) => onPatch({ aliases: { departments: { [error.text!]: id } } })}
              />
            )}
            {editable && !error.candidates && <CellEdit initial={row.cells[error.field] ?? ''} onSave={(text) => onPatch({ cellEdits: { [row.id]: { [error.field]: text } } })} />}
          </div>
        ))}
        {notes.map((note, i) => (
          <Tooltip key={i} title={say(note)}>
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="interpretation">
              <InfoCircleOutlined /> {say(note)}
            </Typography.Text>
          </Tooltip>
        ))}
      </Space>
    );
  };

  const names = (ids: number[], byId: (id: number) => { name: string; nameEn: string } | undefined) => ids.map((id) => nameOf(byId(id))).join('、');
  const is = (name: string) => (field: string) => field === name;

  return (
    <Table<ImportRow>
      size="small"
      rowKey="id"
      dataSource={rows}
      scroll={{ x: 1300 }}
      pagination={{ defaultPageSize: 50, showSizeChanger: true }}
      data-testid="import-preview"
      rowClassName={(row) => `import-row-${row.status}`}
      columns={[
        { title: t('imports.row'), width: 90, render: (_, row) => <Typography.Text type="secondary">{batch.sheets.length > 1 ? `${row.sheet} ` : ''}{row.rowNumber}</Typography.Text> },
        {
          title: t('imports.status'),
          width: 110,
          render: (_, row) => (
            <Space direction="vertical" size={2}>
              <Tag color={STATUS_COLORS[row.status]}>{t(`imports.statuses.${row.status}`)}</Tag>
              {row.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{say(row.reason)}</Typography.Text>}
            </Space>
          ),
        },
        { title: t('form.startDate'), width: 130, render: (_, row) => cell(row, (f) => f === 'date' || f === 'endDate', row.event.startDate && <span>{row.event.startDate}{row.event.endDate && ` ~ ${row.event.endDate}`}</span>) },
        {
          title: t('form.title'),
          width: 220,
          render: (_, row) => cell(row, (f) => ['title', 'notes', 'location', 'forms', 'laws', 'sixInto', 'targetGroups', 'consultations', ''].includes(f), <span>{row.event.title || row.cells.title}{row.event.location && <Typography.Text type="secondary"> · {row.event.location}</Typography.Text>}</span>),
        },
        { title: t('form.villages'), width: 180, render: (_, row) => cell(row, is('villages'), names(row.event.villageIds, (id) => lookups.orgUnitById.get(id))) },
        { title: t('form.departments'), width: 150, render: (_, row) => cell(row, is('departments'), names(row.event.departmentIds, (id) => reference.departments.find((d) => d.id === id))) },
        { title: t('form.campaign'), width: 150, render: (_, row) => cell(row, is('campaign'), row.event.campaignId ? nameOf(lookups.campaignById.get(row.event.campaignId)) : '') },
        { title: t('form.audience'), width: 110, render: (_, row) => cell(row, is('audience'), row.event.audience) },
        {
          title: t('form.materials'),
          width: 150,
          render: (_, row) =>
            cell(row, (f) => f.startsWith('material:'), row.event.materials.map((m) => {
              const type = lookups.materialTypeById.get(m.materialTypeId);
              return <div key={m.materialTypeId}>{nameOf(type)} {m.quantity}{english ? '' : type?.unit}</div>;
            })),
        },
        {
          title: <span className="sr-only">{t('list.columns.actions')}</span>,
          width: 110,
          fixed: 'right',
          render: (_, row) =>
            editable && row.status !== 'skipped' ? (
              <Space direction="vertical" size={2}>
                <Button size="small" onClick={() => onPatch({ excludedRows: excluded.has(row.id) ? [...excluded].filter((id) => id !== row.id) : [...excluded, row.id] })}>
                  {excluded.has(row.id) ? t('imports.include') : t('imports.exclude')}
                </Button>
                {row.status === 'duplicate' && (
                  <Button size="small" type="link" onClick={() => onPatch({ keepDuplicateRows: [...batch.keepDuplicateRows, row.id] })}>
                    {t('imports.keepDuplicate')}
                  </Button>
                )}
              </Space>
            ) : null,
        },
      ]}
    />
  );
}

function CellEdit({ initial, onSave }: { initial: string; onSave: (text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  return (
    <Space.Compact size="small" style={{ marginTop: 4 }}>
      <Input size="small" value={text} onChange={(e) => setText(e.target.value)} onPressEnter={() => onSave(text)} aria-label={t('imports.correct')} style={{ width: 130 }} />
      <Button size="small" onClick={() => onSave(text)}>{t('imports.apply')}</Button>
    </Space.Compact>
  );
}
