import { AppHttpError } from '@app/platform';
import { NotFoundException } from '@nestjs/common';

/** Errors of the canned replies. */
export const cannedReplyErrors = {
  notFound: () => new NotFoundException('canned reply not found'),
  shortcutTaken: (scope: 'shared' | 'personal') =>
    new AppHttpError(
      409,
      'shortcut_taken',
      scope === 'shared'
        ? 'shortcut: another shared reply of this workspace has this shortcut'
        : 'shortcut: another of your personal replies has this shortcut',
    ),
  tooMany: (scope: 'shared' | 'personal', limit: number) =>
    new AppHttpError(
      409,
      'canned_reply_limit_reached',
      scope === 'shared'
        ? `a workspace has at most ${limit} shared canned replies`
        : `an agent has at most ${limit} personal canned replies`,
    ),
  sharedNeedsPermission: () =>
    new AppHttpError(
      403,
      'canned_manage_required',
      'only an agent holding canned:manage may create, change or delete shared replies',
    ),
};
