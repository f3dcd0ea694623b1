// The outbox's pages: the list (/outbox), one item with its photos (/outbox/:id),
// and the event form for a queued create or a refused edit (/outbox/:id/edit).
import { useEffect, useMemo } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Image, List, Progress, Space, Spin, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { EVIDENCE_ACCEPT, type EventCreate, type EventPatch } from '@pufa/domain';
import { PageTitle } from '../components/page-title.tsx';
import { paths } from '../config/paths.ts';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { useQuery } from '@tanstack/react-query';
import { eventQueryOptions } from '../features/events/api/get-event.ts';
import { EventForm } from '../features/events/components/event-form.tsx';
import { eventToFormValues } from '../features/events/event-form-values.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { isEnglish } from '../lib/i18n.ts';
import { blockerOf, queuedRow, type OutboxItem } from './outbox-logic.ts';
import { discardOutboxItem, useOutbox } from './outbox-store.ts';
import { editQueuedCreate, editQueuedUpdate, queueFile } from './queue-actions.ts';
import { useSyncState } from './sync.ts';
import { OUTBOX_PATH, outboxItemPath } from './outbox-button.tsx';
import { pendingTagStyle } from './queued-tag.tsx';
import './messages.ts';

export const outboxEditPath = (id: number) => `/outbox/${id}/edit`;

function useDiscard() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  return (item: OutboxItem, after?: () => void) =>
    modal.confirm({
      title: t('offline.discardConfirm'),
      content: t('offline.discardConfirmContent', { title: item.kind === 'file' ? item.file?.name : item.title }),
      okText: t('offline.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        await discardOutboxItem(item.id);
        void message.success(t('offline.discarded'));
        after?.();
      },
    });
}

function Refusal({ item }: { item: OutboxItem }) {
  const { t, i18n } = useTranslation();
  if (!item.refusal) return null;
  const reason = isEnglish(i18n.language) ? item.refusal.messageEn : item.refusal.message;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="outbox-refusal"
      message={t('offline.refusedReason', { reason })}
      description={item.refusal.fields.length ? item.refusal.fields.join('；') : undefined}
    />
  );
}

function itemLabel(item: OutboxItem) {
  return item.kind === 'file' ? `${item.file?.name ?? ''}（${item.title}）` : item.title;
}

