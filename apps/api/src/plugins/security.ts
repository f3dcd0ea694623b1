// Security headers and cross-site request protection.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import { HttpError } from '../http-errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host of an origin, default port dropped; null for 'null' or anything malformed. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
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
  // request that a browser marks as coming from another site is refused.
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const ownHost = originHost(`${request.protocol}://${request.headers.host ?? ''}`);
    if (site === 'cross-site' || (origin !== undefined && originHost(origin) !== ownHost)) {
      throw new HttpError(403, { zh: '拒绝来自其他网站的请求', en: 'Requests from other sites are refused' });
    }
  });
});
