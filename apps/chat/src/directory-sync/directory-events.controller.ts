import {
  type AgentSnapshot,
  CategoryCreatedV1,
  CategoryDeletedV1,
  CategoryUpdatedV1,
  TeamCreatedV1,
  TeamDeletedV1,
  TeamUpdatedV1,
  ChatbotCreatedV1,
  ChatbotDeletedV1,
  ChatbotKeyRotatedV1,
  ChatbotUpdatedV1,
  type EventEnvelope,
  SlaPolicyCreatedV1,
  SlaPolicyDeletedV1,
  SlaPolicyUpdatedV1,
  type EventOf,
  LabelCreatedV1,
  LabelDeletedV1,
  LabelUpdatedV1,
  TenantCreatedV1,
  TenantUpdatedV1,
  UserDeletedV1,
  UserInvitedV1,
  UserUpdatedV1,
} from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { RoomsService } from '../rooms/rooms.service';
import { DirectoryRepository } from '../directory/directory.repository';
import { TeamsRepository } from '../directory/teams.repository';
import { LabelsDirectory } from '../directory/labels.directory';
import { RoomLabels } from '../rooms/room-labels.service';
import { RoomMoves } from '../rooms/room-moves.service';
import { SlaPoliciesRepository } from '../sla/sla-policies.repository';

