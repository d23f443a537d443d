import { runService } from '@app/platform';
import { chatService } from './chat.service-definition';

void runService(chatService);
