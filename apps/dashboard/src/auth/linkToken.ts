import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

const storageKey = (path: string) => `parley:link-token:${path}`;

/**
 * The one-time token of an emailed link (`…#token=<token>`). It rides in the fragment, which
 * browsers never send, so it reaches no server's access log; links mailed before that carry it
 * as `?token=`. Once read it leaves the address bar (history, Referer) and is kept for this tab,
 * so a reload still works.
 */
export function useLinkToken(): string {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => {
    const fromLink =
      new URLSearchParams(location.hash.slice(1)).get('token') ??
      new URLSearchParams(location.search).get('token');
    try {
      if (fromLink) sessionStorage.setItem(storageKey(location.pathname), fromLink);
      return fromLink ?? sessionStorage.getItem(storageKey(location.pathname)) ?? '';
    } catch {
      return fromLink ?? '';
    }
  });

  const inAddressBar = location.hash.includes('token=') || location.search.includes('token=');
  useEffect(() => {
    if (inAddressBar) void navigate({ pathname: location.pathname }, { replace: true });
  }, [inAddressBar, location.pathname, navigate]);

  return token;
}
