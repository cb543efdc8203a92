/**
 * Which fields of a register are filled after submission: each deadline's "done" field (阅批日期, 实际归还时间,
 * 到货日期 …), plus a required-when condition whose required fields are only known later — so that every
 * intermediate state of a demo record passes validation, as it must when it goes through the task pane.
 */
import type { RegisterSpec } from '../spec/schema';

const cache = new WeakMap<RegisterSpec, Set<string>>();

export function laterFields(spec: RegisterSpec): Set<string> {
  const hit = cache.get(spec);
  if (hit) return hit;
  const later = new Set(spec.deadlines.map((d) => d.doneField));
  const required = new Set(spec.fields.filter((f) => f.required).map((f) => f.name));
  const froms = new Set(spec.deadlines.map((d) => d.from));
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const rule of spec.rules) {
      if (rule.kind !== 'requiredWhen') continue;
      if (!rule.fields.some((f) => later.has(f)) || later.has(rule.when.field)) continue;
      if (required.has(rule.when.field) || froms.has(rule.when.field) || spec.chain.some((r) => r.when?.field === rule.when.field)) {
        for (const f of rule.fields) if (later.delete(f)) changed = true;
      } else {
        later.add(rule.when.field);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const f of spec.fields) if (f.required || f.type === 'serial') later.delete(f.name);
  cache.set(spec, later);
  return later;
}
