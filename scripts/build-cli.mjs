// Bundles the CLI into lib/cli.js with esbuild: one file starts fast (templates budget ≤3 s with Node start).
import { build } from 'esbuild';
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'lib/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Packages stay in node_modules and load when required: the Word reader and writer only when a command needs them.
  external: ['exceljs', 'docx', 'saxes', 'jszip'],
  sourcemap: false,
  logLevel: 'warning',
});
