// Store keys for senders and message ids: a keyed hash (HMAC-SHA256), so Redis and logs never hold a phone
// number, and instances that share the secret share the keys. Without a secret (one instance, memory store)
// a random one per process does.
import { createHmac, randomBytes } from 'node:crypto';

export class KeyHasher {
  private readonly secret: Buffer;
  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /** A short stable key for the parts (e.g. channel and sender), unreadable without the secret. */
  key(...parts: string[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\u0000')).digest('base64url').slice(0, 22);
  }
}
