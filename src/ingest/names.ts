// File names come from users and uploads: they are shown and stored, never used as filesystem paths.

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Controls, bidi overrides/isolates (U+202E makes "gpj.exe" read as "exe.jpg"), zero-width characters.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const MAX_LEN = 120;

/**
 * Sanitises a user-supplied file name for display and storage: keeps only the last path segment,
 * drops control/bidi/zero-width characters, replaces characters Windows forbids, defuses reserved device
 * names (CON, NUL, COM1 …) and leading dots, and caps the length at 120 characters keeping the
 * extension. Returns '' when nothing usable is left (the caller reports BAD_FILENAME).
 */
export function safeDisplayName(name: string): string {
  let n = String(name ?? '').replace(INVISIBLE, '');
  n = n.split(/[/\\]/).filter((s) => s !== '' && s !== '.' && s !== '..').pop() ?? '';
  n = n.replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!n) return '';
  if (RESERVED.test(n)) n = `_${n}`;
  const chars = [...n];
  if (chars.length > MAX_LEN) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 10 ? n.slice(dot) : '';
    const stem = [...n.slice(0, n.length - ext.length)].slice(0, MAX_LEN - [...ext].length - 1).join('');
    n = `${stem}…${ext}`;
  }
  return n;
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(name: string): string {
  const m = /\.([^.]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** The name without its extension, for titles. */
export function stemOf(name: string): string {
  const ext = extensionOf(name);
  return ext ? name.slice(0, -(ext.length + 1)) : name;
}
