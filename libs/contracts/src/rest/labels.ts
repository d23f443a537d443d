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

/**
 * How often a label was put on conversations (`added`) and taken off (`removed`) in a range, a
 * deleted label's removals included. A label is put on a conversation at most once at a time, so
 * `added` counts conversations labelled in the range (one labelled, unlabelled and labelled again
 * counts twice).
 */
export interface LabelFigures {
  labelId: string;
  added: number;
  removed: number;
}

/** `GET /api/analytics/labels`, most added first. */
export interface LabelsFigures {
  byLabel: LabelFigures[];
}
