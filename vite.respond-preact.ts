import { resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The respondent page's own code and the SurveyJS React bindings: the only importers that get Preact. */
const RESPONDENT_IMPORTERS = [resolve(import.meta.dirname, 'client/src/respond') + sep, `${sep}node_modules${sep}survey-react-ui${sep}`];

const PREACT_FOR: Record<string, string> = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
};

/**
 * The respondent page renders with Preact through its React-compatible layer: SurveyJS alone is ~400 KB gzipped
 * and React would add ~60 KB more for phones on a weak signal; Preact adds ~5 KB (bench/bundle.ts measures it).
 * The staff screens keep React. Both entries stay in one `vite build`, so the choice is made per importer.
 */
export function respondentOnPreact(): Plugin {
  return {
    name: 'respondent-on-preact',
    enforce: 'pre',
    resolveId(source, importer, options) {
      const target = PREACT_FOR[source];
      if (!target || !importer || !RESPONDENT_IMPORTERS.some((prefix) => importer.includes(prefix))) return null;
      return this.resolve(target, importer, { ...options, skipSelf: true });
    },
  };
}
