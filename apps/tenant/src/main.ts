import { runService } from '@app/platform';
import { tenantService } from './tenant.service-definition';

void runService(tenantService);
