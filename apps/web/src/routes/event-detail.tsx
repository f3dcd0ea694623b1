import { PageTitle } from '../components/page-title.tsx';
import { App, Button, Card, Descriptions, Flex, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatMoment, leafletTotal } from '@pufa/domain';
import { paths } from '../config/paths.ts';
import { useEvent } from '../features/events/api/get-event.ts';
import { useDeleteEvent } from '../features/events/api/save-event.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useCatalogName, useLookups } from '../features/reference/use-lookups.ts';
import { isEnglish } from '../lib/i18n.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { useEventLock } from '../features/events/use-event-lock.ts';
import { submissionKeys } from '../features/submissions/api/submissions.ts';
import { LoadError } from './load-error.tsx';
import { EventHistory } from '../features/events/components/event-history.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { EventPlanLinks } from '../features/plans/components/event-plan-links.tsx';
import { EvidencePanel } from '../features/evidence/components/evidence-panel.tsx';
import { queueDelete, sendOrQueue } from '../offline/queue-actions.ts';

export function EventDetailRoute() {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const event = useEvent(id);
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const nameOf = useCatalogName();
  const deleteEvent = useDeleteEvent();
  const { canEdit, user } = usePermissions();
  const queryClient = useQueryClient();
  const lock = useEventLock(event.data);

  const error = event.error ?? reference.error;
  if (error) return <LoadError error={error} onRetry={() => void event.refetch()} />;
  if (!event.data || !reference.data) return <Spin />;
  const e = event.data;
  const names = <T extends { name: string; nameEn: string }>(ids: readonly (number | string)[], lookup: (id: never) => T | undefined) =>
    ids.length ? ids.map((id) => <Tag key={String(id)}>{nameOf(lookup(id as never))}</Tag>) : t('common.none');
  const byId = <T extends { id: number }>(rows: readonly T[]) => (id: number) => rows.find((r) => r.id === id);

  const confirmDelete = () =>
    modal.confirm({
      title: t('detail.confirmDelete'),
      content: t('detail.confirmDeleteContent', { date: e.startDate, title: e.title }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const result = await sendOrQueue(() => deleteEvent.mutateAsync(e.id), () => queueDelete(user!.id, e.id, e));
          if ('queued' in result) {
            void message.success(t('offline.queuedDeleted'));
            await navigate(paths.events);
            return;
          }
        } catch (error) {
          // Refused (a period submitted meanwhile, the event changed or gone): say why, close the
          // dialog, and show the event as it now is (a lock badge where the period was submitted).
          void message.error(error instanceof ApiRequestError ? error.messageIn(i18n.language) : t('common.failed'));
          void queryClient.invalidateQueries({ queryKey: submissionKeys.all });
          void event.refetch();
          return;
        }
        void message.success(t('form.deleted'));
        await navigate(paths.events);
      },
    });
  const lockReason = lock && (english ? lock.en : lock.zh);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle style={{ margin: 0 }}>{e.title}</PageTitle>
        {canEdit(e.townshipId) &&
          (lockReason ? (
            // Locked by a submitted period: the actions stay in view, disabled, with the reason beside them.
            <Space wrap>
              <Tooltip title={lockReason}>
                <Button type="primary" icon={<EditOutlined />} disabled aria-describedby="event-lock-reason">{t('common.edit')}</Button>
              </Tooltip>
              <Tooltip title={lockReason}>
                <Button danger icon={<DeleteOutlined />} disabled aria-describedby="event-lock-reason">{t('common.delete')}</Button>
              </Tooltip>
            </Space>
          ) : (
            <Space>
              <Link to={paths.editEvent(e.id)}><Button type="primary" icon={<EditOutlined />}>{t('common.edit')}</Button></Link>
              <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>{t('common.delete')}</Button>
            </Space>
          ))}
      </Flex>
      {lockReason && (
        <Flex gap={8} align="center" wrap data-testid="event-lock">
          <Tag icon={<LockOutlined />} color="orange">{t('detail.locked')}</Tag>
          <Typography.Text id="event-lock-reason" type="secondary">{lockReason}</Typography.Text>
        </Flex>
      )}
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('detail.period')}>{e.endDate && e.endDate !== e.startDate ? `${e.startDate} ~ ${e.endDate}` : e.startDate}</Descriptions.Item>
          <Descriptions.Item label={t('form.township')}>{nameOf(lookups.orgUnitById.get(e.townshipId))}</Descriptions.Item>
          <Descriptions.Item label={t('form.campaign')}>{e.campaignId ? nameOf(lookups.campaignById.get(e.campaignId)) : t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('form.location')}>{e.location || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('form.villages')} span={2}>{names(e.villageIds, (id: number) => lookups.orgUnitById.get(id))}</Descriptions.Item>
          <Descriptions.Item label={t('form.sixInto')}>{names(e.sixInto, (code: string) => lookups.sixIntoByCode.get(code))}</Descriptions.Item>
          <Descriptions.Item label={t('form.targetGroups')}>{names(e.targetGroupIds, byId(reference.data.targetGroups))}</Descriptions.Item>
          <Descriptions.Item label={t('form.forms')}>{names(e.formIds, byId(reference.data.forms))}</Descriptions.Item>
          <Descriptions.Item label={t('form.laws')}>{names(e.lawIds, byId(reference.data.laws))}</Descriptions.Item>
          <Descriptions.Item label={t('form.departments')} span={2}>{names(e.departmentIds, byId(reference.data.departments))}</Descriptions.Item>
          <Descriptions.Item label={t('form.audience')}>{e.audience}</Descriptions.Item>
          <Descriptions.Item label={t('form.consultations')}>{e.consultations}</Descriptions.Item>
          <Descriptions.Item label={t('form.materials')} span={2}>
            {e.materials.length === 0
              ? t('common.none')
              : e.materials.map((m) => {
                  const type = lookups.materialTypeById.get(m.materialTypeId);
                  return <Tag key={m.materialTypeId}>{nameOf(type)} {m.quantity} {type ? (english ? type.unitEn : type.unit) : ''}</Tag>;
                })}
            <div style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{t('detail.leaflets')}: {leafletTotal(e.materials, lookups.materialTypeById)} {t('common.unit.copies')}</Typography.Text>
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('form.notes')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{e.notes || t('common.none')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.createdAt')}>{formatMoment(e.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.updatedAt')}>{formatMoment(e.updatedAt)} ({t('detail.version')} {e.version})</Descriptions.Item>
        </Descriptions>
      </Card>
      <EvidencePanel event={e} editable={canEdit(e.townshipId)} />
      <Card size="small" title={t('plans.forEvent')}>
        <EventPlanLinks event={e} editable={canEdit(e.townshipId)} />
      </Card>
      <Card size="small" title={t('history.title')}>
        <EventHistory eventId={e.id} />
      </Card>
    </Space>
  );
}
