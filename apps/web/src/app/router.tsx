import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { paths } from '../config/paths.ts';
import { AppLayout } from './layout.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { RequireAuth } from '../features/auth/components/require-auth.tsx';
import { RequirePermission } from '../features/auth/components/require-permission.tsx';
import { LoginRoute } from '../routes/login.tsx';
import { EventsListRoute } from '../routes/events-list.tsx';
import { NotFoundRoute } from '../routes/not-found.tsx';

// The ledger (what a clerk opens all day) is in the first download; other pages load when first
// opened: the dashboard with ECharts, and the event form with the validation schemas (zod).
const load = (component: () => Promise<React.ComponentType>) => async () => ({ Component: await component() });

const router = createBrowserRouter([
  { path: paths.login, element: <LoginRoute /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { path: paths.home, element: <HomeRedirect /> },
      { path: paths.dashboard, lazy: load(async () => (await import('../routes/dashboard.tsx')).default) },
      { path: paths.events, element: <EventsListRoute /> },
      { path: paths.newEvent, element: <ForEditors />, children: [{ index: true, lazy: load(async () => (await import('../routes/event-new.tsx')).EventNewRoute) }] },
      { path: '/events/:id', lazy: load(async () => (await import('../routes/event-detail.tsx')).EventDetailRoute) },
      { path: '/events/:id/edit', element: <ForEditors />, children: [{ index: true, lazy: load(async () => (await import('../routes/event-edit.tsx')).EventEditRoute) }] },
      { path: paths.exports, lazy: load(async () => (await import('../routes/exports.tsx')).ExportsRoute) },
      { path: paths.imports, element: <ForEditors />, children: [{ index: true, lazy: load(async () => (await import('../routes/imports.tsx')).ImportsRoute) }] },
      { path: paths.reportPrint, lazy: load(async () => (await import('../routes/report-print.tsx')).ReportPrintRoute) },
      { path: paths.submissions, lazy: load(async () => (await import('../routes/submissions.tsx')).SubmissionsRoute) },
      { path: paths.evidencePrint, lazy: load(async () => (await import('../routes/evidence-print.tsx')).EvidencePrintRoute) },
      { path: paths.plans, lazy: load(async () => (await import('../routes/plans.tsx')).PlansRoute) },
      { path: paths.calendar, lazy: load(async () => (await import('../routes/calendar.tsx')).CalendarRoute) },
      { path: paths.settings, element: <ForAdmins />, children: [{ index: true, lazy: load(async () => (await import('../routes/settings.tsx')).SettingsRoute) }] },
      { path: paths.admin, element: <ForAdmins />, children: [{ index: true, lazy: load(async () => (await import('../routes/admin.tsx')).AdminRoute) }] },
      // The outbox (offline/): what waits on the device to be sent.
      { path: '/outbox', lazy: load(async () => (await import('../offline/outbox-routes.tsx')).OutboxRoute) },
      { path: '/outbox/:id', lazy: load(async () => (await import('../offline/outbox-routes.tsx')).OutboxItemRoute) },
      { path: '/outbox/:id/edit', element: <ForEditors />, children: [{ index: true, lazy: load(async () => (await import('../offline/outbox-routes.tsx')).OutboxEditRoute) }] },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

/** Pages that log or change events: clerks and administrators. */
function ForEditors() {
  return <RequirePermission allowed={usePermissions().canEdit()}><Outlet /></RequirePermission>;
}

function ForAdmins() {
  return <RequirePermission allowed={usePermissions().isAdmin}><Outlet /></RequirePermission>;
}

/** Leaders start on the dashboard; clerks and admins on the ledger they fill in. */
function HomeRedirect() {
  const { user } = usePermissions();
  return <Navigate to={user?.role === 'leader' ? paths.dashboard : paths.events} replace />;
}

export function AppRouter() {
  return <RouterProvider router={router} />;
}
