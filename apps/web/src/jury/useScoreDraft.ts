import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { describeScale, onScale, parseScore, scoreText } from './format';
import type { FlushRegistry } from './PrizePage';
import { type Criterion, type JurorNominee, type JurorPrize, juryKeys, saveScores, useMyScores } from './queries';

export type SaveStatus = 'loading' | 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error';
type Score = { criterionId: string; value: number };
const DEBOUNCE_MS = 700;

/** The typed scores that can be sent, and what is wrong with the others, in words naming the criterion. */
function check(t: TFunction, language: string, prize: JurorPrize, values: Record<string, string>): { scores: Score[]; problems: string[] } {
  const scores: Score[] = [];
  const problems: string[] = [];
  for (const criterion of prize.criteria) {
    const value = parseScore(values[criterion.id] ?? '');
    if (value === null) continue;
    if (value === 'nan') problems.push(t('invalid.notNumber', { criterion: criterion.name }));
    else if (!onScale(prize.scale, value)) problems.push(t('invalid.offScale', { criterion: criterion.name, range: describeScale(t, language, prize.scale) }));
    else scores.push({ criterionId: criterion.id, value });
  }
  return { scores, problems };
}

/** The API's refusal in words: a lock (409) or recusal said plainly, a field error naming its criterion. */
function explain(t: TFunction, error: unknown, sent: Score[], criteria: Criterion[]): string {
  if (error instanceof ApiError) {
    const key = `locked409.${error.code}`;
    if (t(key, { defaultValue: '' })) return t(key);
    const fields = Object.entries(error.fields);
    if (fields.length) {
      return fields
        .map(([field, reasons]) => {
          const index = /^scores\.(\d+)\./.exec(field)?.[1];
          const criterion = index === undefined ? undefined : criteria.find((c) => c.id === sent[Number(index)]?.criterionId);
          return `${criterion?.name ?? field} : ${reasons}`;
        })
        .join(' · ');
    }
  }
  return describeError(t, error);
}

/**
 * While a draft is not saved yet, reloading or closing the page asks first (the browser's own question),
 * and what waits is sent at once.
 */
function useAskBeforeLeaving(waiting: boolean, flush: () => Promise<boolean>) {
  useEffect(() => {
    if (!waiting) return;
    const ask = (event: BeforeUnloadEvent) => {
      void flush();
      event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [waiting, flush]);
}

/** The draft's state, seeded once from my saved scores (never overwriting what I am typing). */
function useDraftState(prize: JurorPrize, nominee: JurorNominee) {
  const { i18n } = useTranslation('jury');
  const mine = useMyScores(prize.id, nominee.id, !nominee.recused);
  const [values, setValues] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ status: SaveStatus; message?: string }>({ status: 'loading' });
  const latest = useRef(values);
  const saved = useRef<Record<string, number>>({});
  const timer = useRef<number | undefined>(undefined);
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  useEffect(() => {
    if (!mine.data || timer.current !== undefined) return;
    saved.current = Object.fromEntries(mine.data.scores.map((s) => [s.criterionId, s.value]));
    latest.current = Object.fromEntries(mine.data.scores.map((s) => [s.criterionId, scoreText(i18n.language, s.value)]));
    setValues(latest.current);
    setStatus({ status: mine.data.scores.length ? 'saved' : 'idle' });
  }, [mine.data, i18n.language]);
  return { mine, values, setValues, status, setStatus, latest, saved, timer, queue };
}

/**
 * My scores for one nominee as I type them: checked on the spot, saved as a draft a moment after the last
 * key (or when the field loses focus), one request at a time; `flush` saves what waits (before submitting).
 */
export function useScoreDraft(prize: JurorPrize, nominee: JurorNominee, register: FlushRegistry) {
  const { t, i18n } = useTranslation('jury');
  const queryClient = useQueryClient();
  const { mine, values, setValues, status, setStatus, latest, saved, timer, queue } = useDraftState(prize, nominee);

  const send = useCallback(
    async (scores: Score[]): Promise<boolean> => {
      setStatus({ status: 'saving' });
      try {
        const answer = await saveScores(prize.id, nominee.id, scores);
        answer.scores.forEach((s) => (saved.current[s.criterionId] = s.value));
        if (timer.current === undefined) setStatus({ status: 'saved' });
        return true;
      } catch (error) {
        setStatus({ status: 'error', message: explain(t, error, scores, prize.criteria) });
        if (error instanceof ApiError && error.status === 409) {
          // Locked meanwhile (another device submitted, the window closed): show what the API holds.
          latest.current = Object.fromEntries(Object.entries(saved.current).map(([id, v]) => [id, scoreText(i18n.language, v)]));
          setValues(latest.current);
        }
        return false;
      } finally {
        void queryClient.invalidateQueries({ queryKey: juryKeys.prize(prize.id) });
        void queryClient.invalidateQueries({ queryKey: juryKeys.prizes });
      }
    },
    [prize.id, prize.criteria, nominee.id, queryClient, t, i18n.language],
  );

  const flush = useCallback((): Promise<boolean> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const { scores, problems } = check(t, i18n.language, prize, latest.current);
    if (problems.length) return Promise.resolve(false);
    const changed = scores.filter((s) => saved.current[s.criterionId] !== s.value);
    if (!changed.length) {
      // Back to what the API already holds: nothing to send.
      setStatus((now) => (now.status === 'pending' || now.status === 'invalid' ? { status: Object.keys(saved.current).length ? 'saved' : 'idle' } : now));
      return queue.current;
    }
    queue.current = queue.current.then(() => send(changed));
    return queue.current;
  }, [t, i18n.language, prize, send]);

  useEffect(() => {
    register(nominee.id, flush);
    return () => register(nominee.id, null);
  }, [register, nominee.id, flush]);
  useAskBeforeLeaving(status.status === 'pending' || status.status === 'saving' || status.status === 'invalid', flush);

  const change = (criterionId: string, text: string) => {
    latest.current = { ...latest.current, [criterionId]: text };
    setValues(latest.current);
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const { problems } = check(t, i18n.language, prize, latest.current);
    if (problems.length) return setStatus({ status: 'invalid', message: problems.join(' ') });
    setStatus({ status: 'pending' });
    timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
  };
  const blur = () => {
    if (timer.current !== undefined) void flush();
  };
  return { values, change, blur, ...status, loadError: mine.error };
}
