import { useState } from 'react';
import { copyText } from './copy';

const s = { copy: 'Копировать', copied: 'Скопировано' };

export function CopyButton({ text, label = s.copy, className }: { text: string; label?: string; className?: string }) {
  const [done, setDone] = useState(false);
  async function copy() {
    if (await copyText(text)) {
      setDone(true);
      setTimeout(() => setDone(false), 2000);
    }
  }
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-live="polite">
      {done ? s.copied : label}
    </button>
  );
}
