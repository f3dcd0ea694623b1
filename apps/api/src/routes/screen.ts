// The big screen (数据大屏): GET /api/screen gives its figures, GET /api/screen/stream tells it
// (Server-Sent Events) when an event of its scope was saved, so it fetches them again.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf, createScreenRepository } from '@pufa/db';
import { ApiErrorSchema, ScreenSchema } from '@pufa/domain';
import { ACCESS, SESSION_COOKIE } from '../plugins/auth.ts';
import { batchChanges, createScreenHub, type ScreenHub } from '../screen/screen-hub.ts';

export interface ScreenStreamSettings {
  /** A comment line this often keeps proxies from closing an idle stream; the session is checked again then too. */
  heartbeatMs: number;
  /** The stream ends after this long and the browser reconnects (a load balancer may pick another process). */
  maxAgeMs: number;
  /** At most one "changed" message per this gap. */
  minGapMs: number;
}

export const SCREEN_STREAM_DEFAULTS: ScreenStreamSettings = { heartbeatMs: 15_000, maxAgeMs: 10 * 60_000, minGapMs: 1_000 };
/** How soon EventSource reconnects after the stream ends or breaks. */
const RETRY_MS = 2_000;
/** How long a new stream waits for the process's listener to be up before saying "ready". */
const LISTENER_WAIT_MS = 5_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Streams open on this process (tests watch them close). */
    screenStreams: () => number;
  }
}

const tags = ['screen'];

const screenRoutesPlugin: FastifyPluginAsyncZod<{ stream?: Partial<ScreenStreamSettings> }> = async (app, options) => {
  const settings = { ...SCREEN_STREAM_DEFAULTS, ...options.stream };
  const screens = createScreenRepository(app.db);
  let hub: Promise<ScreenHub> | null = null;
  const ends = new Set<() => void>();
  app.decorate('screenStreams', () => ends.size);
  // Open streams would hold the server's close for ever: end them first.
  app.addHook('preClose', async () => {
    for (const end of [...ends]) end();
    if (hub) (await hub).close();
  });

  app.get(
    '/api/screen',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getScreen', tags, summary: "The big screen's figures for the user's own unit: the year against last year, month by month, the units one level down ranked, the named days, the newest events (no personal names)", response: { 200: ScreenSchema } },
    },
    (request) => screens.screen(request.actor),
  );

  app.get(
    '/api/screen/stream',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'streamScreen',
        tags,
        summary: 'Server-Sent Events: "ready" once listening, "changed" (data: {townshipIds}) within a second of an event of the user\'s scope being saved by any API process, a comment as heartbeat; ends after some minutes (the browser reconnects)',
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
          401: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      hub ??= app.db.eventChanges().then(createScreenHub);
      const screenHub = await hub;
      // "ready" promises that saves from now on are heard: wait for the listener (the first stream
      // of the process opens it). Should the database be away, carry on: a reconnect tells every screen.
      await screenHub.live(LISTENER_WAIT_MS);
      stream(reply, settings, screenHub, {
        actor: request.actor,
        // The session may end or move to another unit while the screen is up: read again at each heartbeat.
        recheck: async () => {
          const token = request.cookies[SESSION_COOKIE];
          const user = token ? await app.sessions.resolve(token) : null;
          return user && actorOf(user);
        },
        register: (end) => {
          ends.add(end);
          return () => ends.delete(end);
        },
      });
    },
  );
};

/** Not encapsulated: the stream count and the close hook belong to the app. */
export const screenRoutes = fp(screenRoutesPlugin, { name: 'screen-routes', dependencies: ['auth', 'repositories'] });

function stream(
  reply: FastifyReply,
  settings: ScreenStreamSettings,
  hub: ScreenHub,
  { actor, recheck, register }: { actor: ReturnType<typeof actorOf>; recheck: () => Promise<ReturnType<typeof actorOf> | null>; register: (end: () => void) => () => void },
) {
  reply.hijack();
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // nginx would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  const write = (text: string) => {
    if (!raw.writableEnded && !raw.destroyed) raw.write(text);
  };
  const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const changes = batchChanges((townshipIds) => send('changed', { townshipIds: townshipIds.has(null) ? null : [...townshipIds] }), settings.minGapMs);
  const viewer = { actor, changed: (townshipId: number | null) => changes.add(townshipId) };
  const leave = hub.add(viewer);
  const heartbeat = setInterval(() => {
    write(': heartbeat\n\n');
    void recheck().then(
      (next) => {
        if (next) viewer.actor = next;
        else end('signed-out');
      },
      () => {},
    );
  }, settings.heartbeatMs);
  const maxAge = setTimeout(() => end(), settings.maxAgeMs);
  let unregister = () => {};
  let isEnded = false;
  function end(reason?: string) {
    if (isEnded) return;
    isEnded = true;
    leave();
    unregister();
    changes.cancel();
    clearInterval(heartbeat);
    clearTimeout(maxAge);
    if (reason) send(reason, {});
    if (!raw.writableEnded) raw.end();
  }
  unregister = register(() => end());
  raw.on('close', () => end());
  write(`retry: ${RETRY_MS}\n\n`);
  send('ready', {});
}
