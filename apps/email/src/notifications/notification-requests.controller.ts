import { type EventOf, NotificationRequestedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DeliverySchedulerService } from '../delivery/delivery-scheduler.service';

/** `notification.requested` in: logged once per notification id, then sent when due (DeliverySchedulerService). */
@Controller()
export class NotificationRequestsController {
  constructor(private readonly deliveries: DeliverySchedulerService) {}

  @OnEvent(NotificationRequestedV1)
  async onRequested(@Payload() event: EventOf<typeof NotificationRequestedV1>): Promise<void> {
    await this.deliveries.accept(event);
  }
}
