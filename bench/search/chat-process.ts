import { type ServiceProcess, startBuiltService } from '../service-process';

export type ChatProcess = ServiceProcess;

/** The built chat service as a process of its own (see startBuiltService). */
export function startChat(env: Record<string, string>, logFile: string): Promise<ChatProcess> {
  return startBuiltService('chat', env, logFile);
}
