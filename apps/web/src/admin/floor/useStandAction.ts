import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { describeError } from '../../shared/errors';
import { type Stand, floorKeys } from './queries';

/** What the page says after an action: done, a conflict (someone else was quicker), or another refusal. */
export interface Notice {
  kind: 'done' | 'conflict' | 'error';
  text: string;
}

export interface StandAction {
  /** The stand acted on (its code names it in the conflict message). */
  stand: Stand;
  run: () => Promise<Stand>;
  /** Said when it worked, from the stand the API answers. */
  done: (result: Stand) => string;
}

function conflictText(t: TFunction, error: ApiError, stand: Stand): string {
  const known: Record<string, string> = {
    stand_not_available: 'conflict.taken',
    stand_not_assigned: 'conflict.notAssigned',
    exhibitor_not_active: 'conflict.exhibitorClosed',
  };
  const key = known[error.code];
  const what = key ? t(key, { code: stand.code }) : describeError(t, error);
  return `${what} ${t('conflict.refreshed')}`;
}

/**
 * Runs an action on a stand; whatever happens the plan is read again. A 409 (the stand was taken or
 * freed meanwhile) is said in words as a conflict.
 */
export function useStandAction(editionId: string | undefined, report: (notice: Notice) => void) {
  const { t } = useTranslation('adminFloor');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: StandAction) => action.run(),
    onSuccess: (result, action) => report({ kind: 'done', text: action.done(result) }),
    onError: (error, action) => {
      if (error instanceof ApiError && error.status === 409) report({ kind: 'conflict', text: conflictText(t, error, action.stand) });
      else report({ kind: 'error', text: describeError(t, error) });
    },
    onSettled: () => client.invalidateQueries({ queryKey: floorKeys.plan(editionId) }),
  });
}
