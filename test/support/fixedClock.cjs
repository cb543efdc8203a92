// Preloaded (node --require) into a CLI child process by the tests: "now" is whatever instant the runner sets in
// globalThis.taizhangTestNow (ms), so a test can place the machine's clock just before or after a boundary.
// Dates built from values are untouched.
const RealDate = Date;
// Libraries read the clock while loading, before the runner sets an instant: the real clock until then.
const now = () => (typeof globalThis.taizhangTestNow === 'number' ? globalThis.taizhangTestNow : RealDate.now());
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(now());
    else super(...args);
  }
  static now() {
    return now();
  }
}
globalThis.Date = FixedDate;
