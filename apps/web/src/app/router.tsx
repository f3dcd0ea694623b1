import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { paths } from '../config/paths.ts';
import { LoginRoute } from '../routes/login.tsx';
import { useMe } from '../features/auth/api/session.ts';

// The first download is the login page and what every page shares (React, the router, Ant Design's
// form controls): a new visit on a slow phone network shows the form at once. The app frame, the
// ledger and every other page load when first opened (or from the service worker's cache), in
// parallel: React Router calls the `lazy` of every matched route at once. The dashboard brings
// ECharts, the event form the validation schemas (zod).
const load = (component: () => Promise<React.ComponentType>) => async () => ({ Component: await component() });
const signedIn = () => import('./signed-in.tsx');
// The frame is a React.lazy element, not a lazy route: a route-level `lazy` on this parent kept
// the router initialising while the frame already drew, and <Navigate> from / to the ledger was
// then lost about one time in four (measured); pages below stay lazy routes as before.
const SignedInFrame = lazy(async () => ({ default: (await signedIn()).SignedInFrame }));
// Any page but the login page needs the frame: start fetching it while React starts.
if (![paths.login, paths.screen].some((path) => window.location.pathname.startsWith(path))) void signedIn();
const forEditors = load(async () => (await signedIn()).ForEditors);
const forAdmins = load(async () => (await signedIn()).ForAdmins);

const router = createBrowserRouter([
  { path: paths.login, element: <LoginRoute /> },
  // The big screen: full-window and dark, outside the app frame (no menu, no Ant Design), with its own sign-in check.
  { path: paths.screen, lazy: load(async () => (await import('../routes/screen.tsx')).ScreenRoute) },
  {
    // While the frame's chunk loads on a first visit: a blank page, as before any script ran.
    element: <Suspense fallback={null}><SignedInFrame /></Suspense>,
    hydrateFallbackElement: null,
    children: [
      { path: paths.home, element: <HomeRedirect /> },
      { path: paths.dashboard, lazy: load(async () => (await import('../routes/dashboard.tsx')).default) },
      { path: paths.events, lazy: load(async () => (await import('../routes/events-list.tsx')).EventsListRoute) },
      { path: paths.newEvent, lazy: forEditors, children: [{ index: true, lazy: load(async () => (await import('../routes/event-new.tsx')).EventNewRoute) }] },
      { path: '/events/:id', lazy: load(async () => (await import('../routes/event-detail.tsx')).EventDetailRoute) },
      { path: '/events/:id/edit', lazy: forEditors, children: [{ index: true, lazy: load(async () => (await import('../routes/event-edit.tsx')).EventEditRoute) }] },
      { path: paths.exports, lazy: load(async () => (await import('../routes/exports.tsx')).ExportsRoute) },
      { path: paths.imports, lazy: forEditors, children: [{ index: true, lazy: load(async () => (await import('../routes/imports.tsx')).ImportsRoute) }] },
      { path: paths.reportPrint, lazy: load(async () => (await import('../routes/report-print.tsx')).ReportPrintRoute) },
      { path: paths.submissions, lazy: load(async () => (await import('../routes/submissions.tsx')).SubmissionsRoute) },
      { path: paths.evidencePrint, lazy: load(async () => (await import('../routes/evidence-print.tsx')).EvidencePrintRoute) },
      { path: paths.plans, lazy: load(async () => (await import('../routes/plans.tsx')).PlansRoute) },
      { path: paths.calendar, lazy: load(async () => (await import('../routes/calendar.tsx')).CalendarRoute) },
      { path: paths.settings, lazy: forAdmins, children: [{ index: true, lazy: load(async () => (await import('../routes/settings.tsx')).SettingsRoute) }] },
      { path: paths.admin, lazy: forAdmins, children: [{ index: true, lazy: load(async () => (await import('../routes/admin.tsx')).AdminRoute) }] },
      // The outbox (offline/): what waits on the device to be sent.
      { path: '/outbox', lazy: load(async () => (await import('../offline/outbox-routes.tsx')).OutboxRoute) },
      { path: '/outbox/:id', lazy: load(async () => (await import('../offline/outbox-routes.tsx')).OutboxItemRoute) },
      { path: '/outbox/:id/edit', lazy: forEditors, children: [{ index: true, lazy: load(async () => (await import('../offline/outbox-routes.tsx')).OutboxEditRoute) }] },
      { path: '*', lazy: load(async () => (await import('../routes/not-found.tsx')).NotFoundRoute) },
    ],
  },
]);

/** Leaders start on the dashboard; clerks and admins on the ledger they fill in. */
function HomeRedirect() {
  const { data: user } = useMe();
  return <Navigate to={user?.role === 'leader' ? paths.dashboard : paths.events} replace />;
}

export function AppRouter() {
  // Ask for the session at once, alongside the chunks of the signed-in pages (not after the frame).
  useMe();
  return <RouterProvider router={router} />;
}
