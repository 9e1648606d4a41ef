import '@patternfly/patternfly/patternfly.css';
import '@patternfly/patternfly/patternfly-addons.css';
import './shell.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setupI18n } from './i18n';
import { createPluginStore } from './plugins/pluginStore';
import { applyTheme, loadTheme } from './theme';

applyTheme(loadTheme());

const start = async () => {
  await setupI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App store={createPluginStore()} />
    </StrictMode>,
  );
};

void start();
