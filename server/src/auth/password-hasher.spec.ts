import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password-hasher.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('iris-demo');
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(await verifyPassword('iris-demo', stored)).toBe(true);
    expect(await verifyPassword('iris-demo ', stored)).toBe(false);
    expect(await verifyPassword('IRIS-DEMO', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const weak = { ...DEFAULT_SCRYPT, N: 2 ** 10 };
    const [a, b] = await Promise.all([hashPassword('secret', weak), hashPassword('secret', weak)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret', a)).toBe(true);
    expect(await verifyPassword('secret', b)).toBe(true);
  });

  it('keeps verifying hashes made with older parameters', async () => {
    const old = await hashPassword('secret', { N: 2 ** 12, r: 8, p: 1, keyLength: 32 });
    expect(await verifyPassword('secret', old)).toBe(true);
  });

  it('treats a malformed stored hash as a failed check, not a crash', async () => {
    for (const bad of ['', 'plain', 'bcrypt$x$y$z$a$b', 'scrypt$abc$8$1$c2FsdHNhbHQ$aGFzaA', 'scrypt$1024$8$1$$']) {
      expect(await verifyPassword('secret', bad)).toBe(false);
    }
  });

  it('uses a memory-hard setting: at least 32 MiB per hash', () => {
    expect(128 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r).toBeGreaterThanOrEqual(32 * 2 ** 20);
  });
});
