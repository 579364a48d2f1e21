import { useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../../shared/api/contract';
import { api, SESSION_ENDED_MESSAGE, sessionEndedStore } from '../lib/api';
import { ErrorBoundary } from './ErrorBoundary';
import { useStore } from '../lib/store';
import { casefileStore } from './casefile-store';
import { Notices } from './Notices';
import { Workbench } from './Workbench';
import { Welcome } from './Welcome';
import { showPrefs } from './workbench-prefs';
import { AnalystNameDialog } from '../dialogs/AnalystNameDialog';
import { FileDialogs } from '../dialogs/FileDialogs';

export function App() {
  const opened = useStore(casefileStore);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);

  const sessionEnded = useStore(sessionEndedStore);

  useEffect(() => {
    void api.appInfo({}).then(setInfo, () => undefined);
    void api.getSettings({}).then(setSettings, () => undefined);
  }, []);
  // The layout is the analyst's own: shown as soon as we know who is at the desk.
  useEffect(() => {
    if (settings) showPrefs(settings.workbench);
  }, [settings]);

  if (sessionEnded) return <SessionEnded />;
  if (!info || !settings) return <div className="loading" role="status">Loading…</div>;
  return (
    <div className="app-frame">
      <div className="app-main">
        {!settings.analystName ? (
          <AnalystNameDialog onSaved={setSettings} />
        ) : opened ? (
          <ErrorBoundary area="workbench"><Workbench info={info} /></ErrorBoundary>
        ) : (
          <Welcome info={info} settings={settings} />
        )}
      </div>
      <FileDialogs info={info} />
      <Notices />
    </div>
  );
}

/** Browser mode after the host refused this window's token: what happened and the way back, never a blank page. */
function SessionEnded() {
  return (
    <div className="session-ended">
      <div className="card first-run" role="alert">
        <h1>Session ended</h1>
        <p>{SESSION_ENDED_MESSAGE}</p>
        <p>Open the address printed by <code>npm run web</code> again. Your casefiles are saved as you work.</p>
      </div>
    </div>
  );
}
