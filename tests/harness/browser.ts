/**
 * Launches the system Chromium (never a downloaded one) with the built extension, for E2E tests, demos and benches.
 * Settings follow stack-notes §7: persistent context (extensions need one), `--headless=new`, 1280×900, zh-CN,
 * Asia/Shanghai.
 *
 *   const { context, extensionId, serviceWorker, close } = await launchWithExtension();
 *   const { context, close } = await launchBrowser();   // same browser, no extension (fixture checks)
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Worker } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const CHROMIUM_INSTALL_HINT =
  '请先安装 Chromium：apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei';
export const BUILD_HINT = '请先运行 npm run build';

const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchOptions {
  /** Default true: runs with `--headless=new`. */
  headless?: boolean;
  /** Profile directory. Default: a fresh temp dir, deleted by close(). A given dir is kept. */
  userDataDir?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes the browser and removes the temp profile (if we created it). Safe to call twice. */
  close: () => Promise<void>;
}

export interface ExtensionLaunchOptions extends LaunchOptions {
  /** Unpacked extension directory, relative to the repo root or absolute. Default `.output/chrome-mv3`. */
  extensionPath?: string;
}

export interface LaunchedExtension extends LaunchedBrowser {
  /** Host of the extension's service-worker URL. */
  extensionId: string;
  /** The extension's background service worker (`serviceWorker.evaluate` has full `chrome.*`). */
  serviceWorker: Worker;
}

/** `CHROMIUM_PATH` or `/usr/bin/chromium`; throws with the install command when it is missing. */
export function resolveChromium(): string {
  const executablePath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`未找到 Chromium（${executablePath}）。${CHROMIUM_INSTALL_HINT}`);
  }
  return executablePath;
}

async function launch(args: string[], { headless = true, userDataDir }: LaunchOptions): Promise<LaunchedBrowser> {
  const executablePath = resolveChromium();
  const profile = userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'reviewguard-chromium-')));
  const ownsProfile = userDataDir === undefined;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      // Playwright's own headless switch is off; we pass --headless=new ourselves (stack-notes §7).
      headless: false,
      args: [...(headless ? ['--headless=new'] : []), ...COMMON_ARGS, ...args],
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  } catch (err) {
    if (ownsProfile) await rm(profile, { recursive: true, force: true });
    throw err;
  }
  let closed = false;
  return {
    context,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      if (ownsProfile) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Chromium without any extension (for checking fixtures on their own). */
export function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  return launch([], options);
}

/** Chromium with the built extension loaded; resolves once its service worker is running. */
export async function launchWithExtension({
  extensionPath = '.output/chrome-mv3',
  ...options
}: ExtensionLaunchOptions = {}): Promise<LaunchedExtension> {
  const extensionDir = path.resolve(REPO_ROOT, extensionPath);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`未找到扩展构建产物（${path.join(extensionDir, 'manifest.json')}）。${BUILD_HINT}`);
  }
  resolveChromium(); // fail with the install hint before creating a profile
  const browser = await launch(
    [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    options,
  );
  try {
    const isExtensionWorker = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
    const serviceWorker =
      browser.context.serviceWorkers().find(isExtensionWorker) ??
      (await browser.context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 20_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    return { ...browser, extensionId, serviceWorker };
  } catch (err) {
    await browser.close();
    throw new Error(`扩展的 service worker 没有启动（${extensionDir}）：${String(err)}`, { cause: err });
  }
}
