import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/contract'

/** Builds and installs the native menu; app commands reach the renderer through `send`. */
export function installAppMenu(send: (command: MenuCommand) => void): void {
  const isMac = process.platform === 'darwin'
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator } : {}),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        item('New Article', 'new-article', 'CmdOrCtrl+N'),
        item('Open Workspace…', 'open-workspace', 'CmdOrCtrl+O'),
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Import…', 'import', 'CmdOrCtrl+Shift+O'),
        item('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        // No accelerator: the Delete key belongs to text fields; the library list handles it itself.
        item('Move Article to Trash', 'delete-article'),
        item('Show Trash', 'show-trash'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        item('Preview', 'preview', 'CmdOrCtrl+Shift+P'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(process.env.ELECTRON_RENDERER_URL ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        item('Keyboard Shortcuts', 'keyboard-shortcuts', 'CmdOrCtrl+/'),
        { label: 'About Newsdesk', role: 'about' },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
