// `npm run db:create-admin -- --username <name> [--name <display name>] [--county <name> [--county-en <name>]] [--org-unit <code>]`
// Creates an administrator, the way a production deployment (no demo data) gets
// its first user. The password comes from ADMIN_PASSWORD or is asked for (not echoed).
// On an empty database, --county creates the top org unit the administrator belongs to.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN } from '@pufa/domain';
import { openDatabase } from '../src/client.ts';
import { databaseConfigFromEnv } from '../src/env.ts';
import { prepareDatabase } from '../src/prepare.ts';
import { hashPassword } from '../src/auth/passwords.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    county: { type: 'string' },
    'county-en': { type: 'string' },
    'org-unit': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) fail('Set ADMIN_PASSWORD, or run this in a terminal to type the password.');
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => (muted || process.stdout.write(chunk), done()) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) => new Promise<string>((resolve) => { process.stdout.write(q); muted = true; rl.question('', (a) => { muted = false; process.stdout.write('\n'); resolve(a); }); });
  const first = await ask('Password: ');
  const second = await ask('Again: ');
  rl.close();
  if (first !== second) fail('The two passwords differ.');
  return first;
}

const username = values.username?.trim().toLowerCase() ?? '';
if (!USERNAME_PATTERN.test(username)) fail('--username: 2-64 lowercase letters, digits, . _ or -, starting with a letter or digit');
const password = await askPassword();
if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) fail(`The password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);

const db = await openDatabase(databaseConfigFromEnv());
try {
  await prepareDatabase(db, { demo: false, demoPassword: '' });
  const { prisma } = db;
  if (await prisma.user.findUnique({ where: { username } })) fail(`User ${username} exists already.`);
  let orgUnit = values['org-unit']
    ? await prisma.orgUnit.findUnique({ where: { code: values['org-unit'] } })
    : await prisma.orgUnit.findFirst({ where: { parentId: null }, orderBy: { id: 'asc' } });
  if (!orgUnit && values.county) {
    orgUnit = await prisma.orgUnit.create({
      data: { code: 'county', name: values.county, nameEn: values['county-en'] ?? values.county, level: 'county' },
    });
    console.log(`Created the county ${orgUnit.name}.`);
  }
  if (!orgUnit) fail(values['org-unit'] ? `No org unit with code ${values['org-unit']}.` : 'The database has no org unit yet: add --county <name>.');
  await prisma.user.create({
    data: { username, displayName: values.name ?? username, role: 'admin', orgUnitId: orgUnit.id, passwordHash: await hashPassword(password) },
  });
  console.log(`Administrator ${username} created in ${orgUnit.name}. Sign in, then add townships, villages and users.`);
} finally {
  await db.close();
}
