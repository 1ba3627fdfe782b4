// UrlFetchApp and ContentService, as far as Agorà uses them: a script calling its own web app.
// The machine has no network, and neither does this fake: a request to the script's own
// `/exec` URL runs the script's doGet/doPost as a new web-app execution (executing as the
// owner who deployed it, with the caller — the owner of the bearer token — as active user);
// any other address fails as an unreachable host does.
import type { Workspace } from './core';
import type { ScriptRuntime, ScriptState } from './script';

type FetchParams = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

const MIME = {
  JSON: 'application/json',
  TEXT: 'text/plain',
  CSV: 'text/csv',
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

/** The caller of a fake bearer token (see ScriptApp.getOAuthToken in script.ts). */
function userOfToken(authorization: string | undefined): string | null {
  const m = /^Bearer ya29\.fake-token\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  return m ? Buffer.from(m[1], 'base64url').toString('utf8') : null;
}

export function createUrlFetchApp(ws: Workspace, runtime: ScriptRuntime, script: ScriptState) {
  return {
    fetch(url: string, params: FetchParams = {}): FakeHttpResponse {
      ws.call('UrlFetchApp', 'UrlFetchApp.fetch');
      const own = `https://script.google.com/macros/s/${script.deploymentId}/exec`;
      if (url.split('?')[0] !== own) throw ws.error(`Address unavailable: ${url}`);
      const method = String(params.method ?? 'get').toLowerCase();
      const headers = (params.headers ?? {}) as Record<string, string>;
      const caller = userOfToken(headers.Authorization ?? headers.authorization);
      const fail = (code: number, text: string) => {
        if (params.muteHttpExceptions) return new FakeHttpResponse(ws, code, text, 'text/html');
        throw ws.error(
          `Request failed for ${url} returned code ${code}. Truncated server response: ${text.slice(0, 100)}`,
        );
      };
      // A web app open to the domain asks for sign-in: without a valid token Google answers
      // with its login page (here: 401).
      if (!caller) return fail(401, 'Sign in required');
      const handler = method === 'post' ? 'doPost' : 'doGet';
      if (!runtime.hasFunction(handler)) return fail(404, `Script function not found: ${handler}`);
      const payload = typeof params.payload === 'string' ? params.payload : '';
      const event = {
        parameter: {},
        parameters: {},
        queryString: url.includes('?') ? url.split('?')[1] : '',
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
      const output = runtime.execute(
        { functionName: handler, kind: 'webapp', user: caller, effectiveUser: ws.owner, hasUi: false },
        () => {
          const fn = runtime.resolveFunction(handler);
          if (!fn) throw ws.error(`Script function not found: ${handler}`);
          return fn(event);
        },
      ) as { getContent?: () => string; getMimeType?: () => string } | undefined;
      const text = output && typeof output.getContent === 'function' ? output.getContent() : '';
      return new FakeHttpResponse(ws, 200, text, output?.getMimeType?.() ?? 'text/html');
    },
  };
}
