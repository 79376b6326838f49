// The one error type the deploy code throws. `kind` lets callers choose an exit code or a UI reaction;
// messages never contain a password or passphrase (they are built only from names, hosts and fingerprints).

export type DeployErrorKind =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'auth'
  | 'connect'
  | 'timeout'
  | 'cancelled'
  | 'sftp'
  | 'router'
  | 'usage';

export class DeployError extends Error {
  constructor(
    readonly kind: DeployErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DeployError';
  }
}

/**
 * What a failure means to the caller, the one place the kinds are sorted (the CLI's exit codes, the fleet
 * summary, the editor's reaction and whether it keeps a secret all read this):
 * - `connection`: the router was not reached or not logged in to (host key, auth, network, timeout);
 *   nothing was sent.
 * - `cancelled`: the user stopped it.
 * - `transfer`: logged in, but the file could not be uploaded (SFTP).
 * - `router`: the router ran a command and refused it.
 * - `usage`: bad options or inventory; nothing was tried.
 */
export type DeployErrorClass = 'connection' | 'cancelled' | 'transfer' | 'router' | 'usage';

const CLASS_OF: Readonly<Record<DeployErrorKind, DeployErrorClass>> = {
  'host-key-unknown': 'connection',
  'host-key-changed': 'connection',
  'host-key-revoked': 'connection',
  auth: 'connection',
  connect: 'connection',
  timeout: 'connection',
  cancelled: 'cancelled',
  sftp: 'transfer',
  router: 'router',
  usage: 'usage',
};

/** The class of a deploy error, or undefined for anything that is not a DeployError. */
export function errorClass(e: unknown): DeployErrorClass | undefined {
  return e instanceof DeployError ? CLASS_OF[e.kind] : undefined;
}

/** Connection-level failures (the CLI's exit code 3). */
export function isConnectionError(e: unknown): boolean {
  return errorClass(e) === 'connection';
}
