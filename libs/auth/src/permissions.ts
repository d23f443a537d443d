import { SetMetadata } from '@nestjs/common';

/** Every permission a role can grant; the dashboard lists them from here too. */
export const PERMISSIONS = [
  'tenant:manage',
  'agents:manage',
  'roles:manage',
  'chatbots:manage',
  'chats:join',
  'chats:block',
  'chats:transfer',
  'chats:supervise',
  /** Deleting a closed conversation with its files for good. */
  'chats:delete',
  /** Creating, changing and deleting the workspace's shared canned replies. */
  'canned:manage',
  /** Erasing a contact with all their conversations and files (GDPR). */
  'contacts:erase',
  /** Exporting all that is stored about a contact as JSON (GDPR). */
  'contacts:export',
  /** Creating, changing and deleting the workspace's SLA policies. */
  'sla:manage',
  /** Creating, renaming, recolouring and deleting the workspace's labels for conversations. */
  'labels:manage',
  /** Creating, listing and revoking the workspace's API tokens, and reading their use. */
  'api-tokens:manage',
  /** Registering, changing and deleting the workspace's outgoing webhooks, and their secrets. */
  'integrations:manage',
  'analytics:view',
  'notifications:manage',
] as const;

/**
 * Permissions of the platform's operators, over every tenant at once. No role can hold them (a
 * role's permissions come from `PERMISSIONS` only, Admin's too): the tenant service adds them to
 * the tokens of the users named in `PLATFORM_OPERATORS`.
 */
export const PLATFORM_PERMISSIONS = ['platform:operate'] as const;

export type Permission = (typeof PERMISSIONS)[number] | (typeof PLATFORM_PERMISSIONS)[number];

export const REQUIRED_PERMISSIONS = 'parley:requiredPermissions';

/** The route needs every one of these permissions; without them the answer is 403. */
export const RequirePermissions = (
  ...permissions: Permission[]
): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSIONS, permissions);

/** The route needs a signed-in user and no particular permission (e.g. `GET /me`). */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSIONS, []);

export const PERSON_ONLY = 'parley:personOnly';

/**
 * The route acts for the signed-in person (their profile, sessions, preferences, personal data):
 * an API token, which is no person, is refused with 403 `api_token_not_allowed`.
 */
export const NotForApiTokens = (): MethodDecorator & ClassDecorator =>
  SetMetadata(PERSON_ONLY, true);
