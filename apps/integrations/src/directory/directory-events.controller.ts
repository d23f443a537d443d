import {
  type EventOf,
  TenantCreatedV1,
  TenantUpdatedV1,
  UserDeletedV1,
  UserInvitedV1,
  UserUpdatedV1,
} from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DirectoryRepository } from './directory.repository';

type UserEvent = EventOf<typeof UserInvitedV1>;

/** Keeps the copy of tenants' names and users current; events may come in any order. */
@Controller()
export class DirectoryEventsController {
  constructor(private readonly directory: DirectoryRepository) {}

  @OnEvent(TenantCreatedV1)
  onTenantCreated(@Payload() event: EventOf<typeof TenantCreatedV1>) {
    return this.directory.applyTenant(
      event.tenantId,
      { name: event.payload.name },
      new Date(event.occurredAt),
    );
  }

  @OnEvent(TenantUpdatedV1)
  onTenantUpdated(@Payload() event: EventOf<typeof TenantUpdatedV1>) {
    return this.directory.applyTenant(
      event.tenantId,
      { name: event.payload.name },
      new Date(event.occurredAt),
    );
  }

  @OnEvent(UserInvitedV1)
  onUserInvited(@Payload() event: UserEvent) {
    return this.user(event);
  }

  @OnEvent(UserUpdatedV1)
  onUserUpdated(@Payload() event: UserEvent) {
    return this.user(event);
  }

  @OnEvent(UserDeletedV1)
  onUserDeleted(@Payload() event: EventOf<typeof UserDeletedV1>) {
    return this.directory.applyUser(
      event.payload.userId,
      { status: 'deleted', permissions: [] },
      new Date(event.occurredAt),
    );
  }

  private user(event: UserEvent) {
    const { userId, name, email, permissions, status } = event.payload;
    return this.directory.applyUser(
      userId,
      { name, email, permissions, status },
      new Date(event.occurredAt),
    );
  }
}
