// The columns found on each sheet and what each becomes; the clerk may change
// any of them (remembered for the office's next file once committed).
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_BASE_FIELDS, IMPORT_FIELD_LABELS, materialField, type ImportBatch, type ImportField, type MaterialType } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';

interface Props {
  batch: ImportBatch;
  materialTypes: readonly MaterialType[];
  disabled: boolean;
  onChange: (key: string, field: ImportField) => void;
}

export function ColumnMapping({ batch, materialTypes, disabled, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const options = [
    ...IMPORT_BASE_FIELDS.map((field) => ({ value: field as string, label: english ? IMPORT_FIELD_LABELS[field].en : IMPORT_FIELD_LABELS[field].zh })),
    ...materialTypes.filter((m) => m.isActive).map((m) => ({ value: materialField(m.id) as string, label: english ? `${m.nameEn} (${m.unitEn})` : `${m.name}（${m.unit}）` })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {batch.sheets.map((sheet) => (
        <div key={sheet.index}>
          <Typography.Text strong>{sheet.name}</Typography.Text>{' '}
          {sheet.headerRow === null ? (
            <Tag>{t('imports.noHeader')}</Tag>
          ) : (
            <Typography.Text type="secondary">
              {t('imports.headerAt', { row: sheet.headerRow, rows: sheet.dataRows })}
              {sheet.year && ` · ${t('imports.yearFrom', { year: sheet.year, source: t(`imports.yearSource.${sheet.yearSource ?? 'request'}`) })}`}
              {sheet.title && ` · ${sheet.title}`}
            </Typography.Text>
          )}
          {sheet.columns.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="index"
              dataSource={sheet.columns}
              scroll={{ x: true }}
              columns={[
                { title: t('imports.column'), dataIndex: 'header', width: 220 },
                {
                  title: t('imports.becomes'),
                  render: (_, column) => (
                    <Space direction="vertical" size={4}>
                      <Space wrap>
                        <Select
                          aria-label={`${t('imports.becomes')} ${column.header}`}
                          data-testid={`mapping-${column.header}`}
                          style={{ width: 200 }}
                          value={column.field as string}
                          options={options}
                          disabled={disabled}
                          showSearch={{ optionFilterProp: 'label' }}
                          onChange={(field) => onChange(column.key, field as ImportField)}
                        />
                        {column.guessed ? <Tag color="blue">{t('imports.guessed')}</Tag> : <Tag color="green">{t('imports.chosen')}</Tag>}
                        {column.hint?.applied && <Tag color="gold">{t('imports.byContents')}</Tag>}
                      </Space>
                      {/* What the cells say about the column: taken as villages/departments, or the question. */}
                      {column.hint && (
                        <Space wrap size={4} data-testid={`column-hint-${column.header}`}>
                          <Typography.Text type="warning">{english ? column.hint.messageEn : column.hint.message}</Typography.Text>
                          {!column.hint.applied && !disabled && (
                            <Button size="small" onClick={() => onChange(column.key, column.hint!.field)}>
                              {t('imports.useAs', { field: english ? IMPORT_FIELD_LABELS[column.hint.field].en : IMPORT_FIELD_LABELS[column.hint.field].zh })}
                            </Button>
                          )}
                        </Space>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </div>
      ))}
    </Space>
  );
}
