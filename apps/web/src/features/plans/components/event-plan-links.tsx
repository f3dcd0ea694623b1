// On an event's page: the plan items it fulfils, and the ones it may fulfil
// (suggested by campaign and date) for the clerk to confirm.
import { App, Button, List, Space, Typography } from 'antd';
import { LinkOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Event, PlanItem } from '@pufa/domain';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useLinkPlanItem, usePlan, usePlanSuggestions, useUnlinkPlanItem } from '../api/plans.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';

export function EventPlanLinks({ event, editable }: { event: Event; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const plan = usePlan(event.townshipId, Number(event.startDate.slice(0, 4)));
  const suggestions = usePlanSuggestions(event.id);
  const link = useLinkPlanItem();
  const unlink = useUnlinkPlanItem();
  const linked = (plan.data ?? []).filter((item) => item.eventIds.includes(event.id));
  // The two queries refresh one after the other after a link: an item shows once, in the list that knows it is linked.
  const linkedIds = new Set(linked.map((item) => item.id));
  const suggested = (suggestions.data ?? []).filter((item) => !item.eventIds.includes(event.id) && !linkedIds.has(item.id));
  const onError = (e: unknown) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));
  const row = (item: PlanItem, action: React.ReactNode) => (
    <List.Item actions={editable ? [action] : []}>
      <Space wrap size={4}>
        <PlanStatusTag status={item.status} />
        <Typography.Text>{item.title}</Typography.Text>
        <Typography.Text type="secondary">{item.targetDate ?? t('plans.month', { month: item.targetMonth })}</Typography.Text>
      </Space>
    </List.Item>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="event-plan-links">
      {linked.length > 0 && (
        <List size="small" header={<Typography.Text strong>{t('plans.linked')}</Typography.Text>} dataSource={linked} renderItem={(item) =>
          row(item, <Button size="small" icon={<DisconnectOutlined />} loading={unlink.isPending} onClick={() => unlink.mutate({ planItemId: item.id, eventId: event.id }, { onError })}>{t('plans.unlink')}</Button>)
        } />
      )}
      {suggested.length > 0 ? (
        <List size="small" header={<><Typography.Text strong>{t('plans.suggested')}</Typography.Text>{editable && <Typography.Text type="secondary"> · {t('plans.linkHint')}</Typography.Text>}</>} dataSource={suggested} renderItem={(item) =>
          row(item, <Button size="small" type="primary" icon={<LinkOutlined />} loading={link.isPending} onClick={() => link.mutate({ planItemId: item.id, eventId: event.id }, { onError })}>{t('plans.link')}</Button>)
        } />
      ) : (
        linked.length === 0 && <Typography.Text type="secondary">{t('plans.noSuggestion')}</Typography.Text>
      )}
    </Space>
  );
}
