/**
 * localStorage that never throws: it is missing or refuses writes when the visitor blocks
 * site data (and in some private modes). The widget then keeps state for this page only.
 */
const memory = new Map<string, string>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readItem(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function writeItem(key: string, value: string): void {
  memory.set(key, value);
  try {
    storage()?.setItem(key, value);
  } catch {
    // Blocked or full: the in-memory copy serves this page.
  }
}

export function removeItem(key: string): void {
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing more can be done; the in-memory copy is gone already.
  }
}