/** Keeps chat's read model of the tenant service from its events (never calls it). */
@Controller()
export class DirectoryEventsController {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly realtime: RealtimeBus,
    private readonly rooms: RoomsService,
    private readonly teams: TeamsRepository,
    private readonly moves: RoomMoves,
    private readonly slaPolicies: SlaPoliciesRepository,
    private readonly labels: LabelsDirectory,
    private readonly roomLabels: RoomLabels,
  ) {}

  @OnEvent(LabelCreatedV1)
  onLabelCreated(@Payload() event: EventOf<typeof LabelCreatedV1>): Promise<void> {
    return this.labels.apply(event.payload, at(event));
  }

  @OnEvent(LabelUpdatedV1)
  onLabelUpdated(@Payload() event: EventOf<typeof LabelUpdatedV1>): Promise<void> {
    return this.labels.apply(event.payload, at(event));
  }

  /** The label leaves the rooms that wear it, so no list shows an id nobody can name. */
  @OnEvent(LabelDeletedV1)
  async onLabelDeleted(@Payload() event: EventOf<typeof LabelDeletedV1>): Promise<void> {
    await this.labels.apply({ labelId: event.payload.labelId, deleted: true }, at(event));
    await this.roomLabels.dropDeleted(event.payload.labelId);
  }

  /** New rooms get the policy's deadlines; rooms already open keep theirs. */
  @OnEvent(SlaPolicyCreatedV1)
  onSlaPolicyCreated(@Payload() event: EventOf<typeof SlaPolicyCreatedV1>): Promise<void> {
    return this.slaPolicies.apply(event.payload, at(event));
  }

  @OnEvent(SlaPolicyUpdatedV1)
  onSlaPolicyUpdated(@Payload() event: EventOf<typeof SlaPolicyUpdatedV1>): Promise<void> {
    return this.slaPolicies.apply(event.payload, at(event));
  }

  @OnEvent(SlaPolicyDeletedV1)
  onSlaPolicyDeleted(@Payload() event: EventOf<typeof SlaPolicyDeletedV1>): Promise<void> {
    return this.slaPolicies.apply({ policyId: event.payload.policyId, deleted: true }, at(event));
  }

  @OnEvent(CategoryCreatedV1)
  onCategoryCreated(@Payload() event: EventOf<typeof CategoryCreatedV1>): Promise<void> {
    return this.teams.applyCategory(event.payload, at(event));
  }

  @OnEvent(CategoryUpdatedV1)
  onCategoryUpdated(@Payload() event: EventOf<typeof CategoryUpdatedV1>): Promise<void> {
    return this.teams.applyCategory(event.payload, at(event));
  }

  @OnEvent(CategoryDeletedV1)
  onCategoryDeleted(@Payload() event: EventOf<typeof CategoryDeletedV1>): Promise<void> {
    return this.teams.applyCategory(
      { categoryId: event.payload.categoryId, deleted: true },
      at(event),
    );
  }

  @OnEvent(TeamCreatedV1)
  async onTeamCreated(@Payload() event: EventOf<typeof TeamCreatedV1>): Promise<void> {
    await this.teams.applyTeam(event.payload, at(event));
    await this.rooms.broadcastQueue(event.tenantId);
  }

  @OnEvent(TeamUpdatedV1)
  async onTeamUpdated(@Payload() event: EventOf<typeof TeamUpdatedV1>): Promise<void> {
    await this.teams.applyTeam(event.payload, at(event));
    // Members joined or left: each agent's queue is what their teams make it now.
    await this.rooms.broadcastQueue(event.tenantId);
  }

  /** The team's rooms, waiting or taken, fall back to the tenant's queue: none is lost. */
  @OnEvent(TeamDeletedV1)
  async onTeamDeleted(@Payload() event: EventOf<typeof TeamDeletedV1>): Promise<void> {
    await this.teams.applyTeam({ teamId: event.payload.teamId, deleted: true }, at(event));
    await this.moves.unrouteTeam(event.payload.teamId);
  }

  @OnEvent(TenantCreatedV1)
  async onTenantCreated(@Payload() event: EventOf<typeof TenantCreatedV1>): Promise<void> {
    await this.directory.applyTenant(event.tenantId, { name: event.payload.name }, at(event));
  }

  @OnEvent(TenantUpdatedV1)
  async onTenantUpdated(@Payload() event: EventOf<typeof TenantUpdatedV1>): Promise<void> {
    const { name, autoAssignment, attachmentTypes, timeZone, agentAutoAwayMinutes, businessHours } =
      event.payload;
    await this.directory.applyTenant(
      event.tenantId,
      {
        name,
        autoAssignment,
        ...(attachmentTypes ? { attachmentTypes } : {}),
        timeZone,
        agentAutoAwayMinutes,
        businessHours,
      },
      at(event),
    );
    // Turning auto-assignment on hands out the rooms already waiting.
    this.rooms.assignmentChance(event.tenantId);
  }

  @OnEvent(ChatbotCreatedV1)
  onChatbotCreated(@Payload() event: EventOf<typeof ChatbotCreatedV1>): Promise<void> {
    return this.directory.applyChatbot(event.tenantId, event.payload, at(event));
  }

  @OnEvent(ChatbotUpdatedV1)
  onChatbotUpdated(@Payload() event: EventOf<typeof ChatbotUpdatedV1>): Promise<void> {
    return this.directory.applyChatbot(event.tenantId, event.payload, at(event));
  }

  @OnEvent(ChatbotKeyRotatedV1)
  onChatbotKeyRotated(@Payload() event: EventOf<typeof ChatbotKeyRotatedV1>): Promise<void> {
    return this.directory.applyChatbot(event.tenantId, event.payload, at(event));
  }

  @OnEvent(ChatbotDeletedV1)
  onChatbotDeleted(@Payload() event: EventOf<typeof ChatbotDeletedV1>): Promise<void> {
    return this.directory.applyChatbot(
      event.tenantId,
      { chatbotId: event.payload.chatbotId, deleted: true },
      at(event),
    );
  }

  @OnEvent(UserInvitedV1)
  onUserInvited(@Payload() event: EventOf<typeof UserInvitedV1>): Promise<void> {
    return this.applyAgent(event, event.payload);
  }

  @OnEvent(UserUpdatedV1)
  onUserUpdated(@Payload() event: EventOf<typeof UserUpdatedV1>): Promise<void> {
    return this.applyAgent(event, event.payload);
  }

  @OnEvent(UserDeletedV1)
  async onUserDeleted(@Payload() event: EventOf<typeof UserDeletedV1>): Promise<void> {
    await this.directory.applyAgent({ userId: event.payload.userId, deleted: true }, at(event));
    await this.realtime.disconnectAgent(event.tenantId, event.payload.userId);
  }

  private async applyAgent(event: EventEnvelope, agent: AgentSnapshot): Promise<void> {
    await this.directory.applyAgent(agent, at(event));
    // New capacity or shifts may let the agent take a waiting room.
    this.rooms.assignmentChance(event.tenantId);
    // A deactivated agent, or one who lost chats:join, is cut off at once.
    if (agent.status !== 'active' || !agent.permissions.includes('chats:join')) {
      await this.realtime.disconnectAgent(event.tenantId, agent.userId);
    }
  }
}

const at = (event: EventEnvelope): Date => new Date(event.occurredAt);
