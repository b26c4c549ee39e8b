import { createAccountsModule } from './modules/accounts';
import { createLocationsModule } from './modules/locations';
import type { Platform } from './platform/platform';

/** Every module, created in dependency order: a module receives the ones it may call. */
export function createModules(platform: Platform) {
  const accounts = createAccountsModule(platform);
  const locations = createLocationsModule(platform);
  return { accounts, locations };
}

export type Modules = ReturnType<typeof createModules>;
