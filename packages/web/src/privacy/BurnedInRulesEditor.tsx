import { type FormEvent, useState } from 'react';
import { FieldMessage, FormMessage } from '../projects/FieldMessage.js';
import { type FieldErrors, hasErrors, NO_ERRORS } from '../projects/field-errors.js';
import {
  EMPTY_RULE,
  parseRuleDrafts,
  placeRuleErrors,
  type RuleDraft,
  type RuleField,
  rectanglesText,
  ruleErrorKey,
  toRuleDraft,
} from './burned-in-rules-form.js';
import type { BurnedInRule } from './privacy-types.js';

const COLUMNS: readonly { field: RuleField; title: string; hint: string }[] = [
  { field: 'name', title: 'Name', hint: 'what the rule is for' },
  { field: 'modality', title: 'Modality', hint: 'e.g. US, exactly' },
  { field: 'sopClassUid', title: 'SOP class UID', hint: 'exactly' },
  { field: 'manufacturer', title: 'Manufacturer', hint: 'part of the name' },
  { field: 'model', title: 'Model', hint: 'part of the name' },
  { field: 'rows', title: 'Rows', hint: 'pixels' },
  { field: 'columns', title: 'Columns', hint: 'pixels' },
  { field: 'blank', title: 'Blank rectangles', hint: 'x,y,width,height; …' },
];

/**
 * The rules that hold images likely to carry burned-in text for a person's review, and the rectangles
 * to black out in images they match. Owners edit them as a table; every given criterion must match.
 */
export function BurnedInRulesEditor(props: {
  readonly rules: readonly BurnedInRule[];
  readonly editable: boolean;
  /** Saves the rules; answers the API's refusal, if any. */
  readonly onSave: (rules: BurnedInRule[]) => Promise<FieldErrors>;
}) {
  return (
    <div className="burned-in-rules">
      <h3>Burned-in text rules</h3>
      <p className="muted">
        Images a rule matches (or marked as having burned-in annotation) are held for review before they join
        the project; the rule's rectangles, in image pixels, are blanked first.
      </p>
      {props.editable ? <RulesForm {...props} /> : <RulesTable rules={props.rules} />}
    </div>
  );
}

function RulesTable(props: { readonly rules: readonly BurnedInRule[] }) {
  if (props.rules.length === 0)
    return <p className="muted">No rules: only images marked as having burned-in text are held.</p>;
  return (
    <table className="grid-table rules-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.field} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rules.map((rule, i) => (
          // Rules have no id; a name may repeat, so the position keys the row.
          // biome-ignore lint/suspicious/noArrayIndexKey: read-only rows in the stored order
          <tr key={i}>
            <td>{rule.name}</td>
            <td>{rule.modality ?? ''}</td>
            <td className="uid">{rule.sopClassUid ?? ''}</td>
            <td>{rule.manufacturer ?? ''}</td>
            <td>{rule.model ?? ''}</td>
            <td>{rule.rows ?? ''}</td>
            <td>{rule.columns ?? ''}</td>
            <td>{rectanglesText(rule.blank)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A draft row with a key that survives removing rows above it. */
interface KeyedDraft {
  readonly key: number;
  readonly draft: RuleDraft;
}

let nextRowKey = 0;
const keyed = (draft: RuleDraft): KeyedDraft => ({ key: nextRowKey++, draft });

function RulesForm(props: {
  readonly rules: readonly BurnedInRule[];
  readonly onSave: (rules: BurnedInRule[]) => Promise<FieldErrors>;
}) {
  const [rows, setRows] = useState<readonly KeyedDraft[]>(() =>
    props.rules.map((r) => keyed(toRuleDraft(r))),
  );
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const edit = (index: number, change: Partial<RuleDraft>) => {
    setSaved(false);
    setRows((list) =>
      list.map((row, i) => (i === index ? { ...row, draft: { ...row.draft, ...change } } : row)),
    );
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseRuleDrafts(rows.map((r) => r.draft));
    setErrors(parsed.errors);
    setSaved(false);
    if (hasErrors(parsed.errors)) return;
    setBusy(true);
    const refused = await props.onSave(parsed.rules);
    setBusy(false);
    // The panel shows a refusal of the whole request (a 403); messages about the rules are shown here,
    // beside their fields where the path names one.
    setErrors(placeRuleErrors({ fields: refused.fields, form: null }));
    setSaved(!hasErrors(refused));
  }

  return (
    <form onSubmit={submit} aria-label="Burned-in text rules" noValidate>
      <div className="rules-scroll">
        <table className="grid-table rules-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.field} scope="col" title={c.hint}>
                  {c.title}
                </th>
              ))}
              <th scope="col" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <RuleRow
                key={row.key}
                index={index}
                draft={row.draft}
                errors={errors}
                onEdit={(change) => edit(index, change)}
                onRemove={() => {
                  setSaved(false);
                  setRows((list) => list.filter((_, i) => i !== index));
                  setErrors(NO_ERRORS);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage errors={errors} />
      {rows.length === 0 && (
        <p className="muted">No rules: only images marked as having burned-in text are held.</p>
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setSaved(false);
            setRows((list) => [...list, keyed(EMPTY_RULE)]);
          }}
        >
          Add rule
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save rules
        </button>
        {saved && (
          <span className="muted" role="status">
            Rules saved.
          </span>
        )}
      </div>
    </form>
  );
}

function RuleRow(props: {
  readonly index: number;
  readonly draft: RuleDraft;
  readonly errors: FieldErrors;
  readonly onEdit: (change: Partial<RuleDraft>) => void;
  readonly onRemove: () => void;
}) {
  const n = props.index + 1;
  const rowError = props.errors.fields[ruleErrorKey(props.index)];
  return (
    <>
      <tr>
        {COLUMNS.map((c) => (
          <td key={c.field}>
            <input
              aria-label={`Rule ${n} ${c.title.toLowerCase()}`}
              placeholder={c.hint}
              value={props.draft[c.field]}
              onChange={(e) => props.onEdit({ [c.field]: e.target.value })}
              className={c.field === 'rows' || c.field === 'columns' ? 'narrow' : undefined}
            />
            <FieldMessage errors={props.errors} field={ruleErrorKey(props.index, c.field)} />
          </td>
        ))}
        <td>
          <button type="button" onClick={props.onRemove} aria-label={`Remove rule ${n}`}>
            Remove
          </button>
        </td>
      </tr>
      {rowError && (
        <tr>
          <td colSpan={COLUMNS.length + 1} className="field-error" role="alert">
            Rule {n}: {rowError}
          </td>
        </tr>
      )}
    </>
  );
}
