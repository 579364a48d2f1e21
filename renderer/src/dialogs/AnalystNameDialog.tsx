import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/api/contract';
import { api } from '../lib/api';

/** Asked once, on first run: every annotation records who made it. */
export function AnalystNameDialog({ onSaved }: { onSaved: (settings: Settings) => void }) {
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onSaved(await api.setAnalystName({ analystName: name.trim() }));
  };
  return (
    <div className="welcome">
      <form className="card first-run" onSubmit={submit}>
        <h1>Welcome to Corroborate</h1>
        <p>Every claim, chain and review you make records who made it. What name should your annotations carry?</p>
        <label className="field">
          <span>Your name</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Dana Whitfield" maxLength={200} />
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>Continue</button>
      </form>
    </div>
  );
}
