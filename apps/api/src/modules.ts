import { createAccountsModule } from './modules/accounts';
import type { Platform } from './platform/platform';

/** Every module, created in dependency order: a module receives the ones it may call. */
export function createModules(platform: Platform) {
  const accounts = createAccountsModule(platform);
  return { accounts };
}

export type Modules = ReturnType<typeof createModules>;
