import {
  describeServiceIsolation,
  UNSCOPED_CONSUMER_MODELS,
  UNSCOPED_OUTBOX_MODELS,
} from '@app/testing';
import { emailService } from '../src/email.service-definition';

describeServiceIsolation(emailService, {
  DeliveryDue:
    'the senders’ queue of notifications not final yet (id, tenant, due time), read across tenants by whichever replica sends next; each notification is then read as its own tenant’s',
  SendAttempt:
    'a claim `<notification>:<attempt>` whose unique `_id` decides which sender makes the attempt; it holds only the sender and the time',
  TenantBranding:
    'the tenant itself (name, colour), `_id` = the tenant id, kept from the tenant service’s events and looked up by the tenant id of the mail being rendered',
  ...UNSCOPED_OUTBOX_MODELS,
  ...UNSCOPED_CONSUMER_MODELS,
});
