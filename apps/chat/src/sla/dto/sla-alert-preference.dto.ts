import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const slaAlertPreferenceSchema = z.strictObject({ email: z.boolean() });

/** `PUT /sla/alert-preference`: whether the caller is emailed about breaches too. */
export class SlaAlertPreferenceDto extends createZodDto(slaAlertPreferenceSchema) {}
