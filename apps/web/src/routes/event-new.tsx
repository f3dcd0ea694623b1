import { PageTitle } from '../components/page-title.tsx';
import { App, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths.ts';
import { useCreateEvent } from '../features/events/api/save-event.ts';
import { EventForm } from '../features/events/components/event-form.tsx';
import { emptyFormValues } from '../features/events/event-form-values.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { useLookups } from '../features/reference/use-lookups.ts';
import { useUnlinkPlanItem } from '../features/plans/api/plans.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { LoadError } from './load-error.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { queueCreate, sendOrQueue } from '../offline/queue-actions.ts';
import { outboxItemPath } from '../offline/outbox-button.tsx';

export function EventNewRoute() {
  const { t, i18n } = useTranslation();
  const { message, notification } = App.useApp();
  const unlink = useUnlinkPlanItem();
  const navigate = useNavigate();
  const reference = useReference();
  const lookups = useLookups(reference.data);
  const createEvent = useCreateEvent();
  const { user } = usePermissions();
  if (reference.error) return <LoadError error={reference.error} onRetry={() => void reference.refetch()} />;
  if (!reference.data) return <Spin />;
  // An office usually has one township: preselect it.
  const onlyTownship = lookups.townships.length === 1 ? lookups.townships[0]?.id : undefined;
  return (
    <>
      <PageTitle>{t('form.newTitle')}</PageTitle>
      <EventForm
        reference={reference.data}
        initialValues={emptyFormValues(onlyTownship)}
        allowSaveAndNew
        onSubmit={async (payload, { andNew }) => {
          // No network (or the server away): kept on the device with this save's key, sent later.
          const result = await sendOrQueue(
            () => createEvent.mutateAsync(payload),
            () => queueCreate(user!.id, payload, createEvent.keyFor(payload)),
          );
          if ('queued' in result) {
            createEvent.queued();
            void message.success(t('offline.queuedSaved'));
            if (!andNew) await navigate(outboxItemPath(result.queued));
            return;
          }
          const event = result.sent;
          void message.success(t('form.created', { title: event.title }));
          const item = event.linkedPlanItem;
          if (item) {
            // Linked on save (exactly one plan item matched): say which, and offer to undo it.
            const key = `linked-${event.id}`;
            notification.success({
              key,
              title: t('plans.autoLinked', { title: item.title }),
              duration: 10,
              // Below, so it never covers the event page's title and its 编辑/删除 buttons.
              placement: 'bottomRight',
              actions: (
                <Button
                  size="small"
                  onClick={() =>
                    // mutateAsync: this page is gone by then (the event page is open), and a plain
                    // mutate's callbacks do not run for an unmounted component.
                    unlink.mutateAsync({ planItemId: item.id, eventId: event.id }).then(
                      () => {
                        notification.destroy(key);
                        void message.info(t('plans.autoLinkUndone'));
                      },
                      (e: unknown) => void message.error(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e)),
                    )
                  }
                >
                  {t('plans.undoLink')}
                </Button>
              ),
            });
          }
          if (!andNew) await navigate(paths.event(event.id));
        }}
      />
    </>
  );
}
