import {
  isQuestion,
  type Journey,
  type JourneyAnswers,
  walkJourney,
  type JourneyWalk,
  type RoomPriority,
} from '@app/contracts';
import { AppHttpError } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { TeamsRepository } from '../directory/teams.repository';
import { routedTeam } from '../rooms/room-routing';
import { PENDING_UPLOADS, type PendingUploads } from './pending-uploads';

export type FinishedWalk = Extract<JourneyWalk, { ok: true }>;

/** A visitor's answers to the chatbot's journey: checked against its graph before a room opens. */
@Injectable()
export class JourneyAnswersService {
  constructor(
    @Inject(PENDING_UPLOADS) private readonly uploads: PendingUploads,
    private readonly teams: TeamsRepository,
  ) {}

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
    return walk;
  }

  /**
   * Where the journey's end sends the room: its category and priority, and its team (the end's,
   * else the one its category routes to), for the room and for the team's hours.
   */
  async route(
    walk: FinishedWalk,
  ): Promise<{ category: string | null; priority: RoomPriority; teamId: string | null }> {
    const category = walk.end.category
      ? walk.end.category
      : walk.category
        ? await this.answeredCategory(walk.category)
        : null;
    const teamId = routedTeam(
      { category, teamId: walk.end.teamId ?? null },
      await this.teams.list(),
    );
    return { category, priority: walk.end.priority ?? 'normal', teamId };
  }

  /**
   * A form from before journeys named the category by the visitor's answer: the tenant's
   * category of that name when there is one (so teams route it), else the answer as it is.
   */
  private async answeredCategory(answer: string): Promise<string> {
    return (await this.teams.categoryNamed(answer))?.id ?? answer;
  }

  /**
   * The image answers are uploads of this chatbot still waiting for a room: checked before the
   * room opens, so a refused session stores nothing.
   */
  async checkImages(walk: FinishedWalk, journey: Journey, chatbotId: string): Promise<void> {
    const images = imagesOf(journey, walk);
    if (images.length === 0) return;
    for (const { nodeId, id } of images)
      await this.uploads.checkPending([id], chatbotId, `answers.${nodeId}`);
  }

  /** The room takes the images its visitor answered with. */
  async claimImages(
    walk: FinishedWalk,
    journey: Journey,
    room: { id: string; chatbotId: string; visitor: { id: string } },
  ): Promise<void> {
    for (const { nodeId, id } of imagesOf(journey, walk))
      await this.uploads.claimForRoom([id], room, `answers.${nodeId}`);
  }
}

/** The uploads answering the image questions on the way taken. */
function imagesOf(journey: Journey, walk: FinishedWalk): { nodeId: string; id: string }[] {
  return journey.nodes.flatMap((node) => {
    const answer = walk.answers[node.id];
    return isQuestion(node) && node.type === 'image' && typeof answer === 'string'
      ? [{ nodeId: node.id, id: answer }]
      : [];
  });
}
