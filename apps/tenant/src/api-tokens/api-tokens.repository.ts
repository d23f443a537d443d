import { type ApiTokenView } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { asSystem } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ApiToken } from './api-token.schema';

/** A token as the service handles it: its view, and what only the service sees. */
export interface ApiTokenRecord extends ApiTokenView {
  tenantId: string;
  tokenHash: string;
  revokedAt: Date | null;
}

export interface NewApiToken {
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  permissions: string[];
  createdBy: string;
  expiresAt: Date | null;
}

const toRecord = (token: ApiToken): ApiTokenRecord => ({
  id: token._id,
  tenantId: token.tenantId,
  name: token.name,
  tokenHash: token.tokenHash,
  tokenPrefix: token.tokenPrefix,
  permissions: token.permissions,
  createdAt: token.createdAt,
  expiresAt: token.expiresAt,
  lastUsedAt: token.lastUsedAt,
  revokedAt: token.revokedAt,
});

/** API tokens of the tenant in context; `name_taken` from a create whose name a live one has. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectModel(ApiToken.name) private readonly tokens: Model<ApiToken>) {}

  async create(token: NewApiToken): Promise<ApiTokenRecord | 'name_taken'> {
    try {
      const created = await this.tokens.create({
        _id: randomUUID(),
        ...token,
        nameKey: token.name.toLowerCase(),
      });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return 'name_taken';
      throw error;
    }
  }

  /** The tokens not revoked, expired ones included, oldest first. */
  async listUnrevoked(): Promise<ApiTokenRecord[]> {
    const tokens = await this.tokens
      .find({ revokedAt: null })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    return tokens.map(toRecord);
  }

  /** Revoked ones too: their usage log can still be read. */
  async findById(id: string): Promise<ApiTokenRecord | null> {
    const token = await this.tokens.findById(id).lean();
    return token && toRecord(token);
  }

  /** Marks it revoked and frees its name; false when it was revoked already. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.tokens.updateOne(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: at, nameKey: `revoked:${id}` } },
    );
    return result.matchedCount === 1;
  }

  async recordLastUse(id: string, at: Date): Promise<void> {
    await this.tokens.updateOne({ _id: id }, { $set: { lastUsedAt: at } });
  }

  /** Every tenant's live tokens, to rewrite their grants into Redis at start. */
  async everyUnrevoked(now: Date): Promise<ApiTokenRecord[]> {
    const tokens = await asSystem('every service admits every live API token', () =>
      this.tokens.find({ revokedAt: null }).lean().exec(),
    );
    return tokens.map(toRecord).filter((token) => !token.expiresAt || token.expiresAt > now);
  }
}
