import { type CategoryView, type Jsonified } from '@app/contracts';
import { z } from 'zod';

/** The bodies the categories routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const categoryAnswer = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<Jsonified<CategoryView>>;

export const categoriesAnswer = z.object({ categories: z.array(categoryAnswer) });
