import { createCodeDebouncer } from './code-debouncer';

describe('the camera debouncer', () => {
  it('hands a code on once while it stays in front of the camera, and again once it has been away', () => {
    const fresh = createCodeDebouncer(2000);
    expect(fresh('A', 0)).toBe(true);
    // Held up for 5 s, seen on every decoded frame: never again.
    for (let at = 250; at <= 5000; at += 250) expect(fresh('A', at)).toBe(false);
    // Missed by a few frames (a hand moving) but back within 2 s: still the same showing.
    expect(fresh('A', 6500)).toBe(false);
    // Taken away for more than 2 s, then shown again: a new scan (the desk wants the amber answer).
    expect(fresh('A', 8600)).toBe(true);
  });

  it('hands on another code at once, and keeps each code to itself (two badges in view are two scans, not a flicker)', () => {
    const fresh = createCodeDebouncer(2000);
    expect(fresh('A', 0)).toBe(true);
    expect(fresh('B', 300)).toBe(true);
    // Both in view, the decoder reading one then the other: no repeat of either.
    for (let at = 600; at <= 3000; at += 300) expect(fresh(at % 600 === 0 ? 'A' : 'B', at)).toBe(false);
    expect(fresh('A', 5100)).toBe(true);
  });
});
