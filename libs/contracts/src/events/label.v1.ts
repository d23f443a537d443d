import { z } from 'zod';
import { defineEvent } from '../define-event';
import { labelSnapshotSchema } from '../rest/labels';

/** Chat keeps which label ids the tenant has from these, to refuse any other on a room. */
export const LabelCreatedV1 = defineEvent({
  type: 'tenant.label.created',
  version: 1,
  keyKind: 'tenant',
  payload: labelSnapshotSchema,
});

export const LabelUpdatedV1 = defineEvent({
  type: 'tenant.label.updated',
  version: 1,
  keyKind: 'tenant',
  payload: labelSnapshotSchema,
});

/** Chat takes the label off every room that wears it. */
export const LabelDeletedV1 = defineEvent({
  type: 'tenant.label.deleted',
  version: 1,
  keyKind: 'tenant',
  payload: z.object({ labelId: z.string().min(1) }),
});

/**
 * An agent put a label on a room or took one off (`removed`), or a deleted label left it (no
 * `by`). `labels`: the room's whole list after the change, so a consumer needs no earlier state.
 */
export const ChatroomLabelledV1 = defineEvent({
  type: 'chat.chatroom.labelled',
  version: 1,
  keyKind: 'chatroom',
  payload: z.object({
    roomId: z.string().min(1),
    chatbotId: z.string().min(1),
    labelId: z.string().min(1),
    change: z.enum(['added', 'removed']),
    labels: z.array(z.string().min(1)),
    /** The agent; absent: the system (the label was deleted). */
    by: z.string().optional(),
    at: z.iso.datetime(),
  }),
});
