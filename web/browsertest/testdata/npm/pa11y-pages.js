// Runs pa11y (WCAG2AA; runners htmlcs and axe) on a list of pages in one
// process and one browser: Debian's Chromium, never a downloaded one.
//
//   node pa11y-pages.js config.json > results.json
//
// config.json: {"chromeLaunchConfig": {"executablePath": "/usr/bin/chromium", "args": [...]}, "concurrency": 3,
//               "pages": [{"name": "home (de)", "url": "http://...", "headers": {"Cookie": "..."}}]}
// Prints [{"name", "url", "issues": [{"code", "type", "message", "selector", "context", "runner"}]}].
'use strict';

const fs = require('fs');
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function main() {
  const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const launch = Object.assign({headless: true}, config.chromeLaunchConfig);
  if (!launch.executablePath) {
    throw new Error('chromeLaunchConfig.executablePath is required: pa11y must use the installed Chromium');
  }
  const browser = await puppeteer.launch(launch);
  const out = new Array(config.pages.length);
  // A few pages at once, in tabs of the one browser; results keep the
  // order of the list.
  let next = 0;
  async function worker() {
    while (next < config.pages.length) {
      const i = next++;
      const p = config.pages[i];
      const page = await browser.newPage();
      try {
        const res = await pa11y(p.url, {
          browser,
          page,
          chromeLaunchConfig: launch,
          standard: 'WCAG2AA',
          runners: ['htmlcs', 'axe'],
          headers: p.headers || {},
          timeout: 60000,
          includeNotices: false,
          includeWarnings: false,
        });
        out[i] = {name: p.name, url: p.url, issues: res.issues};
      } finally {
        await page.close();
      }
    }
  }
  try {
    await Promise.all(Array.from({length: config.concurrency || 1}, worker));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(2);
});
