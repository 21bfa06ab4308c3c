import { useId } from 'react';
import { newTask } from './draft';
import { programmeStrings as s } from './strings';

const t = s.editor;
/** The server takes at most this many. */
const MAX_TASKS = 20;

interface Props {
  tasks: { key: number; text: string }[];
  onChange(tasks: { key: number; text: string }[]): void;
}

/** The programme's tasks, one line each, added and removed freely. */
export function TasksField({ tasks, onChange }: Props) {
  const id = useId();
  return (
    <fieldset className="pg-tasks">
      <legend>{t.tasks}</legend>
      <ol>
        {tasks.map((task, i) => (
          <li key={task.key}>
            <label className="sc-visually-hidden" htmlFor={`${id}-${task.key}`}>
              {t.task(i + 1)}
            </label>
            <input
              id={`${id}-${task.key}`}
              required
              maxLength={1000}
              value={task.text}
              onChange={(e) => onChange(tasks.map((x) => (x.key === task.key ? { ...x, text: e.target.value } : x)))}
            />
            <button type="button" className="link" aria-label={t.removeTask(i + 1)} onClick={() => onChange(tasks.filter((x) => x.key !== task.key))}>
              {t.remove}
            </button>
          </li>
        ))}
      </ol>
      {tasks.length < MAX_TASKS && (
        <button type="button" onClick={() => onChange([...tasks, newTask()])}>
          {t.addTask}
        </button>
      )}
    </fieldset>
  );
}
