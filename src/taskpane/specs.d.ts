/**
 * specs.generated.json is built from templates/ (scripts/build-specs.ts) and not committed; this declaration
 * lets the code type-check before it has been built.
 */
declare module '*/specs.generated.json' {
  const catalog: { settings: import('../spec/schema').SettingsSpec; registers: import('../spec/schema').RegisterSpec[] };
  export default catalog;
}
