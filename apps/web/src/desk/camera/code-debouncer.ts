/**
 * The camera sees a badge on every decoded frame while it is held up. A code is handed on once, then
 * not again until it has been out of sight for `awayMs` (a frame or two missed while a hand moves does
 * not count as away): holding a badge in front of the camera is one scan; showing it again later is another.
 * Returns `fresh(code, now)`: true when the code should be scanned.
 */
export function createCodeDebouncer(awayMs: number): (code: string, now: number) => boolean {
  const lastSeen = new Map<string, number>();
  return (code, now) => {
    const previous = lastSeen.get(code);
    lastSeen.set(code, now);
    for (const [other, at] of lastSeen) if (now - at > awayMs) lastSeen.delete(other);
    return previous === undefined || now - previous > awayMs;
  };
}
