import { useTranslation } from 'react-i18next';
import type { ControlProps } from './FieldError';

/**
 * A select of fixed codes, each shown in words by `label`; `empty` adds a first option '' with that text
 * (a filter's "any", a default). Goes inside a <Field> (its props spread on), or a filter's <label>.
 */
export function OptionSelect<T extends string>({
  options,
  label,
  value,
  onChange,
  empty,
  ...props
}: Partial<ControlProps> & { options: readonly T[]; label: (option: T) => string; value: string; onChange: (value: T) => void; empty?: string }) {
  return (
    <select {...props} value={value} onChange={(event) => onChange(event.target.value as T)}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((option) => (
        <option key={option} value={option}>
          {label(option)}
        </option>
      ))}
    </select>
  );
}

/** The languages a person's messages and badge can be in; '' leaves it to the edition's. */
export const LANGUAGES = ['fr', 'en', 'ar'] as const;

/** A person's language: the edition's (''), or French, English or Arabic. Goes inside a <Field>. */
export function LanguageSelect({ value, onChange, ...props }: ControlProps & { value: string; onChange: (language: string) => void }) {
  const { t } = useTranslation('admin');
  return <OptionSelect {...props} options={LANGUAGES} label={(language) => t(`language.${language}`)} empty={t('language.default')} value={value} onChange={onChange} />;
}
