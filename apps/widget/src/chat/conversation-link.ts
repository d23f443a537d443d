/**
 * The room and token of a visitor's email link: `/conversation/<roomId>#token=<visitorToken>`
 * (links mailed before the token moved into the fragment carry it as `?token=`).
 */
export interface ConversationLink {
  roomId: string;
  visitorToken?: string;
}

const tokenKey = (roomId: string) => `parley:conversation:${roomId}`;

/**
 * Reads the link, then takes the token out of the address bar (it would otherwise sit in the
 * history and go out in Referer headers) and keeps it for this tab, so a reload still works.
 */
export function takeConversationLink(): ConversationLink | null {
  const roomId = decodeURIComponent(location.pathname.split('/').filter(Boolean).at(-1) ?? '');
  if (!roomId || roomId === 'conversation') return null;
  const url = new URL(location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const fromLink = fragment.get('token') ?? url.searchParams.get('token');
  try {
    if (fromLink) {
      sessionStorage.setItem(tokenKey(roomId), fromLink);
      url.searchParams.delete('token');
      url.hash = '';
      history.replaceState(history.state, '', url);
    }
    return {
      roomId,
      visitorToken: fromLink ?? sessionStorage.getItem(tokenKey(roomId)) ?? undefined,
    };
  } catch {
    return { roomId, visitorToken: fromLink ?? undefined };
  }
}
