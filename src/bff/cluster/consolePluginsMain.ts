// dist/server/console-plugins.js: the chart's install and uninstall hooks run this.
import { runConsolePlugins } from './consolePluginsCli';

runConsolePlugins(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
