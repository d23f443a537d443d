import { AppHttpError } from '@app/platform';

/** Errors of attachments: what an upload or a download is refused with. */
export const attachmentErrors = {
  storageUnavailable: () =>
    new AppHttpError(
      503,
      'storage_unavailable',
      'files cannot be stored right now; the conversation goes on without them',
    ),
  tooLarge: (maxBytes: number) =>
    new AppHttpError(413, 'file_too_large', `a file may have at most ${maxBytes} bytes`),
  unsupportedType: (allowed: readonly string[]) =>
    new AppHttpError(
      415,
      'unsupported_file_type',
      `this kind of file is not accepted here; accepted: ${allowed.join(', ')}`,
    ),
  noFile: () =>
    new AppHttpError(400, 'validation_failed', 'file: a multipart field `file` is required'),
  notFound: () => new AppHttpError(404, 'attachment_not_found', 'no such attachment'),
  badLink: () =>
    new AppHttpError(403, 'link_expired', 'this download link has expired or is not valid'),
  notUsable: (field: string, id: string, why: string) =>
    new AppHttpError(400, 'validation_failed', `${field}: attachment ${id} ${why}`),
};
