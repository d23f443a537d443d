import { AccessTokenVerifier, type Principal } from '@app/auth';
import { forTenant } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DirectoryRepository } from '../directory/directory.repository';

/** Who an `/agent` socket is: a valid access token, reconciled with chat's directory. */
@Injectable()
export class AgentAuthenticator {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly directory: DirectoryRepository,
  ) {}

  /** A valid token of an agent who may join chats and is (as far as chat knows) active. */
  async authenticate(token: string | null | undefined): Promise<Principal | null> {
    const principal = await this.verifier.verify(token);
    if (!principal || !principal.permissions.includes('chats:join')) return null;
    const entry = await forTenant(
      principal.tenantId,
      'a verified access token names its tenant',
      () => this.directory.findAgent(principal.userId),
    );
    // Whichever is newer decides: a token issued after the directory's last event wins; a
    // deactivation announced after the token was issued wins. An `invited` entry only means the
    // activation event is still on its way (tokens are issued to active users only).
    if (!entry || entry.status === 'invited' || entry.syncedAt < principal.issuedAt)
      return principal;
    if (entry.status !== 'active' || !entry.permissions.includes('chats:join')) return null;
    return { ...principal, permissions: entry.permissions, name: entry.name };
  }
}
