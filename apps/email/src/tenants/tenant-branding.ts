import { type EventOf, TenantCreatedV1, TenantUpdatedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { applyIfNewer } from '@app/database';
import { Controller, Injectable } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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

@Controller()
export class TenantBrandingEvents {
  constructor(private readonly branding: TenantBrandingRepository) {}

  @OnEvent(TenantCreatedV1)
  async onTenantCreated(@Payload() event: EventOf<typeof TenantCreatedV1>): Promise<void> {
    await this.branding.apply(
      event.tenantId,
      { name: event.payload.name },
      new Date(event.occurredAt),
    );
  }

  @OnEvent(TenantUpdatedV1)
  async onTenantUpdated(@Payload() event: EventOf<typeof TenantUpdatedV1>): Promise<void> {
    const { name, brandColor } = event.payload;
    await this.branding.apply(event.tenantId, { name, brandColor }, new Date(event.occurredAt));
  }
}
