/**
 * Webhook signature schemes: how each provider signs a delivery with the shared secret. All are
 * HMAC-SHA256; they differ in the header, the encoding and what is signed. A source is checked
 * with one scheme only, so a signature made for one scheme is never accepted under another
 * (Stripe signs `timestamp.body`: a captured Stripe signature replayed as a plain body signature
 * over the text `timestamp.body` must not pass).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The signature schemes `--signature` names. */
export const SIGNATURE_SCHEMES = ['hmac', 'github', 'stripe', 'shopify'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

/** How far a Stripe `t=` timestamp may be from now, in seconds (Stripe's own libraries default to 300). */
export const STRIPE_TOLERANCE_SECONDS = 300;

/** What each scheme expects, for error messages and help. */
export const SCHEME_HINTS: Record<SignatureScheme, string> = {
  hmac: '"X-Signature: sha256=<hex HMAC-SHA256 of the raw body>" (or X-Hub-Signature-256)',
  github: '"X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>"',
  stripe: `"Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of t.body>" within ${STRIPE_TOLERANCE_SECONDS} s of now`,
  shopify: '"X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>"',
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function hmac(secret: string, ...parts: (string | Buffer)[]): Buffer {
  const h = createHmac('sha256', secret);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Constant-time compare of a 32-byte digest with one given as text (hex or base64); false on any malformed input. */
function sameDigest(given: string, encoding: 'hex' | 'base64', want: Buffer): boolean {
  const ok = encoding === 'hex' ? /^[0-9a-fA-F]{64}$/.test(given) : /^[A-Za-z0-9+/]{43}=$/.test(given);
  if (!ok) return false;
  return timingSafeEqual(Buffer.from(given, encoding), want);
}

/**
 * Whether the request's signature is valid for `body` under `scheme` and `secret`. `nowSeconds`
 * is the current Unix time (Stripe's timestamp check).
 */
export function verifySignature(scheme: SignatureScheme, headers: IncomingHttpHeaders, body: Buffer, secret: string, nowSeconds: number): boolean {
  if (scheme === 'stripe') {
    const sig = header(headers, 'stripe-signature');
    if (sig === undefined) return false;
    let t: string | undefined;
    const v1: string[] = [];
    for (const part of sig.split(',')) {
      const eq = part.indexOf('=');
      const k = part.slice(0, eq).trim();
      const v = part.slice(eq + 1).trim();
      if (k === 't') t = v;
      else if (k === 'v1') v1.push(v);
    }
    if (t === undefined || !/^\d{1,12}$/.test(t) || Math.abs(nowSeconds - Number(t)) > STRIPE_TOLERANCE_SECONDS) return false;
    const want = hmac(secret, `${t}.`, body);
    // Any v1 may match (Stripe sends one per active secret while a secret is being rolled).
    let match = false;
    for (const s of v1) if (sameDigest(s, 'hex', want)) match = true;
    return match;
  }
  if (scheme === 'shopify') {
    const sig = header(headers, 'x-shopify-hmac-sha256');
    return sig !== undefined && sameDigest(sig.trim(), 'base64', hmac(secret, body));
  }
  const sig = scheme === 'github' ? header(headers, 'x-hub-signature-256') : (header(headers, 'x-signature') ?? header(headers, 'x-hub-signature-256'));
  if (sig === undefined) return false;
  const m = /^sha256=(.*)$/.exec(sig.trim());
  return m !== null && sameDigest(m[1]!, 'hex', hmac(secret, body));
}
