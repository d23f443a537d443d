/**
 * The short chime of a new waiting visitor, played with WebAudio. Browsers let a page make
 * sound only after the user interacted with it, so the audio context is created (or resumed)
 * on the first click or key press, never on load.
 */
let context: AudioContext | null = null;

function unlock(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    // No WebAudio (an embedded browser): the inbox stays silent.
  }
}

/** Prepares the sound on the page's first user gesture; returns a function that stops waiting. */
export function unlockSoundOnGesture(): () => void {
  const events = ['pointerdown', 'keydown'] as const;
  const onGesture = () => {
    unlock();
    if (context?.state === 'running') stop();
  };
  const stop = () => events.forEach((event) => document.removeEventListener(event, onGesture));
  events.forEach((event) => document.addEventListener(event, onGesture));
  return stop;
}

/** Two rising notes, a quarter of a second in all; nothing before the page was interacted with. */
export function playChime(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  [660, 880].forEach((frequency, index) => {
    const at = start + index * 0.12;
    const oscillator = context!.createOscillator();
    const gain = context!.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
    oscillator.connect(gain).connect(context!.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.15);
  });
}
