import { type ReactNode, useId } from 'react';

/**
 * A field's error beside the field (the API's `ApiError.fields[name]` or the form's own check), tied to the
 * input by `aria-describedby={fieldErrorId(name)}` and announced.
 */
export function fieldErrorId(name: string): string {
  return `field-error-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  return <ErrorBeside name={name} message={errors[name]} />;
}

function ErrorBeside({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return (
    <span className="field-error" id={fieldErrorId(name)} role="alert">
      {message}
    </span>
  );
}

/** What a field hands its control: `<input {...props} />` is labelled, named, and tied to its hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  /** The field's error (ours or the API's), said beside it; the error is not part of the field's name. */
  error?: string;
  /** A line of help under the control, read after its name. */
  hint?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its error beside it, both tied to it for screen readers. */
export function Field({ name, label, error, hint, children }: FieldProps) {
  const id = `${useId()}-${name}`;
  const hintId = `${id}-hint`;
  const described = [hint ? hintId : '', error ? fieldErrorId(name) : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {hint && (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      )}
      <ErrorBeside name={name} message={error} />
    </div>
  );
}
