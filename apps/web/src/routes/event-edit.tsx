import { PageTitle } from '../components/page-title.tsx';
import { Alert, App, Button, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { paths } from '../config/paths.ts';
import { useEvent } from '../features/events/api/get-event.ts';
import { useUpdateEvent } from '../features/events/api/save-event.ts';
import { EventForm } from '../features/events/components/event-form.tsx';
import { eventToFormValues } from '../features/events/event-form-values.ts';
import { useEventLock } from '../features/events/use-event-lock.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { submissionKeys } from '../features/submissions/api/submissions.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { isEnglish } from '../lib/i18n.ts';
import { LoadError } from './load-error.tsx';
import { EvidencePanel } from '../features/evidence/components/evidence-panel.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { hasQueued, queueUpdate, sendOrQueue } from '../offline/queue-actions.ts';
import { OUTBOX_PATH } from '../offline/outbox-button.tsx';

/** Someone saved the event first (the API's version conflict, not a period lock). */
const isVersionConflict = (e: unknown) => e instanceof ApiRequestError && e.status === 409 && 'currentVersion' in e.body;

export function EventEditRoute() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const event = useEvent(id);
  const reference = useReference();
  const updateEvent = useUpdateEvent(id);
  const lock = useEventLock(event.data);
  const { user } = usePermissions();

  const error = event.error ?? reference.error;
  if (error) return <LoadError error={error} onRetry={() => void event.refetch()} />;
  if (!event.data || !reference.data) return <Spin />;
  const { version } = event.data;
  return (
    <>
      <PageTitle>{t('form.editTitle')}</PageTitle>
      <EventForm
        key={`${id}-${version}`}
        reference={reference.data}
        initialValues={eventToFormValues(event.data)}
        eventId={id}
        onCancel={() => void navigate(paths.event(id))}
        // A submitted period: say so before anything is typed, not at the save.
        disabled={lock !== null}
        extraAlert={lock && <Alert type="warning" showIcon data-testid="event-lock" message={t('detail.locked')} description={isEnglish(i18n.language) ? lock.en : lock.zh} />}
        errorAction={(e) => isVersionConflict(e) && <Button onClick={() => void event.refetch()}>{t('common.reload')}</Button>}
        onSubmit={async (payload) => {
          const patch = { ...payload, version };
          const queue = () => queueUpdate(user!.id, id, patch, event.data!);
          try {
            // Earlier changes of this event still wait on the device: this one goes behind them.
            const result = (await hasQueued(id)) ? { queued: await queue() } : await sendOrQueue(() => updateEvent.mutateAsync(patch), queue);
            if ('queued' in result) {
              void message.success(t('offline.queuedSaved'));
              await navigate(OUTBOX_PATH);
              return;
            }
          } catch (e) {
            // A period submitted meanwhile: the lock shows at once.
            if (e instanceof ApiRequestError && e.status === 409) void queryClient.invalidateQueries({ queryKey: submissionKeys.all });
            throw e;
          }
          void message.success(t('form.updated'));
          await navigate(paths.event(id));
        }}
      />
      <div style={{ marginTop: 16 }}>
        <EvidencePanel event={event.data} editable />
      </div>
    </>
  );
}
