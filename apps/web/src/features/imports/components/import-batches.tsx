// Who imported what and when; whoever committed an import, or an administrator,
// can undo it within 30 days (its events are deleted and stay restorable one by
// one); everyone else is told who can.
import { App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayOfMoment, formatMoment, mayUndoImport, type ImportBatchSummary } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { usePermissions } from '../../auth/use-permissions.ts';
import { useImportBatches, useUndoImport } from '../api/imports.ts';

const STATUS_COLORS = { preview: 'blue', committed: 'green', undone: 'default' } as const;

export function ImportBatches({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user } = usePermissions();
  const batches = useImportBatches();
  const undo = useUndoImport();
  const when = (iso: string | null) => (iso ? formatMoment(iso) : '');
  // Nothing imported yet: a sentence, not an empty table (which on a phone is wider than
  // the screen and scrolls with nothing in it to focus).
  if (batches.data && batches.data.length === 0) {
    return <Typography.Text type="secondary" data-testid="import-batches-none">{t('imports.batchesNone')}</Typography.Text>;
  }
  return (
    <Table<ImportBatchSummary>
      size="small"
      rowKey="id"
      loading={batches.isLoading}
      dataSource={batches.data ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      data-testid="import-batches"
      columns={[
        { title: t('imports.file'), render: (_, b) => <Button type="link" size="small" onClick={() => onOpen(b.id)}>{b.fileName}</Button> },
        { title: t('imports.status'), render: (_, b) => <Tag color={STATUS_COLORS[b.status]}>{t(`imports.batchStatus.${b.status}`)}</Tag> },
        { title: t('imports.events'), dataIndex: 'eventCount' },
        { title: t('imports.uploadedBy'), render: (_, b) => `${b.createdBy?.displayName ?? ''} ${when(b.createdAt)}` },
        { title: t('imports.committedBy'), render: (_, b) => (b.committedAt ? `${b.committedBy?.displayName ?? ''} ${when(b.committedAt)}` : '') },
        {
          title: <span className="sr-only">{t('list.columns.actions')}</span>,
          render: (_, b) => {
            if (b.status !== 'committed' || !b.undoUntil || new Date(b.undoUntil) <= new Date()) return null;
            if (!user || !mayUndoImport(user, b)) {
              return user?.role === 'leader' ? null : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="undo-who">
                  {t('imports.undoWho')}
                </Typography.Text>
              );
            }
            return (
              <Popconfirm
                title={t('imports.undoConfirm', { count: b.eventCount })}
                onConfirm={() =>
                  undo.mutate(b.id, {
                    onSuccess: (result) => void message.success(t('imports.undone', { count: result.deletedEventIds.length })),
                    onError: (error) => void message.error(error instanceof ApiRequestError ? error.messageIn(i18n.language) : String(error)),
                  })
                }
              >
                <Button size="small" danger title={t('imports.undoUntil', { date: dayOfMoment(b.undoUntil) })}>{t('imports.undo')}</Button>
              </Popconfirm>
            );
          },
        },
      ]}
    />
  );
}
