// The one typed wrapper around google.script.run: the client calls server functions by the
// names and types of src/main.ts, so a rename breaks the build, not production.
import type * as Server from '../main';

type ServerApi = typeof Server;
type Callable = {
  [K in keyof ServerApi]: ServerApi[K] extends (...args: never[]) => unknown ? K : never;
}[keyof ServerApi];

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

export function callServer<K extends Callable>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(error));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
