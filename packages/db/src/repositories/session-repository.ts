// Sessions live in the database, so every API process sees the same ones and a
// restart logs no one out. The cookie carries a random token; the table keeps
// only its SHA-256, so a leaked table cannot be replayed.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.ts';
import type { AuthChangeFeed } from '../auth-changes.ts';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteMs: number;
}

interface ResolvedRow {
  last_seen_at: Date;
  expires_at: Date;
  id: number;
  username: string;
  display_name: string;
  role: SessionUser['role'];
  org_unit_id: number;
  is_active: boolean;
  is_top_level: boolean;
  org_unit_level: SessionUser['orgUnitLevel'];
  township_ids: number[];
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * 3_600_000, absoluteMs: 12 * 3_600_000 };

/** lastSeenAt is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions held in memory per process; beyond this the oldest are dropped. */
const CACHE_LIMIT = 10_000;
/** Even with the change feed live, a cached session is looked up again after this long. */
const CACHE_TTL_MS = 5 * 60_000;

interface CachedSession {
  user: SessionUser;
  expiresAt: number;
  lastSeenAt: number;
  cachedAt: number;
}

/**
 * Signed-in sessions held in memory, so that most requests need no database
 * round trip to know who is asking. Correct across API processes because the
 * database announces every change to sessions, users and org units (an
 * AuthChangeFeed) and the whole cache is dropped then; while the feed is down
 * nothing is cached. A lookup that started before a change is not cached
 * after it (the generation check).
 */
function createSessionCache(feed: AuthChangeFeed | undefined) {
  const entries = new Map<string, CachedSession>();
  let generation = 0;
  /** The listener connection the entries were cached under. */
  let connection = feed?.connection;
  const cache = {
    /** Taken when a lookup starts; an entry is stored only if nothing changed since (set). */
    get generation() {
      return generation;
    },
    get(id: string, now: number): CachedSession | undefined {
      // Never answer from memory while changes are not heard; and after any reconnect of the
      // listener, drop everything before answering (what changed in between was not heard),
      // whether or not the feed's own callbacks have run yet.
      if (!feed?.isLive) return undefined;
      if (feed.connection !== connection) cache.clear();
      const entry = entries.get(id);
      if (entry && now - entry.cachedAt > CACHE_TTL_MS) entries.delete(id);
      else return entry;
      return undefined;
    },
    set(id: string, entry: CachedSession, startedAt: number) {
      if (!feed?.isLive || startedAt !== generation || feed.connection !== connection) return;
      if (entries.size >= CACHE_LIMIT) entries.delete(entries.keys().next().value!);
      entries.set(id, entry);
    },
    delete: (id: string) => entries.delete(id),
    clear() {
      generation++;
      connection = feed?.connection;
      entries.clear();
    },
  };
  feed?.subscribe(() => cache.clear());
  return cache;
}

