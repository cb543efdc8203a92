/// <reference types="office-js" />
/**
 * Ribbon commands without UI (commands.html, the manifest's FunctionFile). "刷新汇总" recounts every register
 * into the 汇总 sheet with charts, the same as the task pane's button.
 */
import { Session } from '../taskpane/session';
import { excelPort, officeReady } from '../taskpane/officeHost';

/** Runs the refresh and always completes the event, so Excel never shows the command as stuck. */
export async function refreshSummary(event?: Office.AddinCommands.Event): Promise<void> {
  try {
    const session = new Session(excelPort());
    const opened = await session.open();
    if (opened.kind === 'ready') await session.refreshSummary();
  } catch (error) {
    console.error(error);
  } finally {
    event?.completed();
  }
}

// Older Office builds look the manifest's FunctionName up as a global; newer ones use Office.actions.associate.
(globalThis as { refreshSummary?: typeof refreshSummary }).refreshSummary = refreshSummary;
void officeReady().then((host) => {
  if (host) Office.actions.associate('refreshSummary', refreshSummary);
});
