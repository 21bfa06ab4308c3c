import type { Access } from '../territory/access.js';
import type { TokenPermission } from './vocabulary.js';

/** How a caller proves who it is, as the OpenAPI document names the two ways. */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sid',
    description:
      "A person's session from POST /api/auth/login (the cookie is __Host-sid when served over https). A change also needs the x-csrf-token header with the csrfToken the login answered.",
  },
  serviceToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A service token an administrator issued for a region or municipality (Администрирование → Токены API). No CSRF header; opens only the operations its permissions name (x-token-permissions).',
  },
} as const;

interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  token?: readonly TokenPermission[];
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Writes each operation's `security` from the access its route declares, so a generated client knows which
 * operations a service token opens and with which permissions (`x-token-permissions`, any one of them suffices).
 */
export function withSecurity<D extends { paths?: Record<string, Record<string, unknown> | undefined>; components?: object }>(
  document: D,
  routes: readonly RouteAccess[],
): D {
  Object.assign(document, { components: { ...document.components, securitySchemes: SECURITY_SCHEMES } });
  for (const route of routes) {
    const operation = document.paths?.[openApiPath(route.url)]?.[route.method.toLowerCase()] as Record<string, unknown> | undefined;
    if (!operation) continue;
    if (route.access === 'public') {
      operation.security = [];
      continue;
    }
    operation.security = route.token ? [{ session: [] }, { serviceToken: [] }] : [{ session: [] }];
    if (route.token) operation['x-token-permissions'] = [...route.token];
  }
  return document;
}
