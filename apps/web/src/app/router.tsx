import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { paths } from '../config/paths.ts';
import { AppLayout } from './layout.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { RequireAuth } from '../features/auth/components/require-auth.tsx';
import { LoginRoute } from '../routes/login.tsx';
import { EventDetailRoute } from '../routes/event-detail.tsx';
import { EventEditRoute } from '../routes/event-edit.tsx';
import { EventNewRoute } from '../routes/event-new.tsx';
import { EventsListRoute } from '../routes/events-list.tsx';
import { NotFoundRoute } from '../routes/not-found.tsx';

// The ledger (what a clerk opens all day) is in the first download; other pages load when first
// opened, the dashboard with ECharts among them.
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
      { path: paths.newEvent, element: <EventNewRoute /> },
      { path: '/events/:id', element: <EventDetailRoute /> },
      { path: '/events/:id/edit', element: <EventEditRoute /> },
      { path: paths.exports, lazy: load(async () => (await import('../routes/exports.tsx')).ExportsRoute) },
      { path: paths.imports, lazy: load(async () => (await import('../routes/imports.tsx')).ImportsRoute) },
      { path: paths.reportPrint, lazy: load(async () => (await import('../routes/report-print.tsx')).ReportPrintRoute) },
      { path: paths.plans, lazy: load(async () => (await import('../routes/plans.tsx')).PlansRoute) },
      { path: paths.calendar, lazy: load(async () => (await import('../routes/calendar.tsx')).CalendarRoute) },
      { path: paths.settings, lazy: load(async () => (await import('../routes/settings.tsx')).SettingsRoute) },
      { path: paths.admin, lazy: load(async () => (await import('../routes/admin.tsx')).AdminRoute) },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

/** Leaders start on the dashboard; clerks and admins on the ledger they fill in. */
function HomeRedirect() {
  const { user } = usePermissions();
  return <Navigate to={user?.role === 'leader' ? paths.dashboard : paths.events} replace />;
}

export function AppRouter() {
  return <RouterProvider router={router} />;
}
