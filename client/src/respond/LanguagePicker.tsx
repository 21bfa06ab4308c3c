import type { ServedTranslation } from '../../../server/respond/respond.schemas';
import { RUSSIAN } from './languages';
import { languageStrings as s } from './strings';

interface Props {
  translations: readonly ServedTranslation[];
  language: string;
  onChange(language: string): void;
}

/** Russian and the questionnaire's translations, each named in itself; one tap switches the whole questionnaire. */
export function LanguagePicker({ translations, language, onChange }: Props) {
  if (translations.length === 0) return null;
  const options = [{ language: RUSSIAN, name: s.russian, verified: true }, ...translations];
  return (
    <div className="rs-lang" role="group" aria-label={s.pickerLabel} data-testid="language-picker">
      {options.map((o) => (
        <button
          key={o.language}
          type="button"
          lang={o.language}
          className="rs-lang__option"
          aria-pressed={o.language === language}
          onClick={() => onChange(o.language)}
        >
          {o.name}
          {!o.verified && (
            <span className="rs-lang__unverified" lang={RUSSIAN}>
              {s.unverified}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
