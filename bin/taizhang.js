#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build:cli`, also on `npm ci` through `prepare`).
const path = require('path');
const fs = require('fs');
const built = path.join(__dirname, '..', 'lib', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('taizhang: 尚未构建,请先运行 npm run build:cli (not built yet: run npm run build:cli)\n');
  process.exit(2);
}
require(built).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
