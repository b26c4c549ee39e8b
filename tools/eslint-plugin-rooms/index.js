// Local ESLint plugin enforcing the "rooms" of docs/architecture.md (what a file may import).
//
// rooms/allowed-imports  resolves every import specifier (relative ones against the file,
//                        `@dongne/contracts` to packages/contracts/src) and checks the room table.
// rooms/no-process-env   only apps/api/src/platform/config.ts reads process.env (tests, scripts/,
//                        bench/, tools/ and *.config.* files are exempt).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const builtins = new Set(builtinModules);

const API = 'apps/api/src';
const MODULE_FILE = /^apps\/api\/src\/modules\/([^/]+)(?:\/(.*))?$/;
const WEB_FEATURE = /^apps\/web\/src\/features\/([^/]+)(?:\/|$)/;
const WEB_APP_FOLDER = /^apps\/web\/src\/app(?:\/|$)/;
const PLATFORM_ERRORS = new Set([`${API}/platform/errors`, `${API}/platform/errors/index`]);

/** Libraries that do I/O: not allowed in pure rules and policies. */
const IO_PACKAGES = [
  'pg',
  'pg-boss',
  'ioredis',
  'redis',
  'nodemailer',
  'sharp',
  'socket.io',
  'undici',
  '@electric-sql/pglite',
  '@aws-sdk/',
];

const toPosix = (file) => file.split(path.sep).join('/');
const within = (rel, folder) => rel === folder || rel.startsWith(`${folder}/`);

/**
 * What an import specifier points at: a repository file (path relative to the repository root,
 * without a code extension) or a package (its name and the full specifier).
 */
function resolveTarget(specifier, fileRel) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const joined = specifier.startsWith('/') ? specifier : path.posix.join(path.posix.dirname(fileRel), specifier);
    return { kind: 'file', rel: path.posix.normalize(joined).replace(CODE_EXTENSION, '').replace(/\/$/, '') };
  }
  if (specifier === '@dongne/contracts' || specifier.startsWith('@dongne/contracts/')) {
    const sub = specifier.slice('@dongne/contracts'.length).replace(/^\//, '') || 'index';
    return { kind: 'file', rel: `packages/contracts/src/${sub}`.replace(CODE_EXTENSION, '') };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const builtin = specifier.startsWith('node:') || builtins.has(name) || builtins.has(specifier);
  return { kind: 'package', name, specifier, builtin };
}

const isFastify = (t) =>
  t.kind === 'package' && (t.name === 'fastify' || t.name.startsWith('@fastify/') || t.name.startsWith('fastify-'));
const isDrizzle = (t) => t.kind === 'package' && t.specifier.startsWith('drizzle-orm');
const isIoPackage = (t) =>
  t.kind === 'package' &&
  (t.builtin ||
    isFastify(t) ||
    isDrizzle(t) ||
    t.name.startsWith('pg-') ||
    IO_PACKAGES.some((io) => (io.endsWith('/') ? t.name.startsWith(io) : t.name === io)));
const fileRole = (t, role) => t.kind === 'file' && path.posix.basename(t.rel).endsWith(`.${role}`);

/**
 * Checks one import against the room table; returns the problems as [messageId, reason] pairs.
 * `from` is the importing file relative to the repository root.
 */
export function checkImport(from, specifier) {
  const target = resolveTarget(specifier, from);
  const base = path.posix.basename(from);
  const problems = [];
  const report = (messageId, reason) => problems.push({ messageId, reason });
  const targetRel = target.kind === 'file' ? target.rel : '';

  // packages/contracts: typebox and its own files, nothing else.
  if (within(from, 'packages/contracts')) {
    const ownFile = target.kind === 'file' && within(targetRel, 'packages/contracts');
    const typebox = target.kind === 'package' && target.name === 'typebox';
    const testTool = /\.test\.[cm]?[jt]sx?$/.test(base) && target.kind === 'package' && target.name === 'vitest';
    if (!ownFile && !typebox && !testTool) {
      report('contracts', within(targetRel, 'apps') ? 'contracts never import apps/' : 'contracts import only typebox');
    }
  }

  // The two apps share code only through packages/contracts.
  if (
    (within(from, 'apps/api') && within(targetRel, 'apps/web')) ||
    (within(from, 'apps/web') && within(targetRel, 'apps/api'))
  ) {
    report('crossApp', 'the api and the web app share code only through @dongne/contracts');
  }

  // Platform is the technical kernel: it knows no module (nor the module composition).
  if (within(from, `${API}/platform`) && (targetRel === `${API}/modules` || within(targetRel, `${API}/modules`))) {
    report('platformModules', 'platform code may not depend on modules');
  }

  // Another module only through its index.ts.
  const fromModule = MODULE_FILE.exec(from);
  const targetModule = MODULE_FILE.exec(targetRel);
  if (fromModule && targetModule && fromModule[1] !== targetModule[1]) {
    const rest = targetModule[2];
    if (rest !== undefined && rest !== 'index') {
      report('moduleInternals', `use modules/${targetModule[1]}/index.ts, the module's only public door`);
    }
  }

  if (/\.routes\.[cm]?[jt]sx?$/.test(base)) {
    if (fileRole(target, 'repository') || fileRole(target, 'tables') || isDrizzle(target)) {
      report('routesData', 'routes call their service; data access belongs to the repository');
    }
  }

  if (/\.service\.[cm]?[jt]sx?$/.test(base) && isFastify(target)) {
    report('serviceFastify', 'services know nothing of HTTP; routes translate requests');
  }

  if (/(?:\.policy|-rules)\.[cm]?[jt]sx?$/.test(base)) {
    const ioFile = ['repository', 'service', 'tables'].some((role) => fileRole(target, role));
    const platform = within(targetRel, `${API}/platform`) && !PLATFORM_ERRORS.has(targetRel);
    if (isIoPackage(target) || ioFile || platform) {
      report('pureIo', 'policies and rules are plain TypeScript without I/O (time comes in as an argument)');
    }
  }

  if (/\.repository\.[cm]?[jt]sx?$/.test(base)) {
    if (isFastify(target)) report('repositoryLayer', 'repositories know nothing of HTTP');
    if (fileRole(target, 'errors') || PLATFORM_ERRORS.has(targetRel)) {
      report('repositoryLayer', 'business errors are thrown by services, not repositories');
    }
    if (fileRole(target, 'tables')) {
      const owner = fromModule?.[1];
      if (!owner || targetModule?.[1] !== owner) {
        report('repositoryLayer', "a module's tables are read and written only by its own repository");
      }
    }
  }

  const fromFeature = WEB_FEATURE.exec(from);
  if (fromFeature) {
    const targetFeature = WEB_FEATURE.exec(targetRel);
    if (targetFeature && targetFeature[1] !== fromFeature[1]) {
      report('webFeature', 'features do not import other features; move shared code to components/ or lib/');
    }
    if (WEB_APP_FOLDER.test(targetRel)) report('webFeature', 'features do not import app/ (app composes features)');
  }
  return problems;
}

function repoRelative(context) {
  const root = context.options[0]?.root ?? defaultRoot;
  const filename = context.filename;
  if (!filename || filename.startsWith('<')) return undefined;
  const rel = toPosix(path.isAbsolute(filename) ? path.relative(root, filename) : filename);
  return rel.startsWith('..') ? undefined : rel;
}

const rootOption = [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }];

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the rooms of docs/architecture.md: what each file may import' },
    schema: rootOption,
    messages: {
      contracts: "packages/contracts may not import '{{specifier}}': {{reason}}.",
      crossApp: "'{{specifier}}' crosses apps: {{reason}}.",
      platformModules: "platform may not import '{{specifier}}': {{reason}}.",
      moduleInternals: "'{{specifier}}' reaches into another module's internals: {{reason}}.",
      routesData: "*.routes.ts may not import '{{specifier}}': {{reason}}.",
      serviceFastify: "*.service.ts may not import '{{specifier}}': {{reason}}.",
      pureIo: "'{{specifier}}' is I/O: {{reason}}.",
      repositoryLayer: "*.repository.ts may not import '{{specifier}}': {{reason}}.",
      webFeature: "'{{specifier}}' is outside this feature's room: {{reason}}.",
    },
  },
  create(context) {
    const from = repoRelative(context);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      for (const { messageId, reason } of checkImport(from, specifier)) {
        context.report({ node, messageId, data: { specifier, reason } });
      }
    };
    const literal = (node) => {
      if (node?.type === 'Literal') return node.value;
      if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked;
      return undefined;
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, literal(node.source)),
      TSImportType: (node) => check(node, literal(node.source ?? node.argument?.literal)),
      TSExternalModuleReference: (node) => check(node.expression, literal(node.expression)),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node.arguments[0], literal(node.arguments[0]));
        }
      },
    };
  },
};

