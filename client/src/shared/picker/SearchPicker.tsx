import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchesSearch } from './search-text';
import './picker.css';

export interface PickerOption {
  id: number;
  label: string;
  /** Shown under the label and searched with it: a school's municipality, a municipality's region. */
  hint?: string;
}

export interface PickerLabels {
  label: string;
  placeholder: string;
  nothing: string;
  /** Said when more options match than the list shows. */
  more(hidden: number): string;
}

interface Props {
  options: readonly PickerOption[];
  value: number | null;
  onChange(id: number | null): void;
  labels: PickerLabels;
}

/** Past this many matches the list asks for more letters: a region has thousands of schools. */
const SHOWN = 50;

/**
 * A field to type in and a list of what matches (the ARIA combobox pattern): arrows move through the list, Enter
 * picks, Escape closes. Replaces a select of every school of the country, which nobody could search.
 */
export function SearchPicker({ options, value, onChange, labels }: Props) {
  const id = useId();
  const chosen = options.find((o) => o.id === value) ?? null;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => options.filter((o) => matchesSearch(text, `${o.label} ${o.hint ?? ''}`)), [options, text]);
  const shown = matches.slice(0, SHOWN);

  function pick(option: PickerOption) {
    onChange(option.id);
    setText('');
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(shown.length - 1, 0)));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      if (shown[active]) pick(shown[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="picker">
      <label htmlFor={`${id}-input`}>{labels.label}</label>
      <input
        id={`${id}-input`}
        ref={input}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
        placeholder={chosen ? chosen.label : labels.placeholder}
        value={open ? text : (chosen?.label ?? '')}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (chosen) onChange(null);
        }}
        onKeyDown={onKeyDown}
      />
      {chosen?.hint && !open && <span className="muted picker-hint">{chosen.hint}</span>}
      {open && (
        <ul className="picker-list" id={`${id}-list`} role="listbox" aria-label={labels.label}>
          {shown.map((option, i) => (
            <li
              key={option.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'picker-active' : undefined}
              // Picked on mouse down, before the field's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              <span>{option.label}</span>
              {option.hint && <span className="muted picker-hint">{option.hint}</span>}
            </li>
          ))}
          {matches.length === 0 && <li className="muted picker-note">{labels.nothing}</li>}
          {matches.length > SHOWN && <li className="muted picker-note">{labels.more(matches.length - SHOWN)}</li>}
        </ul>
      )}
    </div>
  );
}
