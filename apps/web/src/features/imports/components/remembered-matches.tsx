// What the township's earlier imports taught — columns and names matched by
// hand — applied to its next files; each can be reviewed and deleted here.
import { App, Button, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_BASE_FIELDS, IMPORT_FIELD_LABELS, materialIdOf, type ImportRememberedKind, type MaterialType } from '@pufa/domain';
import { isEnglish } from '../../../lib/i18n.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useForgetRemembered, useImportRemembered } from '../api/imports.ts';

interface Entry {
  kind: ImportRememberedKind;
  key: string;
  as: string;
}

export function RememberedMatches({ townshipId, materialTypes }: { townshipId: number; materialTypes: readonly MaterialType[] }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const { message } = App.useApp();
  const remembered = useImportRemembered(townshipId);
  const forget = useForgetRemembered(townshipId);
  const fieldName = (field: string) => {
    const materialId = materialIdOf(field);
    if (materialId !== null) {
      const type = materialTypes.find((m) => m.id === materialId);
      return type ? (english ? type.nameEn : type.name) : field;
    }
    const base = IMPORT_BASE_FIELDS.find((f) => f === field);
    return base ? IMPORT_FIELD_LABELS[base][english ? 'en' : 'zh'] : field;
  };
  const data = remembered.data;
  const entries: Entry[] = data
    ? [
        ...data.departments.map((d) => ({ kind: 'departments' as const, key: d.text, as: d.id === null ? t('imports.notCounted') : (d.name ?? String(d.id)) })),
        ...data.villages.map((v) => ({ kind: 'villages' as const, key: v.text, as: v.name ?? String(v.id) })),
        ...data.columns.map((c) => ({ kind: 'columns' as const, key: c.key, as: fieldName(c.field) })),
      ]
    : [];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('imports.rememberedIntro')}</Typography.Paragraph>
      {data && entries.length === 0 ? (
        <Typography.Text data-testid="import-remembered-none">{t('imports.rememberedNone')}</Typography.Text>
      ) : (
      <Table<Entry>
        size="small"
        rowKey={(e) => `${e.kind}:${e.key}`}
        loading={remembered.isLoading}
        dataSource={entries}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="import-remembered"
        columns={[
          { title: t('imports.rememberedKindTitle'), render: (_, e) => t(`imports.rememberedKind.${e.kind}`), width: 110 },
          { title: t('imports.rememberedText'), dataIndex: 'key' },
          { title: t('imports.rememberedAs'), dataIndex: 'as' },
          {
            title: <span className="sr-only">{t('list.columns.actions')}</span>,
            width: 90,
            render: (_, e) => (
              <Popconfirm
                title={`${t('imports.forget')} “${e.key}” → ${e.as}?`}
                onConfirm={() =>
                  forget.mutate(
                    { kind: e.kind, key: e.key },
                    {
                      onSuccess: () => void message.success(t('imports.forgotten')),
                      onError: (error) => void message.error(error instanceof ApiRequestError ? error.messageIn(i18n.language) : String(error)),
                    },
                  )
                }
              >
                <Button size="small" danger aria-label={`${t('imports.forget')} ${e.key}`}>{t('imports.forget')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      )}
    </>
  );
}
