import type { CSSProperties } from 'react';

const HUES = [210, 260, 330, 20, 45, 150, 180, 290];

function hueOf(name: string): number {
  let hash = 0;
  for (const character of name) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length];
}

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : words[0][0];
  return letters.toUpperCase();
}

/** A visitor's initials on a colour of their own, so chats are told apart at a glance. */
export function Avatar({ name, size = 'medium' }: { name: string; size?: 'medium' | 'large' }) {
  return (
    <span
      className={`inbox-avatar inbox-avatar-${size}`}
      style={{ '--inbox-avatar-hue': hueOf(name) } as CSSProperties}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
