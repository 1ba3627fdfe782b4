// Pages built by esbuild.config.mjs: the HTML with its client script inlined.
declare module 'ui-page:*' {
  const html: string;
  export default html;
}
