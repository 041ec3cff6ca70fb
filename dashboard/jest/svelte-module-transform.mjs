// Jest transform for Svelte 5 runes modules (*.svelte.ts): strip the types with swc, then
// compile the runes ($state, $derived) with Svelte's own compiler, as Vite does for the app.
import { transformSync } from '@swc/core';
import { compileModule } from 'svelte/compiler';

export default {
  process(source, filename) {
    const js = transformSync(source, {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
      sourceMaps: false,
    }).code;
    const compiled = compileModule(js, { filename, generate: 'client', dev: false });
    return { code: compiled.js.code };
  },
};
