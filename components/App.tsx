import { useState } from 'react';
import { PANEL_VIEWS, type PanelViewProps } from './views';

export interface AppProps extends PanelViewProps {
  /** Which tab to show first (`#view=…` in the URL). */
  initialView?: string | null;
}

export function App({ initialView, focusCaseKey, ...props }: AppProps) {
  const [viewId, setViewId] = useState(() => PANEL_VIEWS.find((v) => v.id === initialView)?.id ?? PANEL_VIEWS[0]!.id);
  const [focus, setFocus] = useState(focusCaseKey ?? null);
  const openCase = (caseKey: string) => {
    setFocus(caseKey);
    setViewId('cases');
  };
  const view = PANEL_VIEWS.find((v) => v.id === viewId) ?? PANEL_VIEWS[0]!;
  return (
    <div className="rg-app">
      <header className="rg-header">
        <div>
          <h1>差评卫士</h1>
          <p className="rg-sub">证据与案件只保存在本机，不上传任何服务器</p>
        </div>
      </header>
      {PANEL_VIEWS.length > 1 && (
        <nav className="rg-tabs" role="tablist">
          {PANEL_VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={v.id === view.id}
              data-testid={`tab-${v.id}`}
              className={v.id === view.id ? 'rg-tab rg-tab-active' : 'rg-tab'}
              onClick={() => setViewId(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
      )}
      {view.render({ ...props, focusCaseKey: focus, openCase })}
    </div>
  );
}
