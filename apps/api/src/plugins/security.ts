// Security headers and cross-site request protection.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import { HttpError } from '../http-errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An origin as scheme://host[:port], default port dropped; null for 'null' or anything malformed. */
function normalOrigin(origin: string): string | null {
  try {
    const { origin: normal } = new URL(origin);
    return normal === 'null' ? null : normal;
  } catch {
    return null;
  }
}

export const securityPlugin = fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Offices often serve plain http on their LAN: never tell browsers to upgrade or pin https here.
    strictTransportSecurity: false,
  });

  // CSRF for a cookie-session SPA: the cookie is SameSite=Lax, and a state-changing
  // request is refused unless it comes from our own origin: scheme, host and port.
  // Browsers say where a request comes from (Sec-Fetch-Site, Origin); a client
  // that is not a browser sends neither and is not exposed to CSRF.
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const isOtherSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const claimed = origin === undefined ? undefined : normalOrigin(origin);
    const isOtherOrigin = claimed !== undefined && (claimed === null || claimed !== normalOrigin(`${request.protocol}://${request.host}`));
    if (isOtherSite || isOtherOrigin) {
      throw new HttpError(403, { zh: '拒绝来自其他网站的请求', en: 'Requests from other sites are refused' });
    }
  });
});
