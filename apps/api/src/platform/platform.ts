import type { FastifyBaseLogger } from 'fastify';
import { AccessTokens } from './auth';
import { createBroadcast, type Broadcast } from './broadcast';
import { systemClock, type Clock } from './clock';
import type { AppConfig } from './config';
import { FieldCipher } from './crypto';
import { openDatabase, type DatabaseHandle } from './db';
import { Jobs } from './jobs';
import { Mailer } from './mail';
import path from 'node:path';

/** The technical services every module receives. No business rules live here. */
export interface Platform {
  config: AppConfig;
  database: DatabaseHandle;
  clock: Clock;
  cipher: FieldCipher;
  tokens: AccessTokens;
  broadcast: Broadcast;
  mailer: Mailer;
  jobs: Jobs;
  log: FastifyBaseLogger;
}

export interface PlatformOverrides {
  database?: DatabaseHandle;
  clock?: Clock;
}

export function createPlatform(config: AppConfig, log: FastifyBaseLogger, overrides: PlatformOverrides = {}): Platform {
  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ??
    openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: path.join(config.dataDir, 'pglite'), poolMax: config.databasePoolMax });
  return {
    config,
    database,
    clock,
    cipher: new FieldCipher(config.dataKeys),
    tokens: new AccessTokens(config.auth.jwtSecret, config.auth.accessTokenTtlSeconds, clock),
    broadcast: createBroadcast(config.redisUrl),
    mailer: new Mailer({
      db: database.db,
      clock,
      log,
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      logBodies: config.env === 'development',
    }),
    jobs: new Jobs(database, log),
    log,
  };
}
