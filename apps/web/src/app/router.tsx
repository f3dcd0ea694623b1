import { lazy, Suspense } from 'react';
import { Spin } from 'antd';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { paths } from '../config/paths.ts';
import { AppLayout } from './layout.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { RequireAuth } from '../features/auth/components/require-auth.tsx';
import { AdminRoute } from '../routes/admin.tsx';
import { LoginRoute } from '../routes/login.tsx';
import { EventDetailRoute } from '../routes/event-detail.tsx';
import { EventEditRoute } from '../routes/event-edit.tsx';
import { EventNewRoute } from '../routes/event-new.tsx';
import { EventsListRoute } from '../routes/events-list.tsx';
import { NotFoundRoute } from '../routes/not-found.tsx';
import { SettingsRoute } from '../routes/settings.tsx';
import { PlansRoute } from '../routes/plans.tsx';
import { ExportsRoute } from '../routes/exports.tsx';
import { ReportPrintRoute } from '../routes/report-print.tsx';
import { CalendarRoute } from '../routes/calendar.tsx';

// The dashboard brings ECharts: loaded only when it is opened.
const DashboardRoute = lazy(() => import('../routes/dashboard.tsx'));

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
      { path: paths.dashboard, element: <Suspense fallback={<Spin />}><DashboardRoute /></Suspense> },
      { path: paths.events, element: <EventsListRoute /> },
      { path: paths.newEvent, element: <EventNewRoute /> },
      { path: '/events/:id', element: <EventDetailRoute /> },
      { path: '/events/:id/edit', element: <EventEditRoute /> },
      { path: paths.exports, element: <ExportsRoute /> },
      { path: paths.reportPrint, element: <ReportPrintRoute /> },
      { path: paths.plans, element: <PlansRoute /> },
      { path: paths.calendar, element: <CalendarRoute /> },
      { path: paths.settings, element: <SettingsRoute /> },
      { path: paths.admin, element: <AdminRoute /> },
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
