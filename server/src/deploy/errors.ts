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

/** Connection-level failures (the CLI's exit code 3). */
export function isConnectionError(e: unknown): boolean {
  return (
    e instanceof DeployError &&
    ['host-key-unknown', 'host-key-changed', 'host-key-revoked', 'auth', 'connect', 'timeout'].includes(
      e.kind,
    )
  );
}
