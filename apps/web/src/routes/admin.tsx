import { useState } from 'react';
import { App, Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoment, type AuditEntry } from '@pufa/domain';
import { paths } from '../config/paths.ts';
import { useAuditLog, useDeletedEvents, useRestoreEvent, type DeletedEvent } from '../features/admin/api/admin.ts';
import { UsersTable } from '../features/admin/components/users-table.tsx';
import { AuditSubject } from '../features/admin/components/audit-subject.tsx';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useLookups } from '../features/reference/use-lookups.ts';
import { PageTitle } from '../components/page-title.tsx';
import { ApiRequestError } from '../lib/api-client.ts';

function DeletedEvents() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const deleted = useDeletedEvents();
  const restore = useRestoreEvent();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.restoreHint')}</Typography.Paragraph>
      <Table<DeletedEvent>
        rowKey="id"
        size="small"
        loading={deleted.isPending}
        dataSource={deleted.data ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'date', title: t('list.columns.date'), dataIndex: 'startDate' },
          { key: 'title', title: t('list.columns.title'), dataIndex: 'title' },
          { key: 'deletedAt', title: t('admin.deletedAt'), render: (_, e) => formatMoment(e.deletedAt) },
          {
            key: 'restore',
            title: '',
            render: (_, e) => (
              <Button
                size="small"
                onClick={() =>
                  restore.mutate(e.id, {
                    onSuccess: () => void message.success(t('admin.restored')),
                    onError: (err) => void message.error(err instanceof ApiRequestError ? err.messageIn(i18n.language) : String(err)),
                  })
                }
              >
                {t('admin.restore')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const log = useAuditLog(page);
  const lookups = useLookups(useReference().data);
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      loading={log.isFetching}
      dataSource={log.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize: 50, total: log.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      columns={[
        { key: 'at', title: t('admin.when'), render: (_, a) => formatMoment(a.at) },
        { key: 'who', title: t('admin.who'), render: (_, a) => a.userName ?? t('history.system') },
        { key: 'action', title: t('admin.action'), render: (_, a) => <Tag>{t(`history.${a.action}`)}</Tag> },
        {
          key: 'what',
          title: t('admin.what'),
          render: (_, a) => <AuditSubject entry={a} lookups={lookups} />,
        },
      ]}
    />
  );
}

export function AdminRoute() {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <PageTitle>{t('admin.title')}</PageTitle>
      <Card size="small">
      <Tabs
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersTable /> },
          { key: 'deleted', label: t('admin.deleted'), children: <DeletedEvents /> },
          { key: 'audit', label: t('admin.audit'), children: <AuditLog /> },
        ]}
      />
      </Card>
    </Space>
  );
}
