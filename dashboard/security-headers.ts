import type { RequestHandler } from 'express';

/**
 * No inline script or style anywhere: every page is the shell of page-shell.ts + its bundle + style sheets,
 * so a strict CSP costs nothing and blunts any XSS through a van id or a future free-text
 * field (ack reasons, load notes). `data:` images only for the empty favicon.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy with the map's tile host (GIVRE_MAP_TILE_URL, issue 12) allowed for images, when one is set. */
export function contentSecurityPolicy(tileSource?: string): string {
  return tileSource
    ? CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", `img-src 'self' data: ${tileSource}`)
    : CONTENT_SECURITY_POLICY;
}

export function securityHeaders(tileSource?: string): RequestHandler {
  const policy = contentSecurityPolicy(tileSource);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}
