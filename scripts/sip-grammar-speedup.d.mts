// Types of sip-grammar-speedup.mjs (plain JS so that the build script loads it without tsx).
import type { Plugin as EsbuildPlugin } from 'esbuild';

export declare const GRAMMAR_FILE: RegExp;
export declare const SPEEDUP_MARKER: string;
export declare function speedUpSipGrammar(source: string): string;
export declare function sipGrammarEsbuildPlugin(): EsbuildPlugin;
export declare function sipGrammarVitePlugin(): {
  name: string;
  enforce: 'pre';
  transform(code: string, id: string): { code: string; map: null } | null;
};
