/**
 * Per-person choices (language, current user, last register) live in the browser's storage, not in the
 * workbook: two colleagues co-authoring one workbook each keep their own.
 */
const PREFIX = 'taizhang.';

export interface Prefs {
  get(name: 'lang' | 'user' | 'register'): string | null;
  set(name: 'lang' | 'user' | 'register', value: string | null): void;
}

export function browserPrefs(storage: Storage | null = safeStorage()): Prefs {
  const memory = new Map<string, string>();
  return {
    get: (name) => {
      try {
        return storage ? storage.getItem(PREFIX + name) : (memory.get(name) ?? null);
      } catch {
        return memory.get(name) ?? null;
      }
    },
    set: (name, value) => {
      try {
        if (!storage) throw new Error('no storage');
        if (value === null) storage.removeItem(PREFIX + name);
        else storage.setItem(PREFIX + name, value);
      } catch {
        if (value === null) memory.delete(name);
        else memory.set(name, value);
      }
    },
  };
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
