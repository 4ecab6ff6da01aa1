import { useEffect, useState } from 'react';
import { ApiError, type Schema } from '../../shared/api';
import { endSession, readSession } from '../../shared/session';
import { SseParser } from './sse';

export type CheckinStats = Schema<'CheckinStatsDto'>;

export interface LiveStats {
  /** `connecting` at first, `live` while the stream flows, `retrying` after it dropped, `failed` when retrying cannot help. */
  status: 'connecting' | 'live' | 'retrying' | 'failed';
  /** The latest figures (kept while the stream reconnects). */
  stats?: CheckinStats;
  error?: unknown;
}

const GIVE_UP = new Set([400, 401, 403, 404]);
const MAX_WAIT_MS = 15_000;

/**
 * The live check-in figures of an edition and day: GET /checkin/stats/stream, read with fetch because
 * EventSource cannot send the bearer token. A dropped stream is opened again after 1, 2, 4… up to 15 s;
 * an answer that retrying cannot change (a wrong edition or day, no access) stops it.
 */
export function useLiveStats(editionId: string | undefined, day: string | undefined): LiveStats {
  const [live, setLive] = useState<LiveStats>({ status: 'connecting' });
  useEffect(() => {
    if (!editionId) return;
    const stop = new AbortController();
    setLive({ status: 'connecting' });
    void follow(editionId, day, stop.signal, setLive);
    return () => stop.abort();
  }, [editionId, day]);
  return live;
}

type Update = (change: (current: LiveStats) => LiveStats) => void;

async function follow(editionId: string, day: string | undefined, signal: AbortSignal, update: Update): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    try {
      await readStream(editionId, day, signal, (stats) => {
        attempt = 0;
        update(() => ({ status: 'live', stats }));
      });
      if (signal.aborted) return;
      update((current) => ({ ...current, status: 'retrying' }));
    } catch (error) {
      if (signal.aborted) return;
      const final = error instanceof ApiError && GIVE_UP.has(error.status);
      if (error instanceof ApiError && error.status === 401) endSession('expired');
      update((current) => ({ ...current, status: final ? 'failed' : 'retrying', error }));
      if (final) return;
    }
    await pause(Math.min(1000 * 2 ** attempt++, MAX_WAIT_MS), signal);
  }
}

async function readStream(editionId: string, day: string | undefined, signal: AbortSignal, onStats: (stats: CheckinStats) => void): Promise<void> {
  const query = new URLSearchParams({ editionId, ...(day ? { day } : {}) });
  const token = readSession()?.token;
  let response: Response;
  try {
    response = await fetch(`/api/v1/checkin/stats/stream?${query}`, {
      headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      signal,
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok || !response.body) throw await answerError(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read().catch((error: unknown) => {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    });
    if (done) return;
    for (const event of parser.push(value)) {
      if (event.event === 'stats') onStats(JSON.parse(event.data) as CheckinStats);
      if (event.event === 'error') throw bodyError(503, JSON.parse(event.data));
    }
  }
}

async function answerError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => ({}));
  return bodyError(response.status, body);
}

function bodyError(status: number, body: unknown): ApiError {
  const { error, message, details, requestId } = (body ?? {}) as { error?: string; message?: string; details?: unknown; requestId?: string };
  return new ApiError(status, error ?? `http_${status}`, message ?? '', details, requestId);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
