import { useState } from 'react';
import { useInterval } from '../ui/useInterval';

/** The current time, renewed every `ms` while the tab is visible: for ticking wait times. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), ms);
  return now;
}
