import { createCipheriv } from 'node:crypto';

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy
 * provider: only the `--openssl-legacy-provider` start flag enables it (start.ts restarts itself with it).
 */
export function legacyOpenSslEnabled(): boolean {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}
