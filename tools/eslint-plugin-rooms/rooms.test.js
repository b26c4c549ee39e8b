import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import rooms from './index.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.afterAll = afterAll;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
});

const at = (file) => path.join(root, file);
/** An import of `specifier` in `file` that the rule must accept. */
const ok = (file, specifier, kind = 'import') => ({ filename: at(file), code: statement(kind, specifier) });
/** An import of `specifier` in `file` that the rule must report with `messageId`. */
const bad = (file, specifier, messageId, kind = 'import') => ({
  filename: at(file),
  code: statement(kind, specifier),
  errors: [{ messageId }],
});

function statement(kind, specifier) {
  switch (kind) {
    case 'type':
      return `import type { X } from '${specifier}';`;
    case 'export':
      return `export { X } from '${specifier}';`;
    case 'exportAll':
      return `export * from '${specifier}';`;
    case 'dynamic':
      return `const x = await import('${specifier}');`;
    case 'importType':
      return `let x: import('${specifier}').X;`;
    case 'require':
      return `const x = require('${specifier}');`;
    default:
      return `import { X } from '${specifier}';`;
  }
}

const contracts = 'packages/contracts/src/spaces.ts';
const platform = 'apps/api/src/platform/db/database.ts';
const spacesService = 'apps/api/src/modules/spaces/spaces.service.ts';
const spacesRoutes = 'apps/api/src/modules/spaces/spaces.routes.ts';
const spacesRepository = 'apps/api/src/modules/spaces/spaces.repository.ts';
const spacesPolicy = 'apps/api/src/modules/spaces/spaces.policy.ts';
const bookingRules = 'apps/api/src/modules/spaces/booking-rules.ts';
const feature = 'apps/web/src/features/rentals/components/ItemCard.tsx';

