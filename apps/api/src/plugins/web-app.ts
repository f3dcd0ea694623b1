// Serves the built web app (apps/web/dist) on the API's port, with the SPA's
// index.html for any non-API path so deep links work.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { repoRoot } from '@pufa/db';

// WEB_DIST_DIR serves another build (benchmarks compare two builds side by side).
export const webDistDir = process.env.WEB_DIST_DIR || path.join(repoRoot, 'apps/web/dist');

export const webAppPlugin = fp(async (app, { distDir = webDistDir }: { distDir?: string }) => {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.log.warn(`No built web app in ${distDir}; run \`npm run build\` (npm start does). Serving the API only.`);
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    // The build writes brotli and gzip copies beside each file; the client's
    // Accept-Encoding picks one (with Vary: Accept-Encoding).
    preCompressed: true,
    // Hashed assets never change; index.html must be revalidated to pick up new builds.
    setHeaders: (res, filePath) => {
      res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    // Only page URLs get the app; a missing file (/assets/x.js, /favicon.png) is a real 404.
    const { pathname } = new URL(request.url, 'http://localhost');
    if (pathname.startsWith('/api/') || /\.[a-z0-9]+$/i.test(pathname)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
