import { jwksAuth, serviceModules } from '@app/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeliverySchedulerService } from './delivery/delivery-scheduler.service';
import { NotificationSenderService } from './delivery/notification-sender.service';
import { SendLimitsService } from './delivery/send-limits.service';
import { type EmailConfig } from './email.config';
import { SmtpMailerService } from './mail/smtp-mailer.service';
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
import { SuppressionsService } from './suppressions/suppressions.service';
import { MailRendererService } from './templates/mail-renderer.service';
import { TenantBranding, TenantBrandingSchema } from './tenants/tenant-branding.schema';
import { TenantBrandingRepository } from './tenants/tenant-branding.repository';
import { TenantEventsController } from './tenants/tenant-events.controller';
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
        TenantEventsController,
        NotificationsController,
        UnsubscribeController,
      ],
      providers: [
        NotificationsRepository,
        DeliverySchedulerService,
        NotificationSenderService,
        SendLimitsService,
        SmtpMailerService,
        MailRendererService,
        SuppressionsService,
        TenantBrandingRepository,
      ],
    };
  }
}
