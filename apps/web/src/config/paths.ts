// Every URL of the app in one place.
export const paths = {
  home: '/',
  dashboard: '/dashboard',
  events: '/events',
  newEvent: '/events/new',
  event: (id: number | string) => `/events/${id}`,
  editEvent: (id: number | string) => `/events/${id}/edit`,
  exports: '/exports',
  imports: '/imports',
  reportPrint: '/reports/print',
  evidencePrint: '/reports/evidence',
  plans: '/plans',
  calendar: '/calendar',
  settings: '/settings',
  admin: '/admin',
  login: '/login',
  apiDocs: '/api/docs',
} as const;
