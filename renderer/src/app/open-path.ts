/**
 * Casefiles the operating system hands to the running desktop app (a
 * double-click on a .corroborate file, `corroborate file.corroborate` while
 * the app runs, File ▸ Open Recent): open them in this window, through the
 * same path as Open… so a locked or damaged file gets the same dialogs.
 */
import { bridge } from '../lib/api';
import { openCasefileAt } from '../dialogs/file-actions';

bridge.on('openPath', ({ path }) => void openCasefileAt(path));
