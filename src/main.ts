// Apps Script entry points, and nothing else: each is a one-line call into src/app or src/gas.
// esbuild.config.mjs turns every export of this file into a top-level function of dist/Code.js.
export { VERSION } from './version';
