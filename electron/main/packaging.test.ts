import { FuseV1Options, flipFuses, getCurrentFuseWire, type FuseConfig } from '@electron/fuses'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { APP_USER_MODEL_ID } from './app-identity'

const ROOT = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

interface BuilderPlatform {
  createTarget(type: string[] | null, ...archs: number[]): Map<unknown, unknown>
}
interface BuilderLib {
  Packager: new (options: object) => { validateConfig(): Promise<void>; config: Record<string, unknown> }
  AppInfo: new (packager: unknown, buildVersion: null) => { computePackageUrl(): Promise<string | null> }
  Platform: { LINUX: BuilderPlatform; MAC: BuilderPlatform; WINDOWS: BuilderPlatform }
  Arch: { x64: number; arm64: number }
}

// The CLI's own path (electron-builder -l / -m / -w): Packager.validateConfig loads electron-builder.yml with
// package.json, checks the metadata and validates the result against app-builder-lib's scheme.json.
describe('electron-builder validates the configuration for every target', () => {
  const lib = require('app-builder-lib') as BuilderLib
  const cases = [
    ['linux', lib.Platform.LINUX, ['AppImage', 'deb'], lib.Arch.x64],
    ['mac', lib.Platform.MAC, ['dmg'], lib.Arch.arm64],
    ['win', lib.Platform.WINDOWS, ['nsis'], lib.Arch.x64],
  ] as const
  it.each(cases)('%s', async (_name, platform, targets, arch) => {
    const packager = new lib.Packager({ projectDir: ROOT, targets: platform.createTarget([...targets], arch) })
    await expect(packager.validateConfig()).resolves.toBeUndefined()
    // What the deb target refuses without (fault 2): a project URL, from package.json's homepage or repository.
    expect(await new lib.AppInfo(packager, null).computePackageUrl()).toMatch(/^https:\/\//)
  })

  it('a configuration with an unknown key is refused (the schema is really applied)', async () => {
    const packager = new lib.Packager({
      projectDir: ROOT,
      targets: lib.Platform.LINUX.createTarget(['deb'], lib.Arch.x64),
      config: { extends: null, linux: { notAnOption: true } },
    })
    await expect(packager.validateConfig()).rejects.toThrow(/does not match the API schema[\s\S]*configuration\.linux/)
  })
})

describe('electron-builder.yml', async () => {
  const config = parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
  it('names the app and targets Linux AppImage + deb, macOS dmg and Windows nsis', () => {
    expect(config.productName).toBe('Newsdesk')
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb'])
    expect((config.mac as { target: string[] }).target).toEqual(['dmg'])
    expect((config.win as { target: string[] }).target).toEqual(['nsis'])
  })
  it("keeps electron-builder's default deb dependencies (GTK, NSS, xdg-utils, libsecret)", () => {
    expect((config.deb as { depends?: unknown } | undefined)?.depends).toBeUndefined()
  })
  it('names the .desktop entry the way package.json desktopName does, and the app id Windows groups by', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { desktopName: string }
    const linux = config.linux as { executableName: string; syncDesktopName: boolean }
    expect(pkg.desktopName).toBe(`${linux.executableName}.desktop`)
    expect(linux.syncDesktopName).toBe(true)
    expect(config.appId).toBe(APP_USER_MODEL_ID)
  })
  it('sets the security fuses', () => {
    expect(config.electronFuses).toEqual({
      resetAdHocDarwinSignature: true,
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })
  it('points at icons that exist, with the SVG source beside them', async () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = await readFile(join(ROOT, 'assets/icons', `${size}x${size}.png`))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(png.readUInt32BE(16)).toBe(size)
    }
    expect(await readFile(join(ROOT, 'assets/icons/newsdesk.svg'), 'utf8')).toContain('<svg')
  })
})

// The packaged binary cannot be built here (no Electron download), so the fuses are flipped by electron-builder's
// own code path (its generateFuseConfig from electron-builder.yml, then @electron/fuses, as its afterPack does)
// on a stand-in laid out as Electron's binary: bytes, the fuse sentinel, wire version 1, wire length, the wire.
describe('fuses flipped from electron-builder.yml', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
  // Electron's shipped defaults, in wire order, plus one fuse newer than @electron/fuses knows (left as is).
  const shipped = '10110001' + '1'

  it('turns RunAsNode, NODE_OPTIONS, inspect and file:// privileges off, and cookie encryption and ASAR checks on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-fuses-'))
    try {
      const binary = join(dir, 'newsdesk')
      const filler = Buffer.alloc(4096, 0x90)
      const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, shipped.length]), Buffer.from(shipped)])
      await writeFile(binary, Buffer.concat([filler, wire, filler]))
      const config = parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses: object }
      const { PlatformPackager } = require('app-builder-lib') as {
        PlatformPackager: { prototype: { generateFuseConfig(fuses: object): Promise<FuseConfig> } }
      }
      const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call(undefined, config.electronFuses)
      // Unsigned Apple Silicon builds launch only if the ad-hoc signature is redone after the flip (fault 4).
      expect(fuseConfig.resetAdHocDarwinSignature).toBe(true)
      await flipFuses(binary, fuseConfig)
      const after = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>
      // The wire stores each fuse as the character '0' (off) or '1' (on).
      const [off, on] = [0x30, 0x31]
      expect({
        runAsNode: after[FuseV1Options.RunAsNode],
        cookieEncryption: after[FuseV1Options.EnableCookieEncryption],
        nodeOptions: after[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
        inspectArguments: after[FuseV1Options.EnableNodeCliInspectArguments],
        asarIntegrity: after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
        onlyLoadAppFromAsar: after[FuseV1Options.OnlyLoadAppFromAsar],
        browserV8Snapshot: after[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
        fileProtocolPrivileges: after[FuseV1Options.GrantFileProtocolExtraPrivileges],
        newerFuse: after[8],
      }).toEqual({
        runAsNode: off,
        cookieEncryption: on,
        nodeOptions: off,
        inspectArguments: off,
        asarIntegrity: on,
        onlyLoadAppFromAsar: on,
        browserV8Snapshot: off, // not configured: Electron's default stays
        fileProtocolPrivileges: off,
        newerFuse: on, // unknown to @electron/fuses: untouched
      })
      // Only the wire changed: every other byte of the binary is as it was.
      const bytes = await readFile(binary)
      expect(bytes.subarray(0, 4096)).toEqual(filler)
      expect(bytes.subarray(bytes.length - 4096)).toEqual(filler)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
