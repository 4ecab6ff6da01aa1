import { useTranslation } from 'react-i18next';
import type { ControlProps } from './FieldError';

/** The languages a person's messages and badge can be in; '' leaves it to the edition's. */
export const LANGUAGES = ['fr', 'en', 'ar'] as const;

/** A person's language: the edition's (''), or French, English or Arabic. Goes inside a <Field>. */
export function LanguageSelect({ value, onChange, ...props }: ControlProps & { value: string; onChange: (language: string) => void }) {
  const { t } = useTranslation('admin');
  return (
    <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('language.default')}</option>
      {LANGUAGES.map((language) => (
        <option key={language} value={language}>
          {t(`language.${language}`)}
        </option>
      ))}
    </select>
  );
}
