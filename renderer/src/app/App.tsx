import { useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../../shared/api/contract';
import { api } from '../lib/api';
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

  useEffect(() => {
    void api.appInfo({}).then(setInfo);
    void api.getSettings({}).then(setSettings);
  }, []);
  // The layout is the analyst's own: shown as soon as we know who is at the desk.
  useEffect(() => {
    if (settings) showPrefs(settings.workbench);
  }, [settings]);

  if (!info || !settings) return <div className="loading" role="status">Loading…</div>;
  return (
    <div className="app-frame">
      <div className="app-main">
        {!settings.analystName ? (
          <AnalystNameDialog onSaved={setSettings} />
        ) : opened ? (
          <Workbench info={info} />
        ) : (
          <Welcome info={info} settings={settings} />
        )}
      </div>
      <FileDialogs info={info} />
      <Notices />
    </div>
  );
}
