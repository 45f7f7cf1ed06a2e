import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { initI18n } from './i18n'
import { getBridge } from './lib/bridge'
import './styles/app.css'
import './styles/editor.css'

const root = createRoot(document.getElementById('root') as HTMLElement)
void initI18n().then((i18n) => {
  try {
    const bridge = getBridge()
    root.render(
      <StrictMode>
        <App bridge={bridge} />
      </StrictMode>,
    )
  } catch {
    root.render(<p className="loading">{i18n.t('app.bridgeMissing')}</p>)
  }
})
