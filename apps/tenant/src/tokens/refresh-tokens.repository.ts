import { asSystem } from '@app/tenancy';
import { insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { RefreshToken } from './refresh-token.schema';
import { TokenSpend } from './token-spend.schema';

export type RefreshTokenRecord = Omit<RefreshToken, '_id'> & { id: string };

@Injectable()
export class RefreshTokensRepository {
  constructor(
    @InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>,
    @InjectModel(TokenSpend.name) private readonly spends: Model<TokenSpend>,
  ) {}

  async create(
    token: Omit<RefreshTokenRecord, 'tenantId' | 'usedAt' | 'revokedAt'>,
  ): Promise<void> {
    const { id, ...rest } = token;
    await this.tokens.create({ _id: id, ...rest, usedAt: null, revokedAt: null });
  }

  /** A refresh request carries no access token, so its tenant is only known from the token. */
  async findAnywhere(id: string): Promise<RefreshTokenRecord | null> {
    const token = await asSystem('a refresh token names its own tenant', () =>
      this.tokens.findById(id).lean().exec(),
    );
    if (!token) return null;
    const { _id, ...rest } = token;
    return { id: _id, ...rest };
  }

  /** Marks the token spent; false when it was spent before (of two racing refreshes, one). */
  async spend(id: string, at: Date): Promise<boolean> {
    if (!(await insertFirst(this.spends, { _id: id, at }))) return false;
    await this.tokens.updateOne({ _id: id }, { $set: { usedAt: at } });
    return true;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: at } });
  }

  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    await this.tokens.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
  }
}
