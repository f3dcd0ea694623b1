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

/** A submission step that its status does not allow (approving a returned period, submitting twice): 409. */
export class SubmissionStateError extends Error {
  constructor(readonly words: { zh: string; en: string }) {
    super(words.en);
    this.name = 'SubmissionStateError';
  }
}

/** The actor's role may call the route, but not on this (e.g. a township admin editing a shared catalog). */
export class NotPermittedError extends Error {
  constructor(readonly words: { zh: string; en: string }) {
    super(words.en);
    this.name = 'NotPermittedError';
  }
}
