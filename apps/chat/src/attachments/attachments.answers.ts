import { type MessageAttachment, type UploadedAttachment } from '@app/contracts';
import { z } from 'zod';

/** The bodies the attachment routes answer, for the OpenAPI document (see `ApiAnswer`). */
export const uploadedAttachmentAnswer = z.object({
  id: z.string(),
  name: z.string().describe('The file’s name, cleaned, its extension that of its real type.'),
  size: z.number().int().describe('Bytes as stored (an image without its metadata).'),
  contentType: z.string().describe('Recognised from the bytes, not from the name.'),
  url: z
    .string()
    .optional()
    .describe('A short-lived download path on Parley’s origin; absent on a pending upload.'),
}) satisfies z.ZodType<UploadedAttachment>;

export const messageAttachmentAnswer = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  thumbnailUrl: z.string().optional(),
  url: z.string(),
}) satisfies z.ZodType<MessageAttachment>;

/** The multipart body of an upload, for the OpenAPI document. */
export const uploadBody = (
  extraFields: Record<string, { type: 'string'; description: string }> = {},
) => ({
  schema: {
    type: 'object',
    required: ['file', ...Object.keys(extraFields)],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description:
          'One file. Its type is read from its bytes: images (PNG, JPEG, GIF, WebP), PDF and plain text unless the workspace says otherwise.',
      },
      ...extraFields,
    },
  },
});

export const UPLOAD_ERRORS = {
  413: '`file_too_large`: over ATTACHMENT_MAX_BYTES (10 MB by default); nothing is stored.',
  415: '`unsupported_file_type`: the bytes are not of a type the workspace accepts; nothing is stored.',
  503: '`storage_unavailable`: the object store does not answer; messages still go through.',
} as const;
