// Where the owner's web app lives. `ScriptApp.getService().getUrl()` is reliable only inside a
// web request (elsewhere it can give the head deployment's /dev URL, which only the project's
// editors can open), so the web app's deployment id is recorded at deploy time: the build reads
// it from deployments.json (written by `npm run deploy`) and writes it here.
declare const __AGORA_WEB_APP_DEPLOYMENT_ID__: string;

/** The web app deployment's id, as recorded in deployments.json when the bundle was built. */
export const WEB_APP_DEPLOYMENT_ID: string =
  typeof __AGORA_WEB_APP_DEPLOYMENT_ID__ === 'string' ? __AGORA_WEB_APP_DEPLOYMENT_ID__ : '';

/** The web app's `/exec` URL, or null when the project was built before its first deployment. */
export function webAppUrl(): string | null {
  return WEB_APP_DEPLOYMENT_ID ? `https://script.google.com/macros/s/${WEB_APP_DEPLOYMENT_ID}/exec` : null;
}
