const STORAGE_KEY = 'parley.inbox.sound';

/** Whether the agent wants the chime for new waiting visitors (on unless turned off). */
export function soundWanted(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundWanted(wanted: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, wanted ? 'on' : 'off');
  } catch {
    // Private mode: the choice lasts as long as the page.
  }
}
