import { type ServiceDefinition } from '@app/platform';
import { emailConfigSchema, type EmailConfig } from './email.config';
import { EmailModule } from './email.module';

export const emailService: ServiceDefinition<EmailConfig> = {
  name: 'email',
  schema: emailConfigSchema,
  rootModule: (config) => EmailModule.register(config),
};
