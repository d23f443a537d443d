/**
 * A short chime for an agent's message. Browsers only let a page make sound after the visitor
 * interacted with it, so the audio context is created (or resumed) inside a gesture handler;
 * until then `beep` stays silent rather than queueing sound or logging autoplay warnings.
 */
let context: AudioContext | undefined;

export function unlockSound(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    // No Web Audio here: the widget simply stays silent.
  }
}

export function beep(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  const tone = context.createOscillator();
  const volume = context.createGain();
  tone.type = 'sine';
  tone.frequency.setValueAtTime(880, start);
  tone.frequency.setValueAtTime(1320, start + 0.09);
  volume.gain.setValueAtTime(0.0001, start);
  volume.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
  volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
  tone.connect(volume).connect(context.destination);
  tone.start(start);
  tone.stop(start + 0.32);
}

/** Unlocks sound on the visitor's first pointer or key press inside `root`. */
export function unlockSoundOnGesture(root: ShadowRoot | HTMLElement): void {
  for (const type of ['pointerdown', 'keydown'])
    root.addEventListener(type, unlockSound, { capture: true, passive: true });
}
