// What a database error means for the person waiting on the request. The
// repositories validate first, so these are the races and outages that remain:
// a row deleted meanwhile, a database that is restarting, a value the database
// itself refused. None of them is a server bug, so none of them answers 500.

export type DatabaseFailure =
  /** The server cannot be reached or is restarting: try again shortly (503). */
  | 'unavailable'
  /** Too much waiting for a connection or a transaction slot (503). */
  | 'busy'
  /** The row was deleted by someone else meanwhile (404). */
  | 'gone'
  /** A concurrent change got in the way: reload and retry (409). */
  | 'conflict'
  /** A value the database refused (a character or number out of its range) (400). */
  | 'badValue';

/** Prisma's own codes. */
const PRISMA_CODES: Record<string, DatabaseFailure> = {
  P1001: 'unavailable', // can't reach the server
  P1002: 'unavailable', // reached it, then timed out
  P1017: 'unavailable', // the server closed the connection
  P2024: 'busy', // timed out waiting for a pool connection
  P2028: 'busy', // a transaction could not start in time, or ran out of time
  P2025: 'gone',
  P2002: 'conflict',
  P2003: 'conflict',
  P2034: 'conflict',
};

/** Driver-adapter error kinds (Prisma 7). */
const ADAPTER_KINDS: Record<string, DatabaseFailure> = {
  DatabaseNotReachable: 'unavailable',
  ConnectionClosed: 'unavailable',
  SocketTimeout: 'unavailable',
  TooManyConnections: 'busy',
  TransactionWriteConflict: 'conflict',
  UniqueConstraintViolation: 'conflict',
  ForeignKeyConstraintViolation: 'conflict',
  ValueOutOfRange: 'badValue',
};

/** PostgreSQL SQLSTATE codes (and their classes). */
function fromSqlState(code: string): DatabaseFailure | null {
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return code === '53300' ? 'busy' : 'unavailable';
  if (['40001', '40P01', '23505', '23503'].includes(code)) return 'conflict';
  if (['22021', '22P05', '22003', '22001', '22007', '22008', '54000'].includes(code)) return 'badValue';
  return null;
}

/** Node socket errors and the pg driver's own words for a connection that went away. */
function fromSocket(error: { code?: unknown; message?: unknown }): DatabaseFailure | null {
  if (typeof error.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(error.code)) return 'unavailable';
  const message = typeof error.message === 'string' ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(message) ? 'unavailable' : null;
}

export function classifyDatabaseError(error: unknown): DatabaseFailure | null {
  if (error === null || typeof error !== 'object') return null;
  const err = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } }; cause?: unknown };
  const adapterCause = err.meta?.driverAdapterError?.cause;
  const sqlState = adapterCause?.originalCode ?? adapterCause?.code;
  return (
    (sqlState && fromSqlState(sqlState)) ||
    (adapterCause?.kind && ADAPTER_KINDS[adapterCause.kind]) ||
    (typeof err.code === 'string' && (PRISMA_CODES[err.code] ?? (/^[0-9A-Z]{5}$/.test(err.code) ? fromSqlState(err.code) : null))) ||
    fromSocket(err) ||
    (err.cause && err.cause !== error ? classifyDatabaseError(err.cause) : null)
  );
}

/** The SQLSTATE the period lock raises (migration 'submissions': pufa_check_period_open). */
export const PERIOD_LOCKED_SQLSTATE = 'PF001';

/**
 * A write refused by the period lock, and which period: the trigger raises
 * PF001 with the detail "2026-11 submitted". Through Prisma both adapters (pg,
 * PGlite) put it under meta.driverAdapterError.cause; the create's named
 * statement (statements.ts) gets pg's own error, with code and detail on it.
 */
export function periodLockOf(error: unknown): { period: string; status: 'submitted' | 'approved' } | null {
  if (error === null || typeof error !== 'object') return null;
  type PgFields = { originalCode?: string; code?: unknown; detail?: unknown };
  const err = error as PgFields & { meta?: { driverAdapterError?: { cause?: PgFields } }; cause?: unknown };
  for (const fields of [err.meta?.driverAdapterError?.cause, err]) {
    if ((fields?.originalCode ?? fields?.code) !== PERIOD_LOCKED_SQLSTATE) continue;
    const match = /^(\d{4}(?:-\d{2})?) (submitted|approved)$/.exec(typeof fields?.detail === 'string' ? fields.detail : '');
    if (match) return { period: match[1]!, status: match[2] as 'submitted' | 'approved' };
  }
  return err.cause && err.cause !== error ? periodLockOf(err.cause) : null;
}
