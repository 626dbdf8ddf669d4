/**
 * Errors of lib/store that the UI shows as they are. Each carries its meaning in `name` (what
 * survives a worker boundary) and a message written for the user. StorageQuotaError lives in quota.ts.
 */

export class ProjectNotFoundError extends Error {
  override readonly name = 'ProjectNotFoundError';
  constructor(readonly projectId: string) {
    super('This project no longer exists in this browser. It may have been deleted in another tab.');
  }
}

export class ProjectNameError extends Error {
  override readonly name = 'ProjectNameError';
}