export function createSessionRepository(prisma: PrismaClient, policy: SessionPolicy = DEFAULT_SESSION_POLICY, changes?: AuthChangeFeed) {
  const cache = createSessionCache(changes);
  /** Writes lastSeenAt at most once a minute; idle expiry counts from it. */
  const touch = async (id: string, now: Date) => {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  };
  return {
    policy,

    /** Checks a username and password; null for any failure (same answer, same time). */
    async verifyCredentials(username: string, password: string): Promise<{ id: number } | null> {
      const user = await prisma.user.findUnique({ where: { username }, select: { id: true, passwordHash: true, isActive: true } });
      const isValid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
      return user && user.isActive && isValid ? { id: user.id } : null;
    },

    /** Starts a session; returns the token for the cookie. */
    async create(userId: number, now = new Date()): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await prisma.session.create({
        data: { id: digest(token), userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + policy.absoluteMs) },
      });
      return token;
    },

    /** The signed-in user for a token, or null when it is unknown, expired, idle too long or the user is disabled. */
    async resolve(token: string, now = new Date()): Promise<SessionUser | null> {
      const id = digest(token);
      const cached = cache.get(id, now.getTime());
      if (cached) {
        const isExpired = cached.expiresAt <= now.getTime() || now.getTime() - cached.lastSeenAt > policy.idleMs;
        if (!isExpired) {
          if (now.getTime() - cached.lastSeenAt > TOUCH_EVERY_MS) {
            cached.lastSeenAt = now.getTime();
            await touch(id, now);
          }
          return cached.user;
        }
        cache.delete(id);
      }
      const generation = cache.generation;
      // Every uncached request starts here: the session, its user and the user's townships in one round trip.
      const [session] = await prisma.$queryRaw<ResolvedRow[]>`
        SELECT s.last_seen_at, s.expires_at, u.id, u.username, u.display_name, u.role::text AS role, u.org_unit_id, u.is_active,
               o.parent_id IS NULL AS is_top_level, o.level::text AS org_unit_level,
               CASE o.level WHEN 'township' THEN ARRAY[o.id] WHEN 'village' THEN ARRAY[o.parent_id]
                    ELSE ARRAY(SELECT t.id FROM pufa_org_subtree(o.id) t WHERE t.level = 'township' ORDER BY t.id) END AS township_ids
        FROM session s JOIN app_user u ON u.id = s.user_id JOIN org_unit o ON o.id = u.org_unit_id
        WHERE s.id = ${id}`;
      if (!session) return null;
      const isExpired = session.expires_at <= now || now.getTime() - session.last_seen_at.getTime() > policy.idleMs;
      if (isExpired || !session.is_active) {
        await prisma.session.deleteMany({ where: { id } });
        return null;
      }
      let lastSeenAt = session.last_seen_at.getTime();
      if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
        lastSeenAt = now.getTime();
        await touch(id, now);
      }
      const user: SessionUser = {
        id: session.id,
        username: session.username,
        displayName: session.display_name,
        role: session.role,
        orgUnitId: session.org_unit_id,
        isTopLevel: session.is_top_level,
        orgUnitLevel: session.org_unit_level,
        townshipIds: session.township_ids,
      };
      cache.set(id, { user, expiresAt: session.expires_at.getTime(), lastSeenAt, cachedAt: now.getTime() }, generation);
      return user;
    },

    /** Forget every cached session at once: this process just changed users, sessions or org units (others hear it from the database). */
    forgetCached: () => cache.clear(),

    async destroy(token: string): Promise<void> {
      cache.delete(digest(token)); // this process at once; the others when the trigger's notification arrives
      await prisma.session.deleteMany({ where: { id: digest(token) } });
    },

    /** Housekeeping: forget sessions past their absolute expiry. */
    async purgeExpired(now = new Date()): Promise<number> {
      const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;

export interface LoginThrottlePolicy {
  windowMs: number;
  /** Failures per username from browsers not trusted for it. */
  maxPerUsername: number;
  /** Failures per address from browsers not trusted for the username they try. */
  maxPerIp: number;
  /** Failures of one trusted browser for its username (default: maxPerUsername). */
  maxPerDevice?: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = { windowMs: 15 * 60_000, maxPerUsername: 5, maxPerIp: 30, maxPerDevice: 5 };

/** A trusted browser stays trusted this long after its last sign-in. */
export const LOGIN_DEVICE_DAYS = 365;

/** An attempt claimed under the throttle. */
export interface LoginAttempt {
  id: number;
  /** The device cookie's token hash, when the browser is trusted for the username. */
  trustedDevice: string | null;
}

/**
 * Failed sign-ins counted in the database (shared by all API processes), after
 * OWASP's device-cookie pattern. A browser that has signed in successfully as a
 * user carries a device cookie; its attempts for that user count against its
 * own allowance (maxPerDevice) only. Attempts from any other browser count per
 * username (maxPerUsername) and per address (maxPerIp): too many in the window
 * and further untrusted attempts are refused until the window has passed. So a
 * guesser can lock a username or an address out for unknown browsers, but not
 * the user's own browser, nor the other users behind that address who have
 * signed in before. A success clears the failures it was counted with.
 *
 * Each attempt is claimed before the password is checked, under a lock, and
 * counts as a failure unless it succeeds: a burst of parallel guesses cannot
 * all pass the check before any of them is recorded.
 */
export function createLoginThrottle(prisma: PrismaClient, policy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE) {
  const maxPerDevice = policy.maxPerDevice ?? policy.maxPerUsername;
  return {
    policy,
    /**
     * Records an attempt and returns it, or null when it is over its limit.
     * `deviceToken`: the browser's device cookie, if it sent one.
     */
    async claimAttempt(username: string, ip: string, deviceToken: string | null = null, now = new Date()): Promise<LoginAttempt | null> {
      const since = new Date(now.getTime() - policy.windowMs);
      const tokenHash = deviceToken ? digest(deviceToken) : null;
      const trusted = tokenHash !== null && (await prisma.loginDevice.count({ where: { tokenHash, username, lastUsedAt: { gt: new Date(now.getTime() - LOGIN_DEVICE_DAYS * 86_400_000) } } })) > 0;
      const device = trusted ? tokenHash : null;
      const [, , claimed] = await prisma.$transaction([
        // One advisory lock (an arbitrary fixed key) serialises count-and-claim across connections and API processes.
        prisma.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(7104401)`,
        prisma.$executeRaw`DELETE FROM login_failure WHERE at <= ${since}`,
        prisma.$queryRaw<{ id: number }[]>`
          INSERT INTO login_failure (username, ip, at, device)
          SELECT ${username}, ${ip}, ${now}, ${device}
          WHERE CASE WHEN ${device}::text IS NOT NULL
            THEN (SELECT count(*) FROM login_failure WHERE device = ${device} AND username = ${username} AND at > ${since}) < ${maxPerDevice}
            ELSE (SELECT count(*) FROM login_failure WHERE username = ${username} AND device IS NULL AND at > ${since}) < ${policy.maxPerUsername}
             AND (SELECT count(*) FROM login_failure WHERE ip = ${ip} AND device IS NULL AND at > ${since}) < ${policy.maxPerIp}
          END
          RETURNING id`,
      ]);
      const id = claimed[0]?.id;
      return id === undefined ? null : { id, trustedDevice: device };
    },
    /**
     * The attempt was a correct sign-in: it was no failure, and the failures it
     * was counted with are forgiven (the trusted browser's, or the username's
     * from untrusted browsers). Returns the device token to set: the browser's
     * own when it sent one, else a new one; either way trusted for the username from now.
     */
    async succeeded(attempt: LoginAttempt, username: string, deviceToken: string | null = null, now = new Date()): Promise<string> {
      const token = deviceToken ?? randomBytes(32).toString('base64url');
      const tokenHash = digest(token);
      await prisma.$transaction([
        prisma.loginFailure.deleteMany({
          where: { OR: [{ id: attempt.id }, attempt.trustedDevice ? { device: attempt.trustedDevice, username } : { username, device: null }] },
        }),
        prisma.loginDevice.upsert({ where: { tokenHash_username: { tokenHash, username } }, create: { tokenHash, username, lastUsedAt: now }, update: { lastUsedAt: now } }),
        prisma.loginDevice.deleteMany({ where: { lastUsedAt: { lt: new Date(now.getTime() - LOGIN_DEVICE_DAYS * 86_400_000) } } }),
      ]);
      return token;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
