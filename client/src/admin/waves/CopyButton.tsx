import { useState } from 'react';
import { copyText } from './copy';
import { wavesStrings as s } from './strings';

export function CopyButton({ text, label = s.wave.copy, className }: { text: string; label?: string; className?: string }) {
  const [done, setDone] = useState(false);
  async function copy() {
    if (await copyText(text)) {
      setDone(true);
      setTimeout(() => setDone(false), 2000);
    }
  }
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-live="polite">
      {done ? s.wave.copied : label}
    </button>
  );
}
