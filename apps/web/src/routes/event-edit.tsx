import { PageTitle } from '../components/page-title.tsx';
import { useState } from 'react';
import { Alert, App, Button, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { paths } from '../config/paths.ts';
import { useEvent } from '../features/events/api/get-event.ts';
import { useUpdateEvent } from '../features/events/api/save-event.ts';
import { EventForm } from '../features/events/components/event-form.tsx';
import { eventToFormValues } from '../features/events/event-form-values.ts';
import { useReference } from '../features/reference/api/get-reference.ts';
import { ApiRequestError } from '../lib/api-client.ts';
import { LoadError } from './load-error.tsx';
import { EvidencePanel } from '../features/evidence/components/evidence-panel.tsx';

export function EventEditRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const event = useEvent(id);
  const reference = useReference();
  const updateEvent = useUpdateEvent(id);
  const [hasConflict, setConflict] = useState(false);

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
        extraAlert={
          hasConflict && (
            <Alert
              type="error"
              showIcon
              message={t('form.conflict')}
              action={<Button onClick={() => { setConflict(false); void event.refetch(); }}>{t('common.reload')}</Button>}
            />
          )
        }
        onSubmit={async (payload) => {
          try {
            await updateEvent.mutateAsync({ ...payload, version });
          } catch (e) {
            if (e instanceof ApiRequestError && e.status === 409) setConflict(true);
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
