import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { ProcessedEvent } from './processed-event.schema';

const DUPLICATE_KEY = 11000;

@Injectable()
export class ProcessedEventsRepository {
  constructor(@InjectModel(ProcessedEvent.name) private readonly marks: Model<ProcessedEvent>) {}

  async has(handler: string, eventId: string): Promise<boolean> {
    return (await this.marks.exists({ _id: `${handler}:${eventId}` })) !== null;
  }

  async mark(handler: string, eventId: string): Promise<void> {
    try {
      await this.marks.create({ _id: `${handler}:${eventId}`, processedAt: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  async forgetOlderThan(cutoff: Date): Promise<number> {
    const result = await this.marks.deleteMany({ processedAt: { $lt: cutoff } });
    return result.deletedCount;
  }
}
