// Mounted once beside the router (app/provider.tsx): starts the outbox's triggers, keeps
// the device's ledger fresh, refreshes the screens after a sync, and asks for
// the password when the server answers 401 while syncing.
import { useEffect, useState } from 'react';
import { App, Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@pufa/domain';
import { apiFetch, ApiRequestError } from '../lib/api-client.ts';
import { meQueryOptions, useLogout } from '../features/auth/api/session.ts';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { clearDeviceData, refreshLedger, setRefreshScreens, signedInAs } from './device-data.ts';
import { listOutbox } from './outbox-store.ts';
import { setOnSynced, setSyncUser, signedInAgain, startOutboxTriggers, useSyncState } from './sync.ts';
import './messages.ts';

const LEDGER_REFRESH_MS = 10 * 60_000;

export function OfflineRuntime() {
  const { user } = usePermissions();
  const queryClient = useQueryClient();
  const userId = user?.id ?? null;

  // The server's answers of a repeat visit are in: the screens take them (device-data.ts).
  useEffect(() => {
    setRefreshScreens(() => void queryClient.invalidateQueries());
    return () => setRefreshScreens(null);
  }, [queryClient]);

  useEffect(() => {
    if (!user) return;
    void signedInAs(user);
    setSyncUser(() => user.id);
    setOnSynced(() => {
      void queryClient.invalidateQueries();
      void refreshLedger(user);
    });
    startOutboxTriggers();
    void refreshLedger(user);
    // Signed in (again, maybe on the login page after a 401): the outbox goes on.
    signedInAgain();
    const timer = setInterval(() => void refreshLedger(user), LEDGER_REFRESH_MS);
    return () => clearInterval(timer);
    // One user, one runtime: re-run only when who is signed in changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);

  return <SignInAgainDialog />;
}

/** The outbox met a 401: sign in again here (the page and the outbox stay), then it goes on. */
function SignInAgainDialog() {
  const { t, i18n } = useTranslation();
  const sync = useSyncState();
  const queryClient = useQueryClient();
  const { user } = usePermissions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const username = user?.username ?? '';
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    // On the login page (a 401 elsewhere signed the app out) that page asks instead.
    <Modal open={sync.needsSignIn && !!user} title={t('offline.signInTitle')} closable={false} maskClosable={false} keyboard={false} footer={null} destroyOnHidden>
      <p>{t('offline.signInText')}</p>
      <Form
        layout="vertical"
        initialValues={{ username }}
        onFinish={async (values: { username: string; password: string }) => {
          setBusy(true);
          setError(null);
          try {
            const me = await apiFetch<SessionUser>('/auth/login', { method: 'POST', body: values });
            queryClient.setQueryData(meQueryOptions().queryKey, me);
            signedInAgain();
          } catch (e) {
            setError(e instanceof ApiRequestError ? e.messageIn(i18n.language) : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
          <Input autoComplete="username" readOnly={!!username} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus data-testid="sign-in-again-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sign-in-again">
            {t('offline.signIn')}
          </Button>
          {/* Somebody else holds the phone now: signing out asks first, since records still wait. */}
          <Button onClick={() => void signOut(() => void navigate(paths.login, { replace: true }))}>{t('login.logout')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** Sign-out asks first when records are still on the device, then clears everything kept on it. */
export function useSignOut() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const logout = useLogout();
  const { user } = usePermissions();
  return async (after: () => void) => {
    const waiting = (await listOutbox()).filter((item) => item.userId === user?.id).length;
    const signOut = () =>
      new Promise<void>((resolve) =>
        logout.mutate(undefined, {
          onSettled: () => {
            void clearDeviceData().then(() => {
              after();
              resolve();
            });
          },
        }),
      );
    if (!waiting) return signOut();
    modal.confirm({
      title: t('offline.logoutConfirm'),
      content: t('offline.logoutQueued', { count: waiting }),
      okText: t('offline.logout'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: signOut,
    });
  };
}
