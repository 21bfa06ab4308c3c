import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const SOURCE = resolve(import.meta.dirname, 'client/src/respond/offline/respond-sw.ts');
/** At the site's root, outside /assets/: its name must stay the same from deploy to deploy. */
export const RESPOND_SW_FILE = 'respond-sw.js';

interface OutputChunkLike {
  type: 'chunk';
  name: string;
  isEntry: boolean;
  fileName: string;
  imports: string[];
  dynamicImports: string[];
  code: string;
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}

/**
 * Builds the respondent page's service worker beside the page and writes into it the list of files the page is made
 * of, which only the finished bundle knows (hashed names), and a version taken from that list: a deploy that changes
 * the page changes the worker's bytes, so phones fetch the new files and drop the old ones.
 */
export function respondServiceWorker(entry = 'respond'): Plugin {
  return {
    name: 'respond-service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: SOURCE, fileName: RESPOND_SW_FILE });
    },
    generateBundle(_options, bundle) {
      const chunks = new Map<string, OutputChunkLike>();
      for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file as unknown as OutputChunkLike);
      const page = [...chunks.values()].find((c) => c.isEntry && c.name === entry);
      const worker = chunks.get(RESPOND_SW_FILE);
      if (!page || !worker) throw new Error(`respond-service-worker: no «${entry}» entry or no ${RESPOND_SW_FILE} in the bundle`);

      const files = new Set<string>();
      const pending = [page.fileName];
      while (pending.length > 0) {
        const name = pending.pop()!;
        if (files.has(name)) continue;
        files.add(name);
        const chunk = chunks.get(name);
        if (!chunk) continue;
        pending.push(...chunk.imports, ...chunk.dynamicImports);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
      }
      const shell = [`/${entry}.html`, ...[...files].sort().map((name) => `/${name}`)];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);

      const code = worker.code.replace(/\[\s*(["'`])__RESPOND_SHELL__\1\s*\]/, JSON.stringify(shell)).replaceAll('__RESPOND_SHELL_VERSION__', version);
      if (code.includes('__RESPOND_SHELL')) throw new Error(`respond-service-worker: placeholders left in ${RESPOND_SW_FILE}`);
      worker.code = code;
    },
  };
}
