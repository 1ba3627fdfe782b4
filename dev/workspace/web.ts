// UrlFetchApp and ContentService, as far as Agorà uses them: a script calling its own web app.
// The machine has no network, and neither does this fake: a request to the script's own
// `/exec` URL runs the script's doGet/doPost as a new web-app execution (executing as the
// owner who deployed it, with the caller — the owner of the bearer token — as active user);
// any other address fails as an unreachable host does.
import type { Workspace } from './core';
import { readToken, sameDomain, type DeploymentData, type ScriptRuntime, type ScriptState } from './script';

type FetchParams = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

const MIME = {
  JSON: 'application/json',
  TEXT: 'text/plain',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
} as const;

export class FakeTextOutput {
  private mimeType: string = MIME.TEXT;
  constructor(
    private readonly ws: Workspace,
    private content: string,
  ) {}
  getContent(): string {
    this.ws.call('ContentService', 'TextOutput.getContent');
    return this.content;
  }
  setContent(content: string): FakeTextOutput {
    this.ws.call('ContentService', 'TextOutput.setContent');
    this.content = content;
    return this;
  }
  append(more: string): FakeTextOutput {
    this.ws.call('ContentService', 'TextOutput.append');
    this.content += more;
    return this;
  }
  setMimeType(mimeType: string): FakeTextOutput {
    this.ws.call('ContentService', 'TextOutput.setMimeType');
    this.mimeType = mimeType;
    return this;
  }
  getMimeType(): string {
    this.ws.call('ContentService', 'TextOutput.getMimeType');
    return this.mimeType;
  }
  private fileName: string | null = null;
  /**
   * "Tells browsers to download rather than display this content" under `filename`; a name with
   * characters a file name cannot have is refused.
   */
  downloadAsFile(filename: string): FakeTextOutput {
    this.ws.call('ContentService', 'TextOutput.downloadAsFile');
    if (!String(filename) || /[\\/:*?"<>|]/.test(String(filename)))
      throw this.ws.error('Invalid argument: filename');
    this.fileName = String(filename);
    return this;
  }
  getFileName(): string | null {
    this.ws.call('ContentService', 'TextOutput.getFileName');
    return this.fileName;
  }
}

export function createContentService(ws: Workspace) {
  return {
    MimeType: MIME,
    createTextOutput(content = ''): FakeTextOutput {
      ws.call('ContentService', 'ContentService.createTextOutput');
      return new FakeTextOutput(ws, content);
    },
  };
}

class FakeHttpResponse {
  constructor(
    private readonly ws: Workspace,
    private readonly code: number,
    private readonly text: string,
    private readonly contentType: string,
  ) {}
  getResponseCode(): number {
    this.ws.call('UrlFetchApp', 'HTTPResponse.getResponseCode');
    return this.code;
  }
  getContentText(): string {
    this.ws.call('UrlFetchApp', 'HTTPResponse.getContentText');
    return this.text;
  }
  getHeaders(): Record<string, string> {
    this.ws.call('UrlFetchApp', 'HTTPResponse.getHeaders');
    return { 'Content-Type': this.contentType };
  }
}

/** Drive scopes: a token calling a web app must carry one of them. */
const DRIVE_SCOPES = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive.file',
];

export interface WebAppEntry {
  deployment: DeploymentData;
  /** Session.getActiveUser of the execution: '' where Google hides the visitor. */
  activeUser: string;
  effectiveUser: string;
}

/** Why a request never reached the script: the status and page Google answers with. */
export interface WebAppRefusal {
  status: number;
  text: string;
}

/**
 * Who may reach a web app deployment, and as whom its code runs.
 * - An unknown deployment: Google's "Sorry, unable to open the file at this time." (404).
 * - "Who has access": MYSELF (the deployer), DOMAIN (the deployer's Workspace domain), ANYONE
 *   (any Google account), ANYONE_ANONYMOUS. Others get Google's access page (403).
 * - "Execute as" USER_DEPLOYING: the deployer's rights; the visitor is the active user only
 *   within the deployer's domain (Session.getActiveUser reference: not available to a web app
 *   "execute as me" unless the user "belongs to the same Google Workspace domain").
 * - Called without a browser, with a bearer token (UrlFetchApp, curl): the token must carry a
 *   Drive scope, and the caller must be able to open the project file, or Google answers
 *   "Unauthorized" / "Google Drive - Access Denied" (Tanaike, "Taking advantage of Web Apps with
 *   Google Apps Script", sections "Access token for accessing Web Apps" and "Share Web App
 *   Project with Client Users" — github.com/tanaikech/taking-advantage-of-Web-Apps-with-google-apps-script).
 */
export function enterWebApp(
  runtime: ScriptRuntime,
  deploymentId: string,
  visitor: string,
  token: { scopes: string[] } | null,
): WebAppEntry | WebAppRefusal {
  const deployment = runtime.state.deployments.find((d) => d.id === deploymentId && d.webApp);
  if (!deployment?.webApp) return { status: 404, text: 'Sorry, unable to open the file at this time.' };
  const { access, executeAs } = deployment.webApp;
  const anonymous = access === 'ANYONE_ANONYMOUS';
  if (!anonymous && !visitor) return { status: 401, text: 'Sign in required' };
  const allowed =
    anonymous ||
    access === 'ANYONE' ||
    (access === 'DOMAIN' && sameDomain(visitor, deployment.deployer)) ||
    (access === 'MYSELF' && visitor === deployment.deployer);
  if (!allowed)
    return { status: 403, text: 'You need access. Ask for access, or switch to an account with access.' };
  if (token && !anonymous) {
    if (!token.scopes.some((s) => DRIVE_SCOPES.includes(s)))
      return { status: 401, text: '<TITLE>Unauthorized</TITLE>' };
    if (runtime.projectAccess(visitor) < 1)
      return { status: 403, text: '<title>Google Drive - Access Denied</title>' };
  }
  if (executeAs === 'USER_ACCESSING') return { deployment, activeUser: visitor, effectiveUser: visitor };
  return {
    deployment,
    activeUser: sameDomain(visitor, deployment.deployer) ? visitor : '',
    effectiveUser: deployment.deployer,
  };
}

export function isRefusal(x: WebAppEntry | WebAppRefusal): x is WebAppRefusal {
  return 'status' in x;
}

export function createUrlFetchApp(ws: Workspace, runtime: ScriptRuntime, script: ScriptState) {
  return {
    fetch(url: string, params: FetchParams = {}): FakeHttpResponse {
      ws.call('UrlFetchApp', 'UrlFetchApp.fetch');
      ws.requireAuthorization('UrlFetchApp.fetch', 'https://www.googleapis.com/auth/script.external_request');
      const address = url.split('?')[0];
      const m = /^https:\/\/script\.google\.com\/(?:a\/macros\/[^/]+|macros)\/s\/([^/]+)\/(exec|dev)$/.exec(
        address,
      );
      if (!m) throw ws.error(`Address unavailable: ${url}`);
      const method = String(params.method ?? 'get').toLowerCase();
      const headers = (params.headers ?? {}) as Record<string, string>;
      const token = readToken(headers.Authorization ?? headers.authorization);
      const fail = (code: number, text: string) => {
        if (params.muteHttpExceptions) return new FakeHttpResponse(ws, code, text, 'text/html');
        throw ws.error(
          `Request failed for ${url} returned code ${code}. Truncated server response: ${text.slice(0, 100)}`,
        );
      };
      let entry: WebAppEntry;
      if (m[2] === 'dev') {
        // "This URL can only be accessed by users who have edit access to the script."
        if (m[1] !== script.headDeploymentId)
          return fail(404, 'Sorry, unable to open the file at this time.');
        if (!token || runtime.projectAccess(token.user) < 3)
          return fail(403, '<title>Google Drive - Access Denied</title>');
        const head = { id: m[1], description: 'Head', webApp: null, addOn: false, deployer: token.user };
        entry = { deployment: head, activeUser: token.user, effectiveUser: token.user };
      } else {
        const entered = enterWebApp(runtime, m[1], token?.user ?? '', token);
        if (isRefusal(entered)) return fail(entered.status, entered.text);
        entry = entered;
      }
      const handler = method === 'post' ? 'doPost' : 'doGet';
      if (!runtime.hasFunction(handler)) return fail(404, `Script function not found: ${handler}`);
      const payload = typeof params.payload === 'string' ? params.payload : '';
      const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
      const parameter: Record<string, string> = {};
      const parameters: Record<string, string[]> = {};
      for (const pair of query.split('&').filter(Boolean)) {
        const [k, v = ''] = pair.split('=').map((x) => decodeURIComponent(x.replace(/\+/g, ' ')));
        parameter[k] ??= v;
        (parameters[k] ??= []).push(v);
      }
      const event = {
        parameter,
        parameters,
        queryString: query,
        contextPath: '',
        contentLength: payload.length,
        postData:
          method === 'post'
            ? {
                contents: payload,
                length: payload.length,
                type: String(params.contentType ?? 'text/plain'),
                name: 'postData',
              }
            : undefined,
      };
      let output: { getContent?: () => string; getMimeType?: () => string } | undefined;
      try {
        output = runtime.execute(
          {
            functionName: handler,
            kind: 'webapp',
            user: entry.activeUser,
            effectiveUser: entry.effectiveUser,
            deploymentId: entry.deployment.id,
            hasUi: false,
          },
          () => {
            const fn = runtime.resolveFunction(handler);
            if (!fn) throw ws.error(`Script function not found: ${handler}`);
            return fn(event);
          },
        ) as typeof output;
      } catch (e) {
        // A web app whose script throws answers with Google's error page.
        return fail(500, `<title>Error</title>${String((e as Error).message ?? e)}`);
      }
      const text = output && typeof output.getContent === 'function' ? output.getContent() : '';
      return new FakeHttpResponse(ws, 200, text, output?.getMimeType?.() ?? 'text/html');
    },
  };
}
