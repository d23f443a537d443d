import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InvitationDispatcher } from './invitation-dispatcher.service';
import { InvitationLocks } from './invitation-locks';
import { InvitationSweeper } from './invitation-sweeper.service';
import { ReviewConversationFactsRepository } from './review-conversation-facts.repository';
import { ReviewEventsController } from './review-events.controller';
import {
  ReviewInvitation,
  ReviewInvitationSchema,
  ReviewRating,
  ReviewRatingSchema,
  ReviewVisitor,
  ReviewVisitorSchema,
} from './review-invitation.schema';
import { ReviewInvitationsRepository } from './review-invitations.repository';
import { ReviewInvitationsService } from './review-invitations.service';
import { TrustpilotClient } from './trustpilot-client';
import {
  TrustpilotConnection,
  TrustpilotConnectionSchema,
  TrustpilotHealth,
  TrustpilotHealthSchema,
} from './trustpilot-connection.schema';
import { TrustpilotConnectionsRepository } from './trustpilot-connections.repository';
import { TrustpilotConnectionsService } from './trustpilot-connections.service';
import { TrustpilotController } from './trustpilot.controller';
import { TrustpilotCredentialsVault } from './trustpilot-credentials-vault';
import { TrustpilotTokens } from './trustpilot-tokens';

/**
 * Review invitations through Trustpilot: the connection (REST), the triggers from Kafka (a
 * resolved close, an Intercom close, a rating), sending with retries, the log and its counts.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: TrustpilotConnection.name, schema: TrustpilotConnectionSchema },
      { name: TrustpilotHealth.name, schema: TrustpilotHealthSchema },
      { name: ReviewInvitation.name, schema: ReviewInvitationSchema },
      { name: ReviewVisitor.name, schema: ReviewVisitorSchema },
      { name: ReviewRating.name, schema: ReviewRatingSchema },
    ]),
  ],
  controllers: [TrustpilotController, ReviewEventsController],
  providers: [
    TrustpilotClient,
    TrustpilotCredentialsVault,
    TrustpilotTokens,
    TrustpilotConnectionsRepository,
    TrustpilotConnectionsService,
    ReviewInvitationsRepository,
    ReviewConversationFactsRepository,
    ReviewInvitationsService,
    InvitationLocks,
    InvitationDispatcher,
    InvitationSweeper,
  ],
})
export class ReviewsModule {}
