import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const categoryNameSchema = z.string().trim().min(1, 'required').max(80);

export class CategoryDto extends createZodDto(z.strictObject({ name: categoryNameSchema })) {}
