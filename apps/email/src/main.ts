import { runService } from '@app/platform';
import { emailService } from './email.service-definition';

void runService(emailService);
