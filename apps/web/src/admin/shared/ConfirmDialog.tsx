import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmRequest {
  title: string;
  /** What the action does, in words: what changes, what cannot be undone. */
  text: ReactNode;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * Every destructive action asks first: `const [confirm, dialog] = useConfirm()`, render `dialog`, then
 * `if (await confirm({ … })) …`. A native modal <dialog>: focus moves in, Escape cancels, focus returns.
 */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, ReactNode] {
  const { t } = useTranslation('admin');
  const ref = useRef<HTMLDialogElement>(null);
  const answer = useRef<(yes: boolean) => void>(() => undefined);
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const confirm = (next: ConfirmRequest) =>
    new Promise<boolean>((resolve) => {
      answer.current = resolve;
      setRequest(next);
      requestAnimationFrame(() => ref.current?.showModal());
    });
  const close = (yes: boolean) => {
    ref.current?.close();
    answer.current(yes);
    answer.current = () => undefined;
  };
  const dialog = (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="confirm-title" onClose={() => answer.current(false)}>
      {request && (
        <>
          <h2 id="confirm-title">{request.title}</h2>
          <div>{request.text}</div>
          <div className="actions">
            <button type="button" onClick={() => close(false)} autoFocus>
              {t('cancel')}
            </button>
            <button type="button" className={request.danger ? 'danger' : 'primary'} onClick={() => close(true)}>
              {request.confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
  return [confirm, dialog];
}
