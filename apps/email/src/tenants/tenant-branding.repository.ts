import { applyIfNewer } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { TenantBranding } from './tenant-branding.schema';

/** Parley's own colour, for a tenant that set none (or one not heard of yet). */
export const DEFAULT_BRAND_COLOR = '#2563eb';

export interface Branding {
  name: string;
  brandColor: string;
}

/** Tenants' names and colours, kept from the tenant service's events. */
@Injectable()
export class TenantBrandingRepository {
  constructor(@InjectModel(TenantBranding.name) private readonly branding: Model<TenantBranding>) {}

  async apply(tenantId: string, fields: Partial<Omit<TenantBranding, '_id'>>, at: Date) {
    await applyIfNewer(this.branding, tenantId, fields, at);
  }

  /** The tenant's branding; the name the producer gave when the tenant is not known yet. */
  async of(tenantId: string, fallbackName: string): Promise<Branding> {
    const found = await this.branding.findById(tenantId).lean();
    return {
      name: found?.name ?? fallbackName,
      brandColor: found?.brandColor ?? DEFAULT_BRAND_COLOR,
    };
  }
}
