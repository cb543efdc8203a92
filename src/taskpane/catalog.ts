/**
 * The built-in registers, bundled at build time from templates/ (scripts/build-specs.ts). Loaded in a chunk of
 * its own because only setting up registers needs it: the first load of the task pane stays small.
 */
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

export interface BundledCatalog {
  settings: SettingsSpec;
  registers: RegisterSpec[];
}

let loading: Promise<BundledCatalog> | null = null;

export function loadCatalog(): Promise<BundledCatalog> {
  loading ??= import(/* webpackChunkName: "specs" */ './specs.generated.json').then((m) => (m.default ?? m) as unknown as BundledCatalog);
  return loading;
}
