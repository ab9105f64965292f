import type { FieldErrors } from './field-errors.js';

/** The message for one field, under it; nothing when the field is fine. */
export function FieldMessage(props: { readonly errors: FieldErrors; readonly field: string }) {
  const message = props.errors.fields[props.field];
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}

/** The message for the whole form: a conflict, a refusal, a network failure. */
export function FormMessage(props: { readonly errors: FieldErrors }) {
  if (!props.errors.form) return null;
  return (
    <p className="error" role="alert">
      {props.errors.form}
    </p>
  );
}
