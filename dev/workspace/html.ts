// HtmlService of the in-memory Workspace: HtmlOutput objects as plain holders of content, title
// and size, so tests can read what a sidebar or dialog would show. No state: an HtmlOutput lives
// only while the script runs; what is shown is recorded by the Ui (see spreadsheet.ts).
// Not faked: templates (createTemplate, scriptlets) and createHtmlOutputFromFile (the bundle
// inlines its pages, so there are no HTML files in the project).
import type { Workspace } from './core';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

type HtmlOutputType = GoogleAppsScript.HTML.HtmlOutput;

export class FakeHtmlOutput implements Pick<
  HtmlOutputType,
  | 'getContent'
  | 'setContent'
  | 'append'
  | 'appendUntrusted'
  | 'clear'
  | 'setTitle'
  | 'getTitle'
  | 'setWidth'
  | 'getWidth'
  | 'setHeight'
  | 'getHeight'
  | 'setSandboxMode'
  | 'setXFrameOptionsMode'
  | 'addMetaTag'
  | 'setFaviconUrl'
  | 'getFaviconUrl'
> {
  title = '';
  width = 0;
  height = 0;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  faviconUrl = '';
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly ws: Workspace,
    public content: string,
  ) {}

  private self(): HtmlOutputType {
    return this as unknown as HtmlOutputType;
  }
  getContent(): string {
    this.ws.call('HtmlService', 'HtmlOutput.getContent');
    return this.content;
  }
  setContent(content: string): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setContent');
    this.content = String(content);
    return this.self();
  }
  append(addedContent: string): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.append');
    this.content += String(addedContent);
    return this.self();
  }
  /** Appends text escaped as HTML, as Google does. */
  appendUntrusted(addedContent: string): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.appendUntrusted');
    this.content += escapeHtml(String(addedContent));
    return this.self();
  }
  clear(): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.clear');
    this.content = '';
    return this.self();
  }
  setTitle(title: string): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setTitle');
    this.title = String(title);
    return this.self();
  }
  getTitle(): string {
    this.ws.call('HtmlService', 'HtmlOutput.getTitle');
    return this.title;
  }
  setWidth(width: number): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setWidth');
    this.width = width;
    return this.self();
  }
  getWidth(): number {
    this.ws.call('HtmlService', 'HtmlOutput.getWidth');
    return this.width;
  }
  setHeight(height: number): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setHeight');
    this.height = height;
    return this.self();
  }
  getHeight(): number {
    this.ws.call('HtmlService', 'HtmlOutput.getHeight');
    return this.height;
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setSandboxMode');
    this.sandboxMode = String(mode);
    return this.self();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setXFrameOptionsMode');
    this.xFrameOptionsMode = String(mode);
    return this.self();
  }
  addMetaTag(name: string, content: string): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.addMetaTag');
    // Google accepts only a few meta tags; others throw.
    if (!['apple-mobile-web-app-capable', 'mobile-web-app-capable', 'viewport'].includes(name))
      throw this.ws.error(`Invalid argument: name`);
    this.metaTags.push({ name, content });
    return this.self();
  }
  setFaviconUrl(iconUrl: string): HtmlOutputType {
    this.ws.call('HtmlService', 'HtmlOutput.setFaviconUrl');
    this.faviconUrl = iconUrl;
    return this.self();
  }
  getFaviconUrl(): string {
    this.ws.call('HtmlService', 'HtmlOutput.getFaviconUrl');
    return this.faviconUrl;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The content, title and size of an HtmlOutput, for the Ui to record what it showed. */
export function describeHtmlOutput(output: unknown): {
  title: string;
  html: string;
  width: number;
  height: number;
} {
  if (output instanceof FakeHtmlOutput)
    return { title: output.title, html: output.content, width: output.width, height: output.height };
  throw new TypeError('Expected an HtmlOutput created by HtmlService');
}

export function createHtmlService(ws: Workspace) {
  const HtmlService = {
    SandboxMode,
    XFrameOptionsMode,
    createHtmlOutput(html?: string): HtmlOutputType {
      ws.call('HtmlService', 'HtmlService.createHtmlOutput');
      return new FakeHtmlOutput(ws, html === undefined ? '' : String(html)) as unknown as HtmlOutputType;
    },
    createHtmlOutputFromFile(filename: string): HtmlOutputType {
      ws.call('HtmlService', 'HtmlService.createHtmlOutputFromFile');
      throw ws.error(`No HTML file named ${filename} was found.`);
    },
    getUserAgent(): string {
      ws.call('HtmlService', 'HtmlService.getUserAgent');
      return 'Mozilla/5.0 (X11; Linux x86_64) AgoraWorkspaceFake';
    },
  };
  return HtmlService;
}
