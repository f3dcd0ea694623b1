import type { Messages } from './zh-CN.ts';

export const en: Messages = {
  app: { title: 'Legal-publicity ledger', subtitle: 'Log and count legal-publicity activities', apiDocs: 'API docs', language: '中文' },
  nav: { events: 'Ledger', newEvent: 'Log an event', settings: 'Campaigns & townships', admin: 'Users & log' },
  roles: { clerk: 'Clerk', leader: 'Leader', admin: 'Administrator' },
  login: {
    subtitle: 'Sign in with the account your office gave you', username: 'Username', password: 'Password', submit: 'Sign in', logout: 'Sign out',
    usernameRequired: 'Enter your username', passwordRequired: 'Enter your password',
  },
  common: {
    save: 'Save', saving: 'Saving…', cancel: 'Cancel', edit: 'Edit', delete: 'Delete', back: 'Back', reset: 'Reset',
    loading: 'Loading…', retry: 'Retry', reload: 'Reload', none: 'None', yes: 'Yes', no: 'No', all: 'All', unit: {
      times: '', copies: 'copies', personTimes: 'person-times', villages: '',
    },
    loadFailed: 'Could not load', notFound: 'This record was not found; it may have been deleted.',
  },
  totals: {
    activities: 'Activities', leaflets: 'Leaflets handed out', audience: 'Audience', consultations: 'Consultations', villagesReached: 'Villages reached',
    ofFiltered: 'Totals of the filtered events', summary: '{{activities}} activities, {{leaflets}} leaflets handed out, {{audience}} person-times reached',
  },
  filters: {
    dateRange: 'Dates', startPlaceholder: 'From', endPlaceholder: 'To', campaign: 'Campaign', village: 'Village',
    search: 'Search title, place, notes', clear: 'Clear filters', thisYear: 'This year', lastYear: 'Last year', thisMonth: 'This month',
  },
  list: {
    title: 'Event ledger', empty: 'No events match', newEvent: 'Log an event', totalRows: '{{total}} events',
    columns: { date: 'Date', title: 'Title', campaign: 'Campaign', villages: 'Villages', audience: 'Audience', leaflets: 'Leaflets', actions: 'Actions' },
  },
  form: {
    newTitle: 'Log a legal-publicity event', editTitle: 'Edit event',
    sections: { when: 'When and what', where: 'Where and who', content: 'Content and form', counts: 'People and materials' },
    startDate: 'Start date', endDate: 'End date', endDateHelp: 'Only for multi-day events; counted in the month of the start date',
    township: 'Township', title: 'Title', titlePlaceholder: 'e.g. Constitution Day (12.4) publicity',
    campaign: 'Campaign', campaignPlaceholder: 'Choose a campaign (optional)', suggested: 'Suggested for this date:', useSuggestion: 'Use',
    location: 'Location', locationPlaceholder: 'e.g. town square, village committee',
    villages: 'Villages reached', allVillages: 'All villages', sixInto: 'Law into the six places', forms: 'Forms', laws: 'Laws publicised',
    departments: 'Departments', targetGroups: 'Target groups', audience: 'Audience (person-times)', consultations: 'Consultations (person-times)',
    materials: 'Materials handed out', materialType: 'Material type', quantity: 'Quantity', addMaterial: 'Add material', removeLine: 'Remove this line',
    leafletTotal: 'Counted as leaflets: {{count}} copies', notes: 'Notes',
    submit: 'Save', submitAndNew: 'Save and log another', shortcut: 'Ctrl+Enter saves',
    created: 'Saved: {{title}}', updated: 'Updated', deleted: 'Deleted',
    duplicate: 'An event with this title is already logged on this day. Make sure this is not a duplicate:',
    conflict: 'Someone else changed this record. Reload it before editing (your changes are not saved yet).',
    fixErrors: 'Please correct the fields marked in red', unsaved: 'You have unsaved changes. Leave anyway?', leave: 'Leave', stay: 'Stay',
    select: 'Select', pickAtLeastOne: '',
  },
  detail: {
    title: 'Event', confirmDelete: 'Delete this event?', confirmDeleteText: 'It will no longer appear in the ledger or the totals.',
    createdAt: 'Logged', updatedAt: 'Last changed', version: 'Version', period: 'Date', leaflets: 'Of which counted as leaflets',
  },
  settings: {
    title: 'Campaigns, departments and townships', calendar: 'Campaign calendar', departments: 'Departments', year: 'Year', datesIn: 'Dates in {{year}}',
    setForYear: 'Set for this year', byRule: 'Yearly rule', noFixedDate: 'No fixed date', setDates: 'Set dates', useRule: 'Use the rule',
    addCampaign: "Add the office's own theme", own: 'Own', name: 'Name', nameEn: 'English name (optional)', nameRequired: 'Enter a name',
    orgUnits: 'Townships and villages', pickParent: 'Pick the county (to add a township) or a township (to add a village) above', addTownshipTo: 'Add a township to {{name}}',
    addVillageTo: 'Add a village (community) to {{name}}', newUnitName: 'Name',
    sharedCatalogs: 'Shared catalogs', sharedHint: 'These catalogs are shared by every township in the county: a change applies to every form and total. Entries switched off leave the form; events already logged keep them.',
    catalogs: { materialTypes: 'Material types', targetGroups: 'Target groups', forms: 'Forms', laws: 'Laws', sixInto: 'Six-into places' },
    unit: 'Unit', countsAsLeaflet: 'Counts as leaflets', fixed: 'Fixed', newEntry: 'New entry name',
    nameEnColumn: 'English name', active: 'Active', newDepartment: 'New department, e.g. market supervision office', add: 'Add',
  },
  history: { title: 'History', create: 'Logged', update: 'Changed', delete: 'Deleted', restore: 'Restored', system: 'System', changed: 'Changed: {{fields}}', empty: 'No history' },
  admin: {
    title: 'Users and log', users: 'Users', deleted: 'Deleted events', audit: 'Audit log', newUser: 'New user', username: 'Username', displayName: 'Name',
    role: 'Role', orgUnit: 'Org unit', active: 'Active', password: 'Initial password (8+ characters)', resetPassword: 'Reset password', newPassword: 'New password (8+ characters)',
    restore: 'Restore', restored: 'Restored', deletedAt: 'Deleted', saved: 'Saved', when: 'When', who: 'Who', what: 'What', action: 'Action',
    restoreHint: 'Deleted events can be restored for 30 days',
  },
  notFound: { title: 'Page not found', back: 'Back to the ledger' },
};
