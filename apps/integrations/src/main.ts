import { runService } from '@app/platform';
import { integrationsService } from './integrations.service-definition';

void runService(integrationsService);
