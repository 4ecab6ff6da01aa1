import { type FormEvent, type RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * Brings the focus back to the scan field after every click that did not go into another field (a
 * button, the answer, the page): a handheld scanner types into whatever has the focus.
 */
export function useKeepFocus(field: RefObject<HTMLInputElement | null>, answered: unknown) {
  useEffect(() => {
    const back = () =>
      setTimeout(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active || !TYPING.has(active.tagName)) field.current?.focus();
      }, 0);
    // A click on the page's text focuses the main region (tabIndex -1): straight back to the field.
    const fromMain = (event: FocusEvent) => (event.target as HTMLElement | null)?.id === 'main' && field.current?.focus();
    back();
    document.addEventListener('click', back);
    document.addEventListener('focusin', fromMain);
    return () => {
      document.removeEventListener('click', back);
      document.removeEventListener('focusin', fromMain);
    };
    // On arrival, after every click and after every answer.
  }, [field, answered]);
}

/** The field a handheld scanner types into (the code, then Enter); emptied and focused again at once. */
export function ScanField({ field, onCode }: { field: RefObject<HTMLInputElement | null>; onCode: (code: string) => void }) {
  const { t } = useTranslation('desk');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = field.current!;
    const code = input.value.trim();
    input.value = '';
    input.focus();
    if (code) onCode(code);
  }
  return (
    <form className="desk-scan-form" onSubmit={submit}>
      <label htmlFor="desk-code">{t('scan.field')}</label>
      <div className="desk-scan-row">
        <input
          id="desk-code"
          ref={field}
          type="text"
          autoFocus
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          aria-describedby="desk-code-hint"
        />
        <button type="submit">{t('scan.submit')}</button>
      </div>
      <p id="desk-code-hint" className="desk-hint">
        {t('scan.fieldHint')}
      </p>
    </form>
  );
}
