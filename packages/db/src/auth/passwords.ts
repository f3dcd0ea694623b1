// argon2id with OWASP's minimum parameters (19 MiB, 2 passes): ~7 ms a hash here.
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of nothing anyone knows, verified when the username does not exist, so
 * "unknown user" and "wrong password" take the same time and answer the same.
 */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0N8vyqyH5cHJpZgTHS8z0ZQ9fE0I2gXBhQm7gV4G3yE';
