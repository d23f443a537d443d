import { Logger } from '@nestjs/common';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicPem: string;
  publicJwk: JsonWebKey & { kid: string; alg: 'ES256'; use: 'sig' };
}

/**
 * The key access tokens are signed with: an EC P-256 key from `JWT_PRIVATE_KEY_FILE`, or, in a
 * development run without one, a throw-away key (tokens then end with the process).
 */
export function loadSigningKey(privateKeyFile: string | undefined): SigningKey {
  let privateKey: KeyObject;
  if (privateKeyFile) {
    privateKey = createPrivateKey(readFileSync(privateKeyFile, 'utf8'));
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    if (privateKey.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
      throw new Error(
        `JWT_PRIVATE_KEY_FILE must hold an EC P-256 key (found ${privateKey.asymmetricKeyType} ${curve ?? ''})`,
      );
    }
  } else {
    new Logger('SigningKey').warn(
      'JWT_PRIVATE_KEY_FILE is not set: using a throw-away signing key',
    );
    privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  }
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(der).digest('base64url').slice(0, 16);
  return {
    kid,
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' },
  };
}

export const SIGNING_KEY = Symbol('SIGNING_KEY');
