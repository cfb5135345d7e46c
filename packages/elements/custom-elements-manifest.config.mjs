// `npm run manifest`: custom-elements.json for editors, linters and documentation tools. Only
// the elements, their base class and their `define` modules: the rest is internal.
export default {
  globs: [
    'src/statuskit-element.ts',
    'src/banner/banner.ts',
    'src/dependencies/dependencies.ts',
    'src/alternatives/alternatives.ts',
    'src/maintenance/maintenance.ts',
    'src/availability/availability.ts',
    'src/*/define.ts',
    'src/index.ts',
  ],
  outdir: '.',
  litelement: true,
};
