import { asSystem, forTenant } from '@app/tenancy';
import { AppHttpError } from '@app/platform';
import { insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { type OneTimePurpose, OneTimeToken } from './one-time-token.schema';
import { issueToken, readToken, secretMatches } from './token-secret';
import { TokenSpend } from './token-spend.schema';

export interface IssuedOneTimeToken {
  token: string;
  expiresAt: Date;
}

/** Issues and redeems the tokens of emailed links. A token is `<id>.<secret>`. */
@Injectable()
export class OneTimeTokensService {
  constructor(
    @InjectModel(OneTimeToken.name) private readonly tokens: Model<OneTimeToken>,
    @InjectModel(TokenSpend.name) private readonly spends: Model<TokenSpend>,
  ) {}

  /** For a user of the tenant in context. */
  async issue(userId: string, purpose: OneTimePurpose, ttlMs: number): Promise<IssuedOneTimeToken> {
    const { id, token, secretSha256 } = issueToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.tokens.create({ _id: id, userId, purpose, secretSha256, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** Whose a token is, without spending it (to check it fits before it is used); 400 as below. */
  async inspect(
    presented: string,
    purpose: OneTimePurpose,
  ): Promise<{ tenantId: string; userId: string }> {
    const token = await this.findUsable(presented, purpose);
    return { tenantId: token.tenantId, userId: token.userId };
  }

  /**
   * Spends a token and returns whose it is, or throws 400: unknown, expired, already used, or
   * issued for another purpose all look the same to the caller.
   */
  async redeem(
    presented: string,
    purpose: OneTimePurpose,
  ): Promise<{ tenantId: string; userId: string }> {
    const token = await this.findUsable(presented, purpose);
    const spent = await forTenant(
      token.tenantId,
      'an emailed link names its own tenant',
      async () => {
        const at = new Date();
        if (!(await insertFirst(this.spends, { _id: token._id, at }))) return false;
        await this.tokens.updateOne({ _id: token._id }, { $set: { usedAt: at } }).exec();
        return true;
      },
    );
    if (!spent) throw invalidToken();
    return { tenantId: token.tenantId, userId: token.userId };
  }

  private async findUsable(presented: string, purpose: OneTimePurpose): Promise<OneTimeToken> {
    const parts = readToken(presented);
    if (!parts) throw invalidToken();
    const token = await asSystem('an emailed link names its own tenant', () =>
      this.tokens.findById(parts.id).lean().exec(),
    );
    if (!token || token.purpose !== purpose || !secretMatches(parts.secret, token)) {
      throw invalidToken();
    }
    if (token.usedAt || token.expiresAt <= new Date()) throw invalidToken();
    return token;
  }
}

const invalidToken = () =>
  new AppHttpError(400, 'invalid_token', 'this link is invalid, expired or already used');
