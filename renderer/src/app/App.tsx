import { useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../../shared/api/contract';
import { api } from '../lib/api';
import { useStore } from '../lib/store';
import { casefileStore } from './casefile-store';
import { Notices } from './Notices';
import { Workbench } from './Workbench';
import { Welcome } from './Welcome';
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

  if (!info || !settings) return <div className="loading" role="status">Loading…</div>;
  return (
    <>
      {!settings.analystName ? (
        <AnalystNameDialog onSaved={setSettings} />
      ) : opened ? (
        <Workbench />
      ) : (
        <Welcome info={info} settings={settings} />
      )}
      <FileDialogs info={info} />
      <Notices />
    </>
  );
}