export function OutboxRoute() {
  const { t } = useTranslation();
  const { user } = usePermissions();
  const all = useOutbox();
  const items = useMemo(() => all.filter((item) => item.userId === user?.id).sort((a, b) => a.id - b.id), [all, user?.id]);
  const sync = useSyncState();
  const discard = useDiscard();
  const navigate = useNavigate();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="outbox-page">
      <PageTitle style={{ margin: 0 }}>{t('offline.title')}</PageTitle>
      <Typography.Paragraph>{t('offline.intro')}</Typography.Paragraph>
      {sync.running && sync.total > 0 && (
        <Progress percent={Math.round((sync.sent / sync.total) * 100)} format={() => `${sync.sent} / ${sync.total}`} aria-label={t('offline.syncing', { sent: sync.sent, total: sync.total })} />
      )}
      <List<OutboxItem>
        dataSource={items}
        locale={{ emptyText: <Empty description={t('offline.empty')} /> }}
        renderItem={(item) => {
          const blocker = blockerOf(item, items);
          return (
            <List.Item style={{ display: 'block' }} data-testid="outbox-item">
              <Flex justify="space-between" align="start" wrap gap={8}>
                <Space direction="vertical" size={4} style={{ minWidth: 0, flex: 1 }}>
                  <Space wrap size={4}>
                    <Tag>{t(`offline.kinds.${item.kind}`)}</Tag>
                    <Typography.Text>{item.startDate}</Typography.Text>
                    <Link to={outboxItemPath(item.id)}>{itemLabel(item)}</Link>
                    {!item.refusal && <Tag color="warning" style={pendingTagStyle}>{t('offline.queued')}</Tag>}
                  </Space>
                  {blocker && !item.refusal && <Typography.Text type="secondary">{t('offline.waitingFor', { title: itemLabel(blocker) })}</Typography.Text>}
                  <Refusal item={item} />
                </Space>
                <Space wrap>
                  {(item.kind === 'create' || item.kind === 'update') && (
                    <Button icon={<EditOutlined />} onClick={() => void navigate(outboxEditPath(item.id))} aria-label={`${t('offline.edit')} ${itemLabel(item)}`}>
                      {t('offline.edit')}
                    </Button>
                  )}
                  <Button danger icon={<DeleteOutlined />} onClick={() => discard(item)} aria-label={`${t('offline.discard')} ${itemLabel(item)}`}>
                    {t('offline.discard')}
                  </Button>
                </Space>
              </Flex>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}

/** A picked file's preview, released when it leaves the screen. */
function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <Image src={url} alt={alt} width={96} height={96} style={{ objectFit: 'cover' }} />;
}

export function OutboxItemRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { user } = usePermissions();
  const items = useOutbox();
  const discard = useDiscard();
  const item = items.find((i) => i.id === id);
  if (!item) {
    return (
      <Space direction="vertical">
        <PageTitle>{t('offline.title')}</PageTitle>
        <Alert type="info" showIcon message={t('offline.empty')} />
        <Link to={OUTBOX_PATH}>{t('offline.title')}</Link>
      </Space>
    );
  }
  const files = items.filter((i) => i.kind === 'file' && (item.kind === 'create' ? i.localEventId === item.id : i.eventId === item.eventId && item.eventId !== undefined));
  const body = item.kind === 'create' ? (item.body as EventCreate) : undefined;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="outbox-item-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{itemLabel(item)}</PageTitle>
        <Space wrap>
          {(item.kind === 'create' || item.kind === 'update') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(outboxEditPath(item.id))}>
              {t('offline.edit')}
            </Button>
          )}
          <Button danger icon={<DeleteOutlined />} onClick={() => discard(item, () => void navigate(OUTBOX_PATH))}>
            {t('offline.discard')}
          </Button>
        </Space>
      </Flex>
      <Space wrap size={4}>
        <Tag>{t(`offline.kinds.${item.kind}`)}</Tag>
        {!item.refusal && <Tag color="warning" style={pendingTagStyle}>{t('offline.queued')}</Tag>}
      </Space>
      <Refusal item={item} />
      {body && (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'date', label: t('list.columns.date'), children: body.endDate && body.endDate !== body.startDate ? `${body.startDate} ~ ${body.endDate}` : body.startDate },
            { key: 'title', label: t('list.columns.title'), children: body.title },
            { key: 'audience', label: t('list.columns.audience'), children: body.audience ?? 0 },
          ]}
        />
      )}
      {(item.kind === 'create' || item.kind === 'file') && (
        <Card size="small" title={t('offline.files')} data-testid="outbox-files">
          {files.length === 0 && item.kind === 'create' ? (
            <Typography.Text type="secondary">{t('offline.noFiles')}</Typography.Text>
          ) : (
            <Space wrap>
              {(item.kind === 'file' ? [item] : files).map((f) =>
                f.file?.type.startsWith('image/') ? (
                  <span key={f.id} data-testid="outbox-file">
                    <BlobImage blob={f.file.blob} alt={f.file.name} />
                  </span>
                ) : (
                  <Tag key={f.id} data-testid="outbox-file">{f.file?.name}</Tag>
                ),
              )}
            </Space>
          )}
          {item.kind === 'create' && user && (
            <div style={{ marginTop: 12 }} data-testid="outbox-attach">
              <Upload
                multiple
                accept={EVIDENCE_ACCEPT}
                showUploadList={false}
                beforeUpload={(file) => {
                  queueFile(user.id, { localEventId: item.id }, file, { title: item.title, startDate: item.startDate }).catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)));
                  return false;
                }}
              >
                <Button icon={<PlusOutlined />}>{t('offline.attach')}</Button>
              </Upload>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('offline.attachHint')}</Typography.Paragraph>
            </div>
          )}
        </Card>
      )}
      {item.eventId !== undefined && <Link to={paths.event(item.eventId)}>{t('offline.open')}：{item.title}</Link>}
    </Space>
  );
}

export function OutboxEditRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const items = useOutbox();
  const reference = useReference();
  const item = items.find((i) => i.id === id);
  const event = useQuery({ ...eventQueryOptions(item?.eventId ?? 0), enabled: item?.kind === 'update' });
  if (!reference.data || (item?.kind === 'update' && !event.data)) return <Spin />;
  if (!item || (item.kind !== 'create' && item.kind !== 'update')) return <OutboxItemRoute />;
  const initial = item.kind === 'create' ? queuedRow(item, items) : { ...event.data!, ...(item.body as EventPatch) };
  return (
    <>
      <PageTitle>{t('offline.editTitle')}</PageTitle>
      <Refusal item={item} />
      <EventForm
        // Drawn again when the event as it is now arrives (a conflict's cure starts from it).
        key={`${item.id}-${event.data?.version ?? 0}`}
        reference={reference.data}
        initialValues={eventToFormValues(initial)}
        onCancel={() => void navigate(OUTBOX_PATH)}
        onSubmit={async (payload) => {
          if (item.kind === 'create') await editQueuedCreate(item.id, payload);
          // Reapplied on the event as it is now (a conflict's cure): the version just read.
          else await editQueuedUpdate(item.id, { ...payload, version: event.data!.version });
          void message.success(t('offline.queuedSaved'));
          await navigate(OUTBOX_PATH);
        }}
      />
    </>
  );
}
