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

export type RowFilter = 'all' | 'problems' | 'duplicates' | 'locked' | 'skipped';

interface Props {
  batch: ImportBatch;
  reference: Reference;
  filter: RowFilter;
  editable: boolean;
  onPatch: (patch: ImportPatch) => void;
  /** Offered to those who may add a department (administrators): add the unknown name as one. */
  onAddDepartment?: (name: string) => void;
}

/** The department picker's choices that are not a department. */
const LEAVE_OUT = -1;
const ADD = -2;

const STATUS_COLORS: Record<ImportRow['status'], string> = { valid: 'green', invalid: 'red', duplicate: 'orange', excluded: 'default', skipped: 'default', locked: 'purple' };

export function PreviewTable({ batch, reference, filter, editable, onPatch, onAddDepartment }: Props) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const nameOf = useCatalogName();
  const lookups = useLookups(reference);
  const say = (m: { message: string; messageEn: string }) => (english ? m.messageEn : m.message);
  const rows = batch.rows.filter((r) =>
    filter === 'all' ? true : filter === 'problems' ? r.status === 'invalid' : filter === 'duplicates' ? r.status === 'duplicate' : filter === 'locked' ? r.status === 'locked' : r.status === 'skipped' || r.status === 'excluded',
  );
  const excluded = new Set(batch.excludedRows);

  /** One cell: the value it became, its problems (with the fix at hand) and its interpretations. */
  const cell = (row: ImportRow, fields: (field: string) => boolean, value: React.ReactNode) => {
    const errors = row.errors.filter((e) => fields(e.field));
    const notes = row.interpretations.filter((i) => fields(i.field));
    return (
      <Space direction="vertical" size={2} style={{ width: '100%' }} className={errors.length ? 'import-cell-error' : undefined}>
        {value}
        {errors.map((error, i) => (
          <div key={i} data-testid="cell-error">
            <Typography.Text type="danger">{say(error)}</Typography.Text>
            {editable && error.candidates && error.text && error.field === 'villages' && (
              <Select
                size="small"
                style={{ width: '100%', marginTop: 4 }}
                popupMatchSelectWidth={false}
                placeholder={t('imports.pickVillage')}
                aria-label={`${t('imports.pickVillage')} ${error.text}`}
                options={(error.candidates.length ? error.candidates : lookups.villagesOf(batch.townshipId).map((v) => ({ id: v.id, name: v.name }))).map((c) => ({ value: c.id, label: c.name }))}
                onChange={(id: number) => onPatch({ aliases: { villages: { [error.text!]: id } } })}
              />
            )}
            {editable && error.candidates && error.text && error.field === 'departments' && (
              <Select
                size="small"
                style={{ width: '100%', marginTop: 4 }}
                popupMatchSelectWidth={false}
                placeholder={t('imports.pickDepartment')}
                aria-label={`${t('imports.pickDepartment')} ${error.text}`}
                data-testid="pick-department"
                showSearch={{ optionFilterProp: 'label' }}
                options={departmentChoices(error.candidates, error.text)}
                onChange={(id: number) => {
                  if (id === ADD) onAddDepartment?.(error.text!);
                  else onPatch({ aliases: { departments: { [error.text!]: id === LEAVE_OUT ? null : id } } });
                }}
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

  /** The closest departments first, then: leave the name out, or add it as a department; then all the others. */
  const departmentChoices = (candidates: { id: number; name: string }[], text: string) => {
    const close = new Set(candidates.map((c) => c.id));
    const others = lookups.departmentsOf(batch.townshipId).filter((d) => !close.has(d.id));
    return [
      ...(candidates.length ? [{ label: t('imports.similarDepartments'), options: candidates.map((c) => ({ value: c.id, label: c.name })) }] : []),
      {
        label: t('imports.otherChoices'),
        options: [
          { value: LEAVE_OUT, label: t('imports.leaveOutDepartment') },
          ...(onAddDepartment ? [{ value: ADD, label: t('imports.addDepartment', { name: text }) }] : []),
        ],
      },
      ...(others.length ? [{ label: t('imports.allDepartments'), options: others.map((d) => ({ value: d.id, label: nameOf(d) })) }] : []),
    ];
  };

  const names = (ids: number[], byId: (id: number) => { name: string; nameEn: string } | undefined) => ids.map((id) => nameOf(byId(id))).join('、');
  const is = (name: string) => (field: string) => field === name;

  return (
    <Table<ImportRow>
      size="small"
      rowKey="id"
      dataSource={rows}
      scroll={{ x: 1000 }}
      tableLayout="fixed"
      pagination={{ defaultPageSize: 50, showSizeChanger: true }}
      data-testid="import-preview"
      rowClassName={(row) => `import-row-${row.status}`}
      columns={[
        {
          title: `${t('imports.row')} · ${t('imports.status')}`,
          width: 112,
          render: (_, row) => (
            <Space direction="vertical" size={2} data-testid={`row-${row.status}`}>
              <Typography.Text type="secondary">{batch.sheets.length > 1 ? `${row.sheet} ` : ''}{row.rowNumber}</Typography.Text>
              <Tag color={STATUS_COLORS[row.status]} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>{t(`imports.statuses.${row.status}`)}</Tag>
              {row.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{say(row.reason)}</Typography.Text>}
            </Space>
          ),
        },
        { title: t('form.startDate'), width: 104, render: (_, row) => cell(row, (f) => f === 'date' || f === 'endDate', row.event.startDate && <span>{row.event.startDate}{row.event.endDate && ` ~ ${row.event.endDate}`}</span>) },
        {
          title: t('form.title'),
          width: 160,
          render: (_, row) => cell(row, (f) => ['title', 'notes', 'location', 'forms', 'laws', 'sixInto', 'targetGroups', 'consultations', ''].includes(f), <span>{row.event.title || row.cells.title}{row.event.location && <Typography.Text type="secondary"> · {row.event.location}</Typography.Text>}</span>),
        },
        { title: t('form.villages'), width: 136, render: (_, row) => cell(row, is('villages'), names(row.event.villageIds, (id) => lookups.orgUnitById.get(id))) },
        { title: t('form.departments'), width: 136, render: (_, row) => cell(row, is('departments'), names(row.event.departmentIds, (id) => reference.departments.find((d) => d.id === id))) },
        { title: t('form.campaign'), width: 110, render: (_, row) => cell(row, is('campaign'), row.event.campaignId ? nameOf(lookups.campaignById.get(row.event.campaignId)) : '') },
        { title: t('form.audience'), width: 76, render: (_, row) => cell(row, is('audience'), row.event.audience) },
        {
          title: t('form.materials'),
          width: 104,
          render: (_, row) =>
            cell(row, (f) => f.startsWith('material:'), row.event.materials.map((m) => {
              const type = lookups.materialTypeById.get(m.materialTypeId);
              return <div key={m.materialTypeId}>{nameOf(type)} {m.quantity}{english ? '' : type?.unit}</div>;
            })),
        },
        {
          title: <span className="sr-only">{t('list.columns.actions')}</span>,
          width: 96,
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
    <Space.Compact size="small" block style={{ marginTop: 4 }}>
      <Input size="small" value={text} onChange={(e) => setText(e.target.value)} onPressEnter={() => onSave(text)} aria-label={t('imports.correct')} style={{ minWidth: 0 }} />
      <Button size="small" onClick={() => onSave(text)}>{t('imports.apply')}</Button>
    </Space.Compact>
  );
}
