import { z } from 'zod';

export const LABEL_LIMITS = {
  /** A workspace's labels stay few enough to pick from a menu. */
  labelsPerTenant: 100,
  nameLength: 40,
  /** A conversation wears at most this many labels. */
  labelsPerRoom: 20,
} as const;

/** `#rrggbb`, the form of the chatbot's `appearance.color` too. */
export const labelColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour');

/** A label as `GET /api/tenant/labels` answers it. */
export interface LabelView {
  id: string;
  name: string;
  color: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A label as the tenant events carry it to chat. */
export const labelSnapshotSchema = z.object({
  labelId: z.string().min(1),
  name: z.string(),
  color: labelColorSchema,
});
export type LabelSnapshot = z.infer<typeof labelSnapshotSchema>;
