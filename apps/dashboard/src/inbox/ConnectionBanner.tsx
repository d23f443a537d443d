import { useEffect, useState } from 'react';
import { useInbox } from './InboxProvider';

// The first connection usually takes a blink: a banner flashing on every visit would be noise.
const CONNECTING_QUIET_MS = 1500;

/** Says so while the inbox is not live; messages written meanwhile are sent on reconnecting. */
export function ConnectionBanner() {
  const { connection } = useInbox();
  const [slowStart, setSlowStart] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlowStart(true), CONNECTING_QUIET_MS);
    return () => clearTimeout(timer);
  }, []);

  if (connection === 'connected') return null;
  if (connection === 'connecting' && !slowStart) return null;
  const text =
    connection === 'signed-out'
      ? 'Your session has ended. Sign in again to keep chatting.'
      : connection === 'connecting'
        ? 'Connecting to chat…'
        : 'Reconnecting… Messages you write are sent when the connection is back.';
  return (
    <div
      className={`inbox-banner inbox-banner-${connection}`}
      role="status"
      data-testid="inbox-connection-banner"
    >
      {connection !== 'signed-out' && <span className="spinner" aria-hidden="true" />}
      {text}
    </div>
  );
}
