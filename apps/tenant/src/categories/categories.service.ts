import {
  CategoryCreatedV1,
  CategoryDeletedV1,
  CategoryUpdatedV1,
  type EventDefinition,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { type CategoryRecord, CategoriesRepository } from './categories.repository';
import { routingErrors } from './routing-errors';

/** A workspace's list of categories stays short enough to pick from. */
export const MAX_CATEGORIES = 100;

/** The tenant's categories; each change announced to chat. */
@Injectable()
export class CategoriesService {
  private readonly deletionListeners: Array<(categoryId: string) => Promise<void>> = [];

  constructor(
    private readonly categories: CategoriesRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Teams drop a deleted category from their list (teams import categories, not the reverse). */
  onDeleted(listener: (categoryId: string) => Promise<void>): void {
    this.deletionListeners.push(listener);
  }

  list(): Promise<CategoryRecord[]> {
    return this.categories.list();
  }

  async create(name: string): Promise<CategoryRecord> {
    if ((await this.categories.count()) >= MAX_CATEGORIES)
      throw routingErrors.tooMany('categories', MAX_CATEGORIES);
    const created = await this.categories.create(name);
    if (created === 'name_taken') throw routingErrors.nameTaken('category');
    await this.announce(CategoryCreatedV1, created);
    return created;
  }

  async rename(id: string, name: string): Promise<CategoryRecord> {
    const renamed = await this.categories.rename(id, name);
    if (renamed === 'name_taken') throw routingErrors.nameTaken('category');
    if (!renamed) throw routingErrors.categoryNotFound();
    await this.announce(CategoryUpdatedV1, renamed);
    return renamed;
  }

  /** No longer offered; rooms keep it, and teams stop routing it. */
  async delete(id: string): Promise<void> {
    if (!(await this.categories.delete(id))) throw routingErrors.categoryNotFound();
    await this.events.publish(CategoryDeletedV1, {
      tenantId: TenantContext.current(),
      payload: { categoryId: id },
    });
    for (const listener of this.deletionListeners) await listener(id);
  }

  /** The ids among `ids` that name no category of the tenant. */
  async unknown(ids: string[]): Promise<string[]> {
    const existing = await this.categories.existing(ids);
    return ids.filter((id) => !existing.has(id));
  }

  private async announce(definition: EventDefinition, category: CategoryRecord): Promise<void> {
    await this.events.publish(definition, {
      tenantId: TenantContext.current(),
      payload: { categoryId: category.id, name: category.name },
    });
  }
}