/** Files that may read process.env besides platform/config.ts. */
export function mayReadProcessEnv(rel) {
  if (rel === `${API}/platform/config.ts`) return true;
  if (/^(?:scripts|bench|tools)\//.test(rel)) return true;
  const base = path.posix.basename(rel);
  return /\.test\.[cm]?[jt]sx?$/.test(base) || /(?:^|\.)config\.[cm]?[jt]s$/.test(base);
}

const isProcess = (node) =>
  (node?.type === 'Identifier' && node.name === 'process') ||
  (node?.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'globalThis' &&
    !node.computed &&
    node.property.name === 'process');
const keyName = (key, computed) => (computed ? key.value : (key.name ?? key.value));

const noProcessEnv = {
  meta: {
    type: 'problem',
    docs: { description: 'Only apps/api/src/platform/config.ts reads process.env' },
    schema: rootOption,
    messages: {
      processEnv:
        'Only apps/api/src/platform/config.ts reads process.env: take the value from AppConfig (web: import.meta.env).',
    },
  },
  create(context) {
    const from = repoRelative(context);
    if (!from || mayReadProcessEnv(from)) return {};
    const report = (node) => context.report({ node, messageId: 'processEnv' });
    return {
      MemberExpression(node) {
        if (isProcess(node.object) && keyName(node.property, node.computed) === 'env') report(node);
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'ObjectPattern' || !isProcess(node.init)) return;
        if (node.id.properties.some((p) => p.type === 'Property' && keyName(p.key, p.computed) === 'env')) report(node);
      },
      ImportDeclaration(node) {
        if (node.source.value !== 'process' && node.source.value !== 'node:process') return;
        for (const specifier of node.specifiers) {
          if (specifier.type === 'ImportSpecifier' && keyName(specifier.imported) === 'env') report(specifier);
        }
      },
    };
  },
};

const plugin = {
  meta: { name: 'eslint-plugin-rooms', version: '1.0.0' },
  rules: { 'allowed-imports': allowedImports, 'no-process-env': noProcessEnv },
};

export default plugin;
