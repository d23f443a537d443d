import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { emailService } from '../../apps/email/src/email.service-definition';
import { integrationsService } from '../../apps/integrations/src/integrations.service-definition';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';

/** Every Parley service, with the docker-compose services that run it. */
export const SERVICES = [
  { definition: tenantService, compose: ['tenant'] },
  { definition: chatService, compose: ['chat-1', 'chat-2'] },
  { definition: analyticsService, compose: ['analytics'] },
  { definition: emailService, compose: ['email'] },
  { definition: integrationsService, compose: ['integrations'] },
] as const;
