import { type ReactNode, useId } from 'react';

/**
 * A field's error beside the field (the API's `ApiError.fields[name]` or the form's own check), tied to the
 * input by `aria-describedby={fieldErrorId(name)}` and announced.
 */
export function fieldErrorId(name: string): string {
  return `field-error-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  const message = errors[name];
  if (!message) return null;
  return (
    <span className="field-error" id={fieldErrorId(name)} role="alert">
      {message}
    </span>
  );
}

/** The props that tie an input to its error: `<input {...invalidProps('email', errors)} />`. */
export function invalidProps(name: string, errors: Record<string, string>): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return errors[name] ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(name) } : {};
}

/** A labelled field with its error beside it (the error is not part of the field's name). */
export function Field({ name, label, errors, children }: { name: string; label: string; errors: Record<string, string>; children: (id: string) => ReactNode }) {
  const id = `${useId()}-${name}`;
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      <FieldError name={name} errors={errors} />
    </div>
  );
}
