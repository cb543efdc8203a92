/// <reference types="office-js" />
/**
 * Compile-time proof (npm run typecheck) that the adapter asks nothing of Excel that the real API does not have
 * with the same shape, and that the fake Excel offers the same surface: real Excel.run and the fake's run both
 * fit HostRun.
 */
import type { HostContext, HostRun } from '../../../src/workbook/officejs/host';
import type { FakeExcel } from '../../../src/workbook/officejs/testing/fakeExcel';

export const realRunFits = (run: typeof Excel.run): HostRun => run;
export const realContextFits = (context: Excel.RequestContext): HostContext => context;
export const fakeRunFits = (fake: FakeExcel): HostRun => fake.run;
