// Everything behind sign-in that the router needs, in a chunk of its own: the login page (the
// first screen of a new visit) loads without the app frame, its menu and the guards' pages.
import { Outlet } from 'react-router';
import { AntdProvider } from './antd-provider.tsx';
import { AppLayout } from './layout.tsx';
import { OfflineRuntime } from '../offline/offline-runtime.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { RequireAuth } from '../features/auth/components/require-auth.tsx';
import { RequirePermission } from '../features/auth/components/require-permission.tsx';

/** The app frame (header, menu) around every page behind sign-in. */
export function SignedInFrame() {
  return (
    <AntdProvider>
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
      {/* The outbox's sender and its sign-in dialog, outside RequireAuth so a 401 never unmounts
          them mid-sync; started again by the next sign-in when the frame comes back. */}
      <OfflineRuntime />
    </AntdProvider>
  );
}

/** Pages that log or change events: clerks and administrators. */
export function ForEditors() {
  return <RequirePermission allowed={usePermissions().canEdit()}><Outlet /></RequirePermission>;
}

export function ForAdmins() {
  return <RequirePermission allowed={usePermissions().isAdmin}><Outlet /></RequirePermission>;
}
