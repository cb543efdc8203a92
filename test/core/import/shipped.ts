import { buildCatalog } from '../../../src/spec/catalog';
import { TEMPLATES_DIR, readDir } from '../../support/docs';

/** The shipped documents, with their 别名 columns: what an office imports into. */
export function shippedCatalog() {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates/ do not parse');
  return catalog.value;
}

export const shippedSpec = (name: string) => {
  const spec = shippedCatalog().registers.find((r) => r.name === name);
  if (!spec) throw new Error(`no register ${name}`);
  return spec;
};
