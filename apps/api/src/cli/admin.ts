import { parseArgs } from 'node:util';
import { buildApp } from '../app';
import { loadConfig } from '../platform/config';

const usage = `Usage:
  npm run admin -- create --email <email> --password <password> [--nickname <nickname>]
  npm run admin -- grant --email <email> --role <user|tutor|admin>`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, password: { type: 'string' }, nickname: { type: 'string' }, role: { type: 'string' } },
  });
  const config = { ...loadConfig(), logLevel: 'warn' };
  const app = await buildApp(config, { serveWeb: false });
  try {
    await app.platform.database.migrate();
    const accounts = app.modules.accounts.accounts;
    if (command === 'create' && values.email && values.password) {
      const nickname = values.nickname ?? `관리자${Math.floor(Math.random() * 9000 + 1000)}`;
      const user = await accounts.createWithRoles({ email: values.email, password: values.password, nickname }, ['admin']);
      process.stdout.write(`created admin ${user.email} (${user.nickname}, id ${user.id})\n`);
    } else if (command === 'grant' && values.email && (values.role === 'user' || values.role === 'tutor' || values.role === 'admin')) {
      const user = await accounts.grantRole(values.email, values.role);
      process.stdout.write(`${user.email} now has roles: ${user.roles.join(', ')}\n`);
    } else {
      process.stderr.write(`${usage}\n`);
      process.exitCode = 2;
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const fields = (error as { errors?: { message: string }[] }).errors?.map((e) => e.message).join(' ') ?? '';
    process.stderr.write(`failed: ${detail} ${fields}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

void main();
