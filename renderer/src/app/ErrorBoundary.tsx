import { Component, type ErrorInfo, type ReactNode } from 'react';
import { checkSession } from '../lib/api';

interface Props {
  /** What the area is called in the UI ("Matrix", "Claims"), for the message. */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps one view or panel from taking the whole window down: when it throws
 * while rendering (a bad record, a chunk that did not load), it shows what
 * failed and a way to try again, and the rest of the app keeps working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.area} area failed:`, error, info.componentStack);
    // A view that could not load may mean the browser-mode session ended; the app then says so.
    void checkSession();
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="area-failed" role="alert">
        <p><strong>The {this.props.area} area stopped working.</strong> The rest of the app is unaffected and nothing was lost.</p>
        <p className="muted area-failed-detail">{codeNotLoaded(error) ? 'Its code could not be loaded.' : `What failed: ${error.message.slice(0, 300) || error.name}`}</p>
        {codeNotLoaded(error) ? (
          // React keeps a failed lazy import; only a reload fetches the code again (the casefile is saved on the Node side).
          <button type="button" onClick={() => window.location.reload()}>Reload the window</button>
        ) : (
          <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
        )}
      </div>
    );
  }
}

function codeNotLoaded(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|Loading chunk/i.test(error.message);
}
