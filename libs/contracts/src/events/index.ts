import { type EventDefinition } from '../define-event';
import {
  AgentPresenceChangedV1,
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  ChatroomRequeuedV1,
  ChatroomResumedV1,
  ChatroomStandbyV1,
  ChatroomUpdatedV1,
  MessageSentV1,
} from './chat.v1';
import { ChatroomDeletedV1 } from './chatroom-deleted.v1';
import { ContactErasedV1, ContactUpdatedV1 } from './contact.v1';
import { CsatRatedV1 } from './csat-rated.v1';
import { IntercomConversationClosedV1 } from './intercom.v1';
import { NoteAddedV1 } from './note-added.v1';
import { NotificationFailedV1, NotificationSentV1 } from './notification-outcome.v1';
import { NotificationRequestedV1 } from './notification-requested.v1';
import {
  ChatbotCreatedV1,
  ChatbotDeletedV1,
  ChatbotKeyRotatedV1,
  ChatbotUpdatedV1,
} from './tenant-chatbot.v1';
import { SessionsRevokedV1, UserPermissionsChangedV1 } from './tenant-session.v1';
import {
  CategoryCreatedV1,
  CategoryDeletedV1,
  CategoryUpdatedV1,
  TeamCreatedV1,
  TeamDeletedV1,
  TeamUpdatedV1,
} from './tenant-routing.v1';
import { TenantCreatedV1 } from './tenant-created.v1';
import { ChatroomLabelledV1, LabelCreatedV1, LabelDeletedV1, LabelUpdatedV1 } from './label.v1';
import {
  SlaBreachedV1,
  SlaPolicyCreatedV1,
  SlaPolicyDeletedV1,
  SlaPolicyUpdatedV1,
} from './sla.v1';
import { TenantUpdatedV1 } from './tenant-updated.v1';
import { UserDeletedV1, UserInvitedV1, UserUpdatedV1 } from './tenant-user.v1';

export * from './chat.v1';
export * from './chatroom-deleted.v1';
export * from './contact.v1';
export * from './csat-rated.v1';
export * from './intercom.v1';
export * from './note-added.v1';
export * from './notification-outcome.v1';
export * from './notification-requested.v1';
export * from './tenant-chatbot.v1';
export * from './tenant-session.v1';
export * from './tenant-routing.v1';
export * from './tenant-created.v1';
export * from './sla.v1';
export * from './label.v1';
export * from './tenant-updated.v1';
export * from './tenant-user.v1';

/** Every event Parley knows; topic creation (here and in redpanda/) is derived from this list. */
export const ALL_EVENTS: readonly EventDefinition[] = [
  TenantCreatedV1,
  TenantUpdatedV1,
  UserInvitedV1,
  UserUpdatedV1,
  UserDeletedV1,
  UserPermissionsChangedV1,
  SessionsRevokedV1,
  ChatbotCreatedV1,
  ChatbotUpdatedV1,
  ChatbotKeyRotatedV1,
  ChatbotDeletedV1,
  CategoryCreatedV1,
  CategoryUpdatedV1,
  CategoryDeletedV1,
  TeamCreatedV1,
  TeamUpdatedV1,
  TeamDeletedV1,
  NotificationRequestedV1,
  NotificationSentV1,
  NotificationFailedV1,
  ChatroomCreatedV1,
  ChatroomAssignedV1,
  ChatroomRequeuedV1,
  ChatroomStandbyV1,
  ChatroomResumedV1,
  ChatroomClosedV1,
  ChatroomUpdatedV1,
  ChatroomDeletedV1,
  MessageSentV1,
  NoteAddedV1,
  AgentPresenceChangedV1,
  ContactUpdatedV1,
  ContactErasedV1,
  SlaPolicyCreatedV1,
  SlaPolicyUpdatedV1,
  SlaPolicyDeletedV1,
  SlaBreachedV1,
  LabelCreatedV1,
  LabelUpdatedV1,
  LabelDeletedV1,
  ChatroomLabelledV1,
  CsatRatedV1,
  IntercomConversationClosedV1,
];
