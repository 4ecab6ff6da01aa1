import { useMemo, useRef, useState } from 'react';
import type { Shown } from './Answer';
import { createDeskScanner } from './scanner';
import type { DeskDevice } from './setup';

/**
 * Scans a code with the desk's scanner and keeps the answer until the next scan. A slow answer that
 * comes after a newer scan's is dropped: the screen always shows the last code scanned.
 */
export function useDeskScan(device: DeskDevice) {
  const scanner = useMemo(() => createDeskScanner(device), [device]);
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const last = useRef(0);

  async function scan(code: string, options: { print?: boolean } = {}): Promise<void> {
    const seq = ++last.current;
    setShown({ kind: 'checking' });
    try {
      const answer = await scanner.scan(code);
      if (seq === last.current) setShown({ kind: 'answer', answer, seq, print: options.print });
    } catch (error) {
      if (seq === last.current) setShown({ kind: 'error', error });
    }
  }

  return { shown, scan, showError: (error: unknown) => setShown({ kind: 'error', error }) };
}
