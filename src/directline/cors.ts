/** Headers Web Chat sends cross-origin: the bearer token, JSON, and its own telemetry header. */
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with';
export const CORS_ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** Browsers cache an allowed preflight this many seconds instead of asking before every poll. */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * The CORS headers for a request from `origin`, or undefined when that origin may not read the answer (also for
 * same-origin requests, which need none). Retry-After is exposed so Web Chat on another origin can honour a 429.
 */
export function corsHeaders(
    origin: string | undefined,
    allowedOrigins: readonly string[],
    preflight: boolean,
): Record<string, string> | undefined {
    if (origin === undefined || !allowedOrigins.includes(origin)) return undefined;
    return {
        'access-control-allow-origin': origin,
        ...(preflight
            ? {
                  'access-control-allow-methods': CORS_ALLOWED_METHODS,
                  'access-control-allow-headers': CORS_ALLOWED_HEADERS,
                  'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
              }
            : { 'access-control-expose-headers': 'Retry-After' }),
    };
}
