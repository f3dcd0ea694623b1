// Vitest setup (packages/db and apps/api): pg's warning that a client was sent a
// query while it was running another one fails the run wherever it comes from
// (issue 22: it was logged under create load on PostgreSQL). pg warns once per
// process, so the listener is installed before any test runs.
export const QUEUED_QUERY_WARNING = /already executing a query/;

process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning' && QUEUED_QUERY_WARNING.test(warning.message)) {
    throw new Error(`A pg client was sent overlapping queries: ${warning.message}\n${warning.stack ?? ''}`);
  }
});
