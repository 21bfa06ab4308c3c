import { useEffect, useRef, type ReactNode } from 'react';
import './modal-dialog.css';

interface ModalDialogProps {
  /** The id of the heading, which names the dialog for screen readers. */
  titleId: string;
  title: string;
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
}

/** A modal dialog over the page: opened when shown, closed by its button, Escape or the browser; focus stays inside. */
export function ModalDialog({ titleId, title, closeLabel, onClose, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="pt-dialog" onClose={onClose} aria-labelledby={titleId}>
      <header className="pt-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="link" onClick={() => dialog.current?.close()}>
          {closeLabel}
        </button>
      </header>
      {children}
    </dialog>
  );
}
