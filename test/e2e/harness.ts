/**
 * Browser-test harness: Debian's Chromium driven by playwright-core (never a downloaded browser build).
 *
 * - `launchBrowser()` starts /usr/bin/chromium headless, or fails with a plain message when it is not installed.
 * - `browserHooks()` registers mocha hooks: one browser per suite, a fresh context per test, and in afterEach
 *   the test fails if any page logged a console error, threw an uncaught error, or got a 5xx from the API.
 *   Expected HTTP errors (the 401 of /api/auth/me before login) are allowed explicitly, not by pattern-guessing.
 * - `screenshot(page, name)` writes docs/screenshots/NAME.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/test-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'docs/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error('Chromium is not installed: run `apt-get install -y chromium` (Debian)');
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** An HTTP error response a test expects (so Chromium's "Failed to load resource" console line is not a failure). */
export interface ExpectedHttpError {
  /** Matched against the URL's pathname. */
  path: string | RegExp;
  status: number;
  method?: string;
}

/** Before login the client asks who is signed in; 401 is the normal answer. */
export const SIGNED_OUT_PROBE: ExpectedHttpError = { path: '/api/auth/me', status: 401, method: 'GET' };

function matches(rule: ExpectedHttpError, method: string, url: string, status: number): boolean {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return false;
  }
  const pathOk = typeof rule.path === 'string' ? pathname === rule.path : rule.path.test(pathname);
  return pathOk && rule.status === status && (!rule.method || rule.method.toUpperCase() === method.toUpperCase());
}

/** Collects what went wrong in the pages of one browser context. */
export class ProblemLog {
  readonly problems: string[] = [];
  private readonly expected: ExpectedHttpError[] = [SIGNED_OUT_PROBE];

  /** Allows an HTTP error the test provokes on purpose. */
  expectHttpError(rule: ExpectedHttpError): void {
    this.expected.push(rule);
  }

  watch(page: Page, label: string): void {
    page.on('pageerror', (err) => this.problems.push(`[${label}] uncaught error: ${err.stack ?? err.message}`));
    page.on('response', (res) => {
      const status = res.status();
      if (status < 400) return;
      const method = res.request().method();
      if (this.expected.some((r) => matches(r, method, res.url(), status))) return;
      this.problems.push(`[${label}] unexpected HTTP ${status} for ${method} ${res.url()}`);
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // Chromium also logs every HTTP error response as a console error; the response handler above judges
      // those against the expected ones. Network failures (net::ERR_...) still count here.
      if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) return;
      const url = msg.location().url;
      this.problems.push(`[${label}] console error: ${text}${url ? ` (${url})` : ''}`);
    });
  }
}

export interface BrowserFixture {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly log: ProblemLog;
  /** A second context (e.g. a phone) whose pages are watched the same way; closed after the test. */
  newContext(options?: BrowserContextOptions, label?: string): Promise<{ context: BrowserContext; page: Page }>;
}

const DEFAULT_CONTEXT: BrowserContextOptions = {
  viewport: DESKTOP,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  colorScheme: 'light',
  reducedMotion: 'reduce',
};

export const PHONE_CONTEXT: BrowserContextOptions = {
  ...DEFAULT_CONTEXT,
  viewport: PHONE,
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/**
 * Registers the mocha hooks of a browser suite and returns a fixture whose fields are valid inside tests.
 * Call it at the top of a `describe` body.
 */
export function browserHooks(contextOptions: BrowserContextOptions = {}): BrowserFixture {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let current: { context: BrowserContext; page: Page } | undefined;
  let log = new ProblemLog();

  const open = async (options: BrowserContextOptions, label: string) => {
    if (!browser) throw new Error('the browser is not running');
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, ...contextOptions, ...options });
    context.setDefaultTimeout(15_000);
    context.on('page', (p) => log.watch(p, label));
    contexts.push(context);
    const page = await context.newPage();
    return { context, page };
  };

  before(async function () {
    this.timeout(60_000);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    browser = undefined;
  });

  beforeEach(async () => {
    log = new ProblemLog();
    contexts = [];
    current = await open({}, 'desktop');
  });

  afterEach(async function () {
    const found = [...log.problems];
    const failed = this.currentTest?.state === 'failed';
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
    current = undefined;
    // A test that already failed keeps its own message; the browser's complaints are printed alongside.
    if (found.length && failed) console.error(`browser problems during the failed test:\n  ${found.join('\n  ')}`);
    if (found.length && !failed) {
      throw new Error(`the browser reported ${found.length} problem(s) during "${this.currentTest?.title}":\n  ${found.join('\n  ')}`);
    }
  });

  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is only available inside a test`);
    return v;
  };

  return {
    get browser() {
      return need(browser, 'browser');
    },
    get context() {
      return need(current, 'context').context;
    },
    get page() {
      return need(current, 'page').page;
    },
    get log() {
      return log;
    },
    newContext: (options = {}, label = 'context') => open(options, label),
  };
}

/**
 * Saves docs/screenshots/NAME.png of what the page shows (its viewport, or the whole page with fullPage).
 * Waits for web fonts so Chinese text is not captured half-drawn.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name should be kebab-case: ${name}`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Park the pointer where it hovers nothing, so no row is captured highlighted.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  return file;
}

/**
 * The platform with the demo data and the built client, started before the file's tests and stopped after them.
 * Register it after `browserHooks()`, as the files do, so the browser is up first.
 */
export function demoAppHooks(): Omit<TestApp, 'close'> {
  let app: TestApp | undefined;
  before(async function () {
    this.timeout(180_000);
    app = await startTestApp({ demo: true, serveClient: true });
  });
  after(async () => {
    await app?.close();
    app = undefined;
  });
  const started = (): TestApp => {
    if (!app) throw new Error('the app is not running');
    return app;
  };
  return {
    get url() {
      return started().url;
    },
    get app() {
      return started().app;
    },
    get config() {
      return started().config;
    },
    get clock() {
      return started().clock;
    },
  };
}
