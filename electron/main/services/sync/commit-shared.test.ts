// The commit a sync makes names every article it carries; a first commit of a large workspace names thousands
// (found by the bench: the message as one argument failed with E2BIG past 128 KiB).
import { rm } from 'node:fs/promises'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { makeSyncArticle as makeArticle, tempDir, TestEditor } from '../test-support'
import { commitShared, runGit } from '.'

/** Enough articles, with long headlines, for the message to pass 128 KiB. */
const ARTICLES = 1500

let dir: string
beforeEach(async () => {
  dir = await tempDir('nd-commit-shared-')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('commits a few thousand articles at once, naming each in the message', async () => {
  // No merge runs here, so the driver is never started.
  const driver = { argv: [process.execPath, 'no-driver'] }
  const editor = await TestEditor.init('A', null, dir, driver)
  const headline = `A long headline about the council budget vote that ran late into the night, number`
  for (let i = 0; i < ARTICLES; i += 1) await editor.write(makeArticle({ headline: `${headline} ${i}` }))
  const committed = await commitShared(editor.root, { driver, author: { name: 'A', email: 'a@example.org' } })
  expect(committed).toBeGreaterThanOrEqual(ARTICLES)
  const message = (await runGit(editor.root, ['log', '-1', '--format=%B'])).stdout
  expect(message.length).toBeGreaterThan(128 * 1024)
  expect(message).toMatch(new RegExp(`^Newsdesk: ${ARTICLES} articles changed`))
  for (const i of [0, 749, ARTICLES - 1]) expect(message).toContain(`: ${headline} ${i}\n`)
  expect((await runGit(editor.root, ['status', '--porcelain'])).stdout).toBe('')
}, 120_000)
