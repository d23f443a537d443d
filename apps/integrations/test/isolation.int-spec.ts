import {
  describeServiceIsolation,
  UNSCOPED_CONSUMER_MODELS,
  UNSCOPED_OUTBOX_MODELS,
} from '@app/testing';
import { integrationsService } from '../src/integrations.service-definition';

describeServiceIsolation(integrationsService, {
  ...UNSCOPED_OUTBOX_MODELS,
  ...UNSCOPED_CONSUMER_MODELS,
});
