// A job runs on its owner's behalf, possibly long after the request: the owner is
// looked up again when it runs. A disabled account, or one that no longer reaches
// the job's scope, fails the job with words saying so, before anything is made.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '@pufa/db';
import { canEditEvents, type Bilingual } from '@pufa/domain';

/** The job may not run as its owner now: fails with these words (Chinese, then English, in `error`). */
export class JobRefusedError extends Error {
  constructor(readonly words: Bilingual) {
    super(words.en);
    this.name = 'JobRefusedError';
  }
}

/** A job's error for the page: the Chinese words, then the English on a second line (the page shows its language's). */
export const jobErrorText = (words: Bilingual) => `${words.zh}\n${words.en}`;

const NOTHING = { export: { zh: '未生成文件', en: 'no file was made' }, import: { zh: '未导入任何数据', en: 'nothing was imported' } };
type Outcome = keyof typeof NOTHING;

export const OWNER_WORDS = {
  disabled: (what: Outcome): Bilingual => ({ zh: `发起任务的账号已停用，${NOTHING[what].zh}`, en: `The account that started this job is disabled: ${NOTHING[what].en}` }),
  scopeLost: (what: Outcome): Bilingual => ({ zh: `发起任务的账号已无权访问这个范围，${NOTHING[what].zh}`, en: `The account that started this job no longer has access to this scope: ${NOTHING[what].en}` }),
  roleLost: { zh: '发起任务的账号已无权导入台账，未导入任何数据', en: 'The account that started this job may no longer import ledgers: nothing was imported' } satisfies Bilingual,
};

/** Every township of `asked` is in `now` (the scope the job was asked for is still reached). */
function covers(now: Actor['townshipIds'], asked: Actor['townshipIds']): boolean {
  if (now === 'all') return true;
  if (asked === 'all') return false;
  const reach = new Set(now);
  return asked.every((id) => reach.has(id));
}

/**
 * An export's owner, checked now: active, and still reaching every township the request reached.
 * The export runs as the request's actor (what the user was shown and asked for).
 */
export async function exportOwner(app: FastifyInstance, userId: number, asked: Actor): Promise<Actor> {
  const owner = await app.users.acting(userId);
  if (!owner?.isActive) throw new JobRefusedError(OWNER_WORDS.disabled('export'));
  if (!covers(owner.actor.townshipIds, asked.townshipIds)) throw new JobRefusedError(OWNER_WORDS.scopeLost('export'));
  return asked;
}

/**
 * An import commit's owner, checked now: active and still allowed to keep ledgers. The commit runs
 * as the owner is now, so a township no longer in their scope is refused by the import itself.
 */
export async function importOwner(app: FastifyInstance, userId: number): Promise<Actor> {
  const owner = await app.users.acting(userId);
  if (!owner?.isActive) throw new JobRefusedError(OWNER_WORDS.disabled('import'));
  if (!canEditEvents(owner.actor.role, owner.orgUnitLevel)) throw new JobRefusedError(OWNER_WORDS.roleLost);
  return owner.actor;
}
