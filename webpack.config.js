/**
 * Builds the task pane, the ribbon commands and the standalone page into dist/web/.
 *   npm run build        production build (manifest URLs rewritten to TAIZHANG_URL)
 *   npm run dev-server   https://localhost:3000 with office-addin-dev-certs (a local CA is made on first run)
 * Specs are bundled from templates/ by scripts/build-specs.ts (run by the npm scripts before webpack).
 */
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const DEV_PORT = 3000;
const DEV_URL = `https://localhost:${DEV_PORT}/`;
/** Where the production build is hosted; the manifest in dist/web/ points there. */
const PROD_URL = (process.env.TAIZHANG_URL || 'https://taizhang.example.com/').replace(/\/?$/, '/');
const OUT = path.resolve(__dirname, 'dist', 'web');
const DEMO_DIR = path.resolve(__dirname, 'dist', 'demo');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/**
 * The standalone page promises that nothing leaves the browser: connect-src 'self' lets it fetch only its own
 * files (the demo workbook). The task pane has none because Office.js loads and talks to Microsoft's servers.
 */
const STANDALONE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Copies the icons and the manifest (with its URLs pointing at where this build is served) into the output. */
class StaticFilesPlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('StaticFiles', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'StaticFiles', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const assets = path.join(__dirname, 'assets');
        for (const name of fs.readdirSync(assets)) {
          const file = path.join(assets, name);
          compilation.fileDependencies.add(file);
          compilation.emitAsset(`assets/${name}`, new RawSource(fs.readFileSync(file)));
        }
        const manifest = path.join(__dirname, 'manifest.xml');
        compilation.fileDependencies.add(manifest);
        const xml = fs.readFileSync(manifest, 'utf8').split(DEV_URL).join(this.baseUrl).split(DEV_URL.slice(0, -1)).join(this.baseUrl.slice(0, -1));
        compilation.emitAsset('manifest.xml', new RawSource(xml));
      });
    });
  }
}

/**
 * office-addin-dev-certs makes a local CA and a localhost certificate and asks the system to trust the CA (on
 * Windows and macOS it prompts). Where it cannot install the CA (Linux without sudo) the certificate it made is
 * still served; the browser then has to be told to trust ~/.office-addin-dev-certs/ca.crt.
 */
async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
    const file = (name) => path.join(dir, name);
    if (!fs.existsSync(file('localhost.crt'))) throw error;
    process.stderr.write(`\n注意 (note): ${error.message.split('\n')[0]}\n  证书未被系统信任;请在浏览器中信任 ${file('ca.crt')}\n  (the certificate is not trusted by the system: trust ${file('ca.crt')} in the browser)\n`);
    return { ca: fs.readFileSync(file('ca.crt')), key: fs.readFileSync(file('localhost.key')), cert: fs.readFileSync(file('localhost.crt')) };
  }
}

function printWhatToDo() {
  const lines = [
    '',
    '台账已启动 (Taizhang is running):',
    `  独立页面 Standalone page (演示工作簿 demo workbook): ${DEV_URL}standalone.html?demo`,
    `  任务窗格 Task pane: ${DEV_URL}taskpane.html (在 Excel 中加载 load it inside Excel)`,
    '  Excel 桌面版 desktop:  另开终端运行 npm run sideload (in another terminal); npm stop 卸载',
    '  Excel 网页版 on the web: 插入 → 加载项 → 上传我的加载项 → 选择 manifest.xml',
    '                         (Insert → Add-ins → Upload My Add-in → manifest.xml)',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const css = fs.readFileSync(path.join(__dirname, 'src', 'taskpane', 'styles.css'), 'utf8');
  const page = (filename, chunks, title, officeJs) =>
    new HtmlWebpackPlugin({
      filename,
      template: path.join(__dirname, 'src', 'taskpane', 'page.html'),
      chunks,
      // demo: the dev server serves dist/demo/ at /demo, so the standalone page may offer the demo without probing for it.
      templateParameters: { title, css, officeJs: officeJs ? OFFICE_JS : '', csp: officeJs || dev ? '' : STANDALONE_CSP, demo: serving },
      minify: !dev,
    });
  const config = {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'eval-source-map' : false,
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      commands: './src/commands/commands.ts',
      standalone: './src/standalone/standalone.ts',
    },
    output: {
      path: OUT,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].chunk.js' : '[name].[contenthash:8].chunk.js',
      clean: true,
      publicPath: 'auto',
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking is `npm run typecheck`; here only transpile, as ES modules so chunks split and shake.
            options: { transpileOnly: true, compilerOptions: { module: 'es2020', target: 'es2020', sourceMap: dev } },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      page('taskpane.html', ['taskpane'], '台账', true),
      page('commands.html', ['commands'], '台账命令', true),
      page('standalone.html', ['standalone'], '台账 · 独立页面', false),
      new HtmlWebpackPlugin({ filename: 'help.html', template: path.join(__dirname, 'src', 'taskpane', 'help.html'), chunks: [], templateParameters: { css }, minify: !dev }),
      new StaticFilesPlugin(dev ? DEV_URL : PROD_URL),
    ],
  };
  if (serving) {
    config.devServer = {
      port: DEV_PORT,
      host: 'localhost',
      hot: false,
      liveReload: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await httpsOptions() },
      static: [{ directory: DEMO_DIR, publicPath: '/demo', watch: false }],
      client: { overlay: { warnings: false } },
      onListening: printWhatToDo,
    };
  }
  // `--env only=standalone` builds one entry (handy while another entry's dependencies are being written).
  if (env && env.only) {
    const keep = String(env.only).split(',');
    config.entry = Object.fromEntries(Object.entries(config.entry).filter(([name]) => keep.includes(name)));
    config.plugins = config.plugins.filter((p) => !(p instanceof HtmlWebpackPlugin) || keep.some((k) => p.userOptions.filename === `${k}.html`) || p.userOptions.filename === 'help.html');
  }
  return config;
};

module.exports.DEV_URL = DEV_URL;
module.exports.DEV_PORT = DEV_PORT;
module.exports.PROD_URL = PROD_URL;
module.exports.OUT = OUT;
