import type { FieldError } from '@pufa/domain';

/** Input that is well-formed but names things that do not exist (or are not the township's). */
export class InvalidReferencesError extends Error {
  constructor(readonly fields: FieldError[]) {
    super(fields.map((f) => f.messageEn).join('; '));
    this.name = 'InvalidReferencesError';
  }
}

/** The client edited an old version: someone else saved in between. */
export class VersionConflictError extends Error {
  constructor(readonly currentVersion: number) {
    super(`The event was changed by someone else (now version ${currentVersion})`);
    this.name = 'VersionConflictError';
  }
}
