export * from './env.ts';
export * from './client.ts';
export * from './migrations.ts';
export * from './prepare.ts';
export * from './seed/index.ts';
export * from './repositories/event-repository.ts';
export * from './repositories/reference-repository.ts';
export * from './repositories/errors.ts';
export type { PrismaClient } from './generated/prisma/client.ts';
