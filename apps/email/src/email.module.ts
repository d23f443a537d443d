import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Deliveries } from './delivery/deliveries.service';
import { SendLimits } from './delivery/send-limits';
import { type EmailConfig } from './email.config';
import { SmtpMailer } from './mail/smtp-mailer';
import { NotificationRequestsController } from './notifications/notification-requests.controller';
import {
  DeliveryDue,
  DeliveryDueSchema,
  Notification,
  NotificationSchema,
  SendAttempt,
  SendAttemptSchema,
} from './notifications/notification.schema';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsRepository } from './notifications/notifications.repository';
import { Suppression, SuppressionSchema } from './suppressions/suppression.schema';
import { Suppressions } from './suppressions/suppressions';
import { MailRenderer } from './templates/mail-renderer';
import { TenantBrandingEvents, TenantBrandingRepository } from './tenants/tenant-branding';
import { TenantBranding, TenantBrandingSchema } from './tenants/tenant-branding.schema';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';

@Module({})
export class EmailModule {
  static register(config: EmailConfig): DynamicModule {
    return {
      module: EmailModule,
      imports: [
        ...serviceModules('email', config, jwksAuth(config)),
        MongooseModule.forFeature([
          { name: Notification.name, schema: NotificationSchema },
          { name: DeliveryDue.name, schema: DeliveryDueSchema },
          { name: SendAttempt.name, schema: SendAttemptSchema },
          { name: Suppression.name, schema: SuppressionSchema },
          { name: TenantBranding.name, schema: TenantBrandingSchema },
        ]),
      ],
      controllers: [
        NotificationRequestsController,
        TenantBrandingEvents,
        NotificationsController,
        UnsubscribeController,
      ],
      providers: [
        NotificationsRepository,
        Deliveries,
        SendLimits,
        SmtpMailer,
        MailRenderer,
        Suppressions,
        TenantBrandingRepository,
      ],
    };
  }
}
