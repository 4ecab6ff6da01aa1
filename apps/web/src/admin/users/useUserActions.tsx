import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../shared/ConfirmDialog';
import { describeUserError, useDisable, useEnable, type User } from './userApi';

export interface UserActions {
  /** Disables (after a confirmation saying the user's tokens end at once) or enables the user. */
  toggle: (user: User) => Promise<void>;
  busy: boolean;
  /** What the last action did, or why it failed, in words; the confirmation dialog. */
  outcome: ReactNode;
}

export function useUserActions(): UserActions {
  const { t } = useTranslation('adminUsers');
  const [confirm, dialog] = useConfirm();
  const disable = useDisable();
  const enable = useEnable();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const toggle = async (user: User) => {
    const name = user.displayName;
    setSaid(null);
    try {
      if (user.disabled) {
        await enable.mutateAsync(user.id);
        setSaid({ ok: true, text: t('actions.enabledDone', { name }) });
        return;
      }
      const yes = await confirm({ title: t('actions.disableTitle', { name }), text: <p>{t('actions.disableText', { name })}</p>, confirmLabel: t('actions.disableConfirm'), danger: true });
      if (!yes) return;
      await disable.mutateAsync(user.id);
      setSaid({ ok: true, text: t('actions.disabledDone', { name }) });
    } catch (error) {
      setSaid({ ok: false, text: describeUserError(t, error) });
    }
  };
  const outcome = (
    <>
      {dialog}
      <div aria-live="polite">{said?.ok && <p className="users-done">{said.text}</p>}</div>
      {said && !said.ok && (
        <p className="error" role="alert">
          {said.text}
        </p>
      )}
    </>
  );
  return { toggle, busy: disable.isPending || enable.isPending, outcome };
}

/** The disable or enable button of a user, named with the user's name for screen readers. */
export function ToggleButton({ user, actions }: { user: User; actions: UserActions }) {
  const { t } = useTranslation('adminUsers');
  const name = user.displayName;
  return (
    <button type="button" className={user.disabled ? undefined : 'danger'} disabled={actions.busy} aria-label={t(user.disabled ? 'actions.enableName' : 'actions.disableName', { name })} onClick={() => void actions.toggle(user)}>
      {t(user.disabled ? 'actions.enable' : 'actions.disable')}
    </button>
  );
}
