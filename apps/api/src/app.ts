// The app as a plugin tree: framework plugins, our services, then routes.
// server.ts only opens the database and listens; tests build the same app.
import { FRAMEWORK_ERRORS } from './http-errors.ts';
import type { FastifyReply } from 'fastify';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { Database, LoginThrottlePolicy, SessionPolicy } from '@pufa/db';
import { authPlugin } from './plugins/auth.ts';
import { idempotencyPlugin } from './plugins/idempotency.ts';
import { securityPlugin } from './plugins/security.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { userRoutes } from './routes/users.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { repositoriesPlugin } from './plugins/repositories.ts';
import { validationPlugin } from './plugins/validation.ts';
import { webAppPlugin } from './plugins/web-app.ts';
import { catalogRoutes } from './routes/catalogs.ts';
import { sharedCatalogRoutes } from './routes/shared-catalogs.ts';
import { planRoutes } from './routes/plans.ts';
import { statsRoutes } from './routes/stats.ts';
import { exportRoutes } from './routes/exports.ts';
import { eventRoutes } from './routes/events.ts';
import { importRoutes } from './routes/imports.ts';
import { fileRoutes } from './routes/files.ts';
import { evidenceSettingsFromEnv, type EvidenceSettings } from './env.ts';
import { referenceRoutes } from './routes/reference.ts';
import { systemRoutes } from './routes/system.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { countyRoutes } from './routes/county.ts';
import { progressRoutes } from './routes/progress.ts';
import { screenRoutes, type ScreenStreamSettings } from './routes/screen.ts';
import { exportJobRoutes } from './routes/export-jobs.ts';
import { jobsPlugin } from './plugins/jobs.ts';
import { jobSettingsFromEnv, type JobSettings } from './jobs/settings.ts';

/** Time to receive a whole request (headers and body): generous for a slow phone connection. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface AppOptions {
  db: Database;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app too (the default); tests of the API alone turn it off. */
  serveWebApp?: boolean;
  sessionPolicy?: SessionPolicy;
  loginThrottle?: LoginThrottlePolicy;
  /** Behind a reverse proxy (X-Forwarded-For / -Proto): client address and https detection. */
  trustProxy?: boolean;
  /** Time to receive a whole request before answering 408 (tests shorten it). */
  requestTimeoutMs?: number;
  /** Evidence files: folder and limits (tests give a folder of their own). */
  evidence?: EvidenceSettings;
  /** The big screen's event stream: heartbeat, lifetime, gap between messages (tests shorten them). */
  screenStream?: Partial<ScreenStreamSettings>;
  /** Export jobs: whether this process runs them, timeouts, retention (tests shorten them). */
  jobs?: JobSettings;
}

export async function buildApp({ db, logger = false, serveWebApp = true, sessionPolicy, loginThrottle, trustProxy = false, requestTimeoutMs = REQUEST_TIMEOUT_MS, evidence = evidenceSettingsFromEnv(), screenStream, jobs = jobSettingsFromEnv() }: AppOptions) {
  const app = Fastify({
    logger,
    // One line per request is noise for an office server; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    // A request whose body never arrives in full (a Content-Length larger than
    // what is sent, a client gone quiet) is answered 408 and closed instead of
    // holding a connection for ever; checked every few seconds. Node 20 only
    // watches for it when the server is created with the timeout, hence `http`.
    requestTimeout: requestTimeoutMs,
    http: { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(2_000, requestTimeoutMs) },
    routerOptions: { ignoreTrailingSlash: true },
    trustProxy,
    // A URL the router cannot decode (/api/events/%zz) never reaches the error
    // handler: answer it here, in the same bilingual shape as every other error.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const words = FRAMEWORK_ERRORS[error.code] ?? FRAMEWORK_ERRORS.FST_ERR_BAD_URL!;
      void reply.code(400).type('application/json; charset=utf-8').send({ statusCode: 400, error: 'Bad Request', message: words.zh, messageEn: words.en });
    },
  });
  await app.register(validationPlugin);
  await app.register(securityPlugin);
  await app.register(authPlugin, { db, sessionPolicy, loginThrottle });
  await app.register(idempotencyPlugin, { db });
  await app.register(openapiPlugin);
  await app.register(repositoriesPlugin, { db, evidence });
  await app.register(jobsPlugin, { settings: jobs });
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(referenceRoutes);
  await app.register(eventRoutes);
  await app.register(catalogRoutes);
  await app.register(sharedCatalogRoutes);
  await app.register(planRoutes);
  await app.register(statsRoutes);
  await app.register(exportRoutes);
  await app.register(exportJobRoutes);
  await app.register(importRoutes);
  await app.register(submissionRoutes);
  await app.register(countyRoutes);
  await app.register(progressRoutes);
  await app.register(screenRoutes, { stream: screenStream });
  await app.register(fileRoutes);
  if (serveWebApp) await app.register(webAppPlugin, {});
  return app;
}
