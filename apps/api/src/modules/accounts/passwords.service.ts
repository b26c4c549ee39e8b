import { hash, verify } from '@node-rs/argon2';

export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
}

const ARGON2ID = 2;

/** argon2id hashing; parameters come from config so tests can run cheaply and production safely. */
export class PasswordHasher {
  /** Verified against when the e-mail is unknown, so both answers take the same time. */
  private decoy: Promise<string> | undefined;

  constructor(private readonly params: Argon2Params) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: this.params.memoryCost, timeCost: this.params.timeCost, parallelism: 1 });
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.decoy ??= this.hash('decoy-password-never-matches-1!');
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }

  /** True when the stored hash was made with weaker parameters than today's. */
  needsRehash(passwordHash: string): boolean {
    const match = /\$argon2id\$v=\d+\$m=(\d+),t=(\d+)/.exec(passwordHash);
    if (!match) return true;
    return Number(match[1]) < this.params.memoryCost || Number(match[2]) < this.params.timeCost;
  }
}
