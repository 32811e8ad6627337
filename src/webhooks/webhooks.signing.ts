// Standard Webhooks signatures (https://www.standardwebhooks.com/): a secret is `whsec_` + base64 of
// 32 random bytes; a signature is `v1,` + base64 of HMAC-SHA256 over "{webhook-id}.{timestamp}.{body}"
// with the secret's bytes; several signatures (during a secret rotation) are separated by spaces.
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** A fresh signing secret (256 bits). */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** One `v1,<base64>` signature of the message with the secret. */
export function sign(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  const mac = createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * The three Standard Webhooks headers of one attempt: signed with every secret given (the current
 * one first, then the previous one while its rotation grace lasts).
 */
export function signatureHeaders(
  secrets: string[],
  msgId: string,
  at: Date,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const ts = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(ts),
    'webhook-signature': secrets.map((s) => sign(s, msgId, ts, body)).join(' '),
  };
}
