#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build` (and by `prepack`, so a published package ships it).
import('../dist/src/cli/main.js').then(
  cli => cli.main(),
  error => {
    process.stderr.write(
      `specguard: cannot start (${error.code === 'ERR_MODULE_NOT_FOUND' ? 'not built: run npm run build' : error.message})\n`,
    );
    process.exitCode = 2;
  },
);
