import {
  isQuestion,
  type Journey,
  type JourneyAnswers,
  walkJourney,
  type JourneyWalk,
} from '@app/contracts';
import { AppHttpError } from '@app/platform';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { PENDING_UPLOADS, type PendingUploads } from './pending-uploads';

export type FinishedWalk = Extract<JourneyWalk, { ok: true }>;

/** A visitor's answers to the chatbot's journey: checked against its graph before a room opens. */
@Injectable()
export class JourneyAnswersService {
  constructor(@Optional() @Inject(PENDING_UPLOADS) private readonly uploads?: PendingUploads) {}

  /**
   * The way the answers take through the journey. 409 `journey_changed` (with the current
   * journey, for the widget to start over) when they were given under another version; 400
   * naming the node when they do not follow a way of the graph.
   */
  walk(journey: Journey, answers: JourneyAnswers, version: number | undefined): FinishedWalk {
    if (version !== undefined && version !== journey.version)
      throw new AppHttpError(
        409,
        'journey_changed',
        `the chatbot's questions changed (now version ${journey.version}): answer them again`,
        { journey },
      );
    const walk = walkJourney(journey, answers);
    if (!walk.ok)
      throw new AppHttpError(400, 'validation_failed', `answers.${walk.nodeId}: ${walk.message}`);
    if (this.imagesOf(journey, walk).length > 0 && !this.uploads)
      throw new AppHttpError(503, 'uploads_unavailable', 'images cannot be received right now');
    return walk;
  }

  /** The room takes the images its visitor answered with. */
  async claimImages(journey: Journey, walk: FinishedWalk, roomId: string): Promise<void> {
    const ids = this.imagesOf(journey, walk);
    if (ids.length > 0) await this.uploads?.claimForRoom(ids, roomId);
  }

  private imagesOf(journey: Journey, walk: FinishedWalk): string[] {
    return journey.nodes.flatMap((node) => {
      const answer = walk.answers[node.id];
      return isQuestion(node) && node.type === 'image' && typeof answer === 'string'
        ? [answer]
        : [];
    });
  }
}
