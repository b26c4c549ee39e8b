import { createAccountsModule } from './modules/accounts';
import { createLocationsModule } from './modules/locations';
import { createMediaModule } from './modules/media';
import type { Platform } from './platform/platform';

/** Every module, created in dependency order: a module receives the ones it may call. */
export function createModules(platform: Platform) {
  const locations = createLocationsModule(platform);
  const accounts = createAccountsModule(platform, {
    erasers: [(ex, userId) => locations.locations.forgetUser(ex, userId)],
  });
  const media = createMediaModule(platform);
  return { accounts, locations, media };
}

export type Modules = ReturnType<typeof createModules>;