tester.run('rooms/allowed-imports', rooms.rules['allowed-imports'], {
  valid: [
    // contracts: typebox and its own files
    ok(contracts, 'typebox'),
    ok(contracts, 'typebox/value'),
    ok(contracts, './common'),
    ok('packages/contracts/src/index.ts', './spaces', 'exportAll'),
    // platform: libraries, contracts, itself
    ok(platform, 'drizzle-orm'),
    ok(platform, '@dongne/contracts'),
    ok(platform, '../errors'),
    ok('apps/api/src/platform/http.ts', 'fastify', 'type'),
    // modules: platform, contracts, own files, other modules through index.ts
    ok(spacesService, '../../platform/db'),
    ok(spacesService, '@dongne/contracts'),
    ok(spacesService, './spaces.repository'),
    ok(spacesService, '../accounts'),
    ok(spacesService, '../accounts/index'),
    ok(spacesService, '../accounts/index.ts'),
    ok(spacesService, '../accounts/', 'type'),
    ok('apps/api/src/modules/accounts/accounts.service.ts', './sessions.service'),
    // composition files may wire modules
    ok('apps/api/src/modules.ts', './modules/accounts'),
    ok('apps/api/src/app.ts', './platform/web-app'),
    // routes: fastify, contracts, own service, mapper
    ok(spacesRoutes, 'fastify', 'type'),
    ok(spacesRoutes, './spaces.service', 'type'),
    ok(spacesRoutes, './spaces.mapper'),
    ok(spacesRoutes, 'typebox'),
    // services: repository, policy, rules, errors, events, other modules' services (via index)
    ok(spacesService, './spaces.policy'),
    ok(spacesService, './booking-rules'),
    ok(spacesService, './spaces.errors'),
    ok(spacesService, './spaces.events'),
    ok(spacesService, 'drizzle-orm'),
    // policies and rules: plain TypeScript, platform/errors for field errors
    ok(spacesPolicy, '../../platform/errors', 'type'),
    ok(bookingRules, '../../platform/errors'),
    ok(bookingRules, './spaces.policy'),
    ok(bookingRules, '@dongne/contracts', 'type'),
    // repositories: drizzle, own tables, platform/db
    ok(spacesRepository, 'drizzle-orm'),
    ok(spacesRepository, 'drizzle-orm/pg-core'),
    ok(spacesRepository, './spaces.tables'),
    ok(spacesRepository, '../../platform/db', 'type'),
    // web features: shared web code and contracts
    ok(feature, '../../../components/ui/Button'),
    ok(feature, '../../../lib/api'),
    ok(feature, '../api/useItems'),
    ok(feature, '@dongne/contracts', 'type'),
    ok('apps/web/src/app/router.tsx', '../features/rentals'),
    // tests use the test kit
    ok('apps/api/src/modules/spaces/bookings.int.test.ts', '../../testing/test-app'),
    // files outside the repository are not judged
    { filename: '/elsewhere/x.ts', code: "import x from '../../apps/api/src/modules/a/b';" },
  ],
  invalid: [
    // contracts
    bad(contracts, '../../../apps/api/src/platform/errors', 'contracts'),
    bad(contracts, '../../../apps/web/src/lib/api', 'contracts', 'type'),
    bad(contracts, 'fastify', 'contracts'),
    bad(contracts, 'node:crypto', 'contracts'),
    // platform ↛ modules
    bad(platform, '../../modules/accounts', 'platformModules'),
    bad(platform, '../../modules/accounts/accounts.service', 'platformModules', 'type'),
    bad('apps/api/src/platform/auth/authenticate.ts', '../../modules', 'platformModules'),
    bad(platform, '../../modules/accounts', 'platformModules', 'dynamic'),
    // other modules' internals
    bad(spacesService, '../accounts/accounts.service', 'moduleInternals'),
    bad(spacesService, '../accounts/accounts.repository', 'moduleInternals', 'type'),
    bad(spacesService, '../accounts/sub/index', 'moduleInternals'),
    bad('apps/api/src/modules/spaces/spaces.mapper.ts', '../accounts/accounts.mapper', 'moduleInternals', 'export'),
    bad('apps/api/src/modules/spaces/index.ts', '../accounts/accounts.tables', 'moduleInternals', 'exportAll'),
    bad(spacesService, '../accounts/account-rules', 'moduleInternals', 'importType'),
    // routes ↛ repository, tables, drizzle
    bad(spacesRoutes, './spaces.repository', 'routesData'),
    bad(spacesRoutes, './spaces.tables', 'routesData', 'type'),
    bad(spacesRoutes, 'drizzle-orm', 'routesData'),
    bad(spacesRoutes, 'drizzle-orm/pg-core', 'routesData'),
    // services ↛ fastify (types too)
    bad(spacesService, 'fastify', 'serviceFastify'),
    bad(spacesService, 'fastify', 'serviceFastify', 'type'),
    bad(spacesService, '@fastify/cookie', 'serviceFastify'),
    // policies and rules ↛ I/O
    ...[
      ['node:crypto', 'import'],
      ['fs', 'import'],
      ['fastify', 'type'],
      ['drizzle-orm', 'import'],
      ['pg', 'import'],
      ['./spaces.repository', 'type'],
      ['./spaces.service', 'import'],
      ['./spaces.tables', 'import'],
      ['../../platform/clock', 'type'],
      ['../../platform/db', 'import'],
    ].flatMap(([specifier, kind]) => [
      bad(spacesPolicy, specifier, 'pureIo', kind),
      bad(bookingRules, specifier, 'pureIo', kind),
    ]),
    // repositories ↛ fastify, business errors, other modules' tables
    bad(spacesRepository, 'fastify', 'repositoryLayer', 'type'),
    bad(spacesRepository, './spaces.errors', 'repositoryLayer'),
    bad(spacesRepository, '../../platform/errors', 'repositoryLayer'),
    {
      filename: at(spacesRepository),
      code: "import { users } from '../accounts/accounts.tables';",
      errors: [{ messageId: 'moduleInternals' }, { messageId: 'repositoryLayer' }],
    },
    bad(spacesRepository, '../../platform/mail/mail.tables', 'repositoryLayer'),
    // web features ↛ other features, app/
    bad(feature, '../../spaces/components/SpaceCard', 'webFeature'),
    bad(feature, '../../spaces', 'webFeature'),
    bad(feature, '../../../app/router', 'webFeature'),
    bad('apps/web/src/features/spaces/api.ts', '../rentals/api', 'webFeature', 'require'),
    // apps share code only through contracts
    bad('apps/web/src/lib/api.ts', '../../../api/src/platform/errors', 'crossApp'),
    bad('apps/api/src/app.ts', '../../web/src/main', 'crossApp'),
  ],
});

tester.run('rooms/no-process-env', rooms.rules['no-process-env'], {
  valid: [
    { filename: at('apps/api/src/platform/config.ts'), code: 'const x = process.env.PORT;' },
    { filename: at('apps/api/src/modules/accounts/sessions.int.test.ts'), code: 'const x = process.env.CI;' },
    { filename: at('scripts/test.mjs'), code: 'const x = process.env.CI;' },
    { filename: at('bench/auth.ts'), code: 'const x = process.env.URL;' },
    { filename: at('tools/eslint-plugin-rooms/index.js'), code: 'const x = process.env.X;' },
    { filename: at('apps/web/vite.config.ts'), code: 'const x = process.env.API_URL;' },
    { filename: at('eslint.config.js'), code: 'const x = process.env.X;' },
    { filename: at('apps/api/src/main.ts'), code: 'process.exit(1); const argv = process.argv;' },
  ],
  invalid: [
    'const port = process.env.PORT;',
    "const port = process.env['PORT'];",
    "const env = process['env'];",
    'const { env } = process;',
    'const secret = globalThis.process.env.SECRET;',
    "import { env } from 'node:process';",
  ].map((code) => ({
    filename: at('apps/api/src/modules/accounts/accounts.service.ts'),
    code,
    errors: [{ messageId: 'processEnv' }],
  })),
});
