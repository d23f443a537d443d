import { runService } from '@app/platform';
import { analyticsService } from './analytics.service-definition';

void runService(analyticsService);
