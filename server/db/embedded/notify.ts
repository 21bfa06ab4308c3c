/**
 * How the embedded database's guards tell operators what they do (a full disk, a hung statement, a restart):
 * into the app's log once it exists (main.ts), to the console before.
 */
export type Notify = (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;

export const notifyConsole: Notify = (level, message, details) => console.error(JSON.stringify({ level, time: Date.now(), msg: message, ...details }));
