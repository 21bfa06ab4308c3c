import { readFile } from 'node:fs/promises';

/** A JSON file from disk; a failure names the file and says whether it could not be read or not be parsed. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  return parseJson(path, text);
}

/** Like `readJsonFile`, but a file that does not exist is `undefined`: for files whose absence has a meaning. */
export async function readOptionalJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  return parseJson(path, text);
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`, { cause: e });
  }
}
