import { useState } from 'react';
import {
  type NotificationAccess,
  notificationAccess,
  requestNotificationAccess,
} from './desktop-notifications';
import { setSoundWanted, soundWanted } from './sound-preference';

/** The agent's choice of a chime and of desktop notifications for new waiting visitors. */
export function AlertControls() {
  const [sound, setSound] = useState(soundWanted);
  const [access, setAccess] = useState<NotificationAccess>(notificationAccess);

  const toggleSound = () => {
    setSoundWanted(!sound);
    setSound(!sound);
  };

  return (
    <div className="inbox-alert-controls">
      <button
        type="button"
        className="inbox-chip-button"
        aria-pressed={sound}
        onClick={toggleSound}
        title="Play a chime when a visitor starts waiting"
      >
        {sound ? 'Sound on' : 'Sound off'}
      </button>
      {access === 'default' && (
        <button
          type="button"
          className="inbox-chip-button"
          onClick={() => void requestNotificationAccess().then(setAccess)}
        >
          Enable notifications
        </button>
      )}
      {access === 'denied' && (
        <span className="inbox-hint" title="Allow them in your browser's site settings">
          Notifications blocked
        </span>
      )}
    </div>
  );
}
