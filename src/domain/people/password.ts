import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

/**
 * Passwords of people: a policy (length, counted in characters, not bytes) and scrypt, the
 * memory-hard function of node:crypto. A hash is stored as one string holding its parameters and
 * salt — `scrypt$N=131072,r=8,p=1$<salt base64>$<key base64>` — so parameters can be raised later
 * without breaking older hashes (`needsRehash` says when a stored hash is below the current ones).
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are refused: hashing megabytes on request would be a denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

/** OWASP's recommended minimum for scrypt: N = 2^17 (128 MiB), r = 8, p = 1; a 16-byte salt, a 32-byte key. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
  saltLength: number;
}

/** What is wrong with a password as a person chose it (empty when it is acceptable). */
export function passwordProblems(password: string, context: { email?: string | undefined } = {}): string[] {
  const length = [...password].length;
  const problems: string[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length})`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  if (length >= PASSWORD_MIN_LENGTH && new Set(password).size === 1) problems.push('must not repeat a single character');
  if (context.email && password.trim().toLowerCase() === context.email.trim().toLowerCase()) problems.push('must not be your e-mail address');
  return problems;
}

const derive = (password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, params.keyLength, {
      N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p + 1024 * 1024,
    }, (error, key) => (error ? reject(error) : resolve(key)));
  });

export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(params.saltLength);
  const key = await derive(password, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The parameters, salt and key of a stored hash; undefined when it is not one of ours. */
export function parsePasswordHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(encoded);
  if (!match) return undefined;
  const salt = Buffer.from(match[4]!, 'base64');
  const key = Buffer.from(match[5]!, 'base64');
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Bounds, so a stored value cannot make verification allocate without limit.
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16 || key.length < 16) return undefined;
  return { params: { N, r, p, keyLength: key.length, saltLength: salt.length }, salt, key };
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made with weaker parameters than today's: store a new one now that the password is known. */
  needsRehash: boolean;
}

/** Checks a password against a stored hash in constant time (over the derived keys). */
export async function verifyPassword(password: string, encoded: string): Promise<PasswordCheck> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed || [...password].length > PASSWORD_MAX_LENGTH) return { ok: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed.params);
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const p = parsed.params;
  const needsRehash = p.N < SCRYPT_PARAMS.N || p.r < SCRYPT_PARAMS.r || p.p < SCRYPT_PARAMS.p || p.keyLength < SCRYPT_PARAMS.keyLength;
  return { ok, needsRehash: ok && needsRehash };
}

/**
 * A hash of no one's password, verified when a sign-in names an unknown account, so that the
 * answer takes as long as for a known one (computed once, lazily).
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(18).toString('base64')));
