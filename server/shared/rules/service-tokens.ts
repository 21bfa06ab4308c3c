/**
 * What a service token may do and the bounds of its terms, for the server's checks and the administrator's form
 * alike. Files in this folder import nothing, so the client may run them as they are.
 */
export const TOKEN_PERMISSIONS = ['participation:read', 'profiles:read', 'roster:import', 'waves:manage'] as const;
export type TokenPermission = (typeof TOKEN_PERMISSIONS)[number];

/** Reading is open to a region or a municipality; importing the roster and managing waves are a region's business. */
export const REGION_ONLY_PERMISSIONS: readonly TokenPermission[] = ['roster:import', 'waves:manage'];

/** Days a token lives: up to two years, so a forgotten token dies on its own. */
export const TOKEN_LIFETIME_DAYS = { min: 1, max: 730, default: 365 } as const;

/** Requests a minute a token may make: enough for a nightly download, too few for a runaway loop to load the server. */
export const TOKEN_REQUESTS_PER_MINUTE = { min: 1, max: 10_000, default: 120 } as const;
