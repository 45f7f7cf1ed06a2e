import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Article, FieldConflict } from '../../../../shared/article/schema'
import { GIT_TIMEOUT_MS, gitServerSuite, makeSyncArticle } from '../test-support'
import { runGit } from '.'

const suite = gitServerSuite('sync-smoke')

/**
 * After a terminal command finished: the article holds exactly one conflict record, on the headline, matching
 * `record` (the values and who wrote each side), and the work tree is clean. Returns the article.
 */
async function expectOneHeadlineConflict(
  workspace: { root: string; read: (id: string) => Promise<Article> },
  id: string,
  record: Partial<FieldConflict>,
): Promise<Article> {
  const merged = await workspace.read(id)
  expect(merged.conflicts).toHaveLength(1)
  expect(merged.conflicts?.[0]).toMatchObject({ field: 'headline', ...record })
  expect((await runGit(workspace.root, ['status', '--porcelain'])).stdout).toBe('')
  return merged
}

describe('git runs the registered merge driver', () => {
  it(
    'two editors edit different fields of one article and converge through `newsdesk merge-driver`',
    async () => {
      const { first: ana, article, join } = await suite.shareArticle('smoke', 'Ana')
      const ben = await join('Ben')
      expect(await ben.ids()).toEqual([article.id])
      await ana.edit(article.id, () => ({ headline: 'Ana headline' }))
      await ben.edit(article.id, () => ({ status: 'review' }))
      expect((await ana.sync()).state).toBe('synced')
      // git starts the driver itself (as for a merge typed in a terminal), not sync's in-process merge.
      const merged = await ben.sync({ externalDriver: true })
      expect(merged).toMatchObject({ state: 'synced', received: 1, newlyConflicted: [] })
      expect((await runGit(ben.root, ['log', '-1', '--format=%p'])).stdout.trim().split(' ')).toHaveLength(2)
      expect((await ana.sync()).state).toBe('synced')
      const a = await ana.read(article.id)
      const b = await ben.read(article.id)
      expect(a).toEqual(b)
      expect(a.headline).toBe('Ana headline')
      expect(a.status).toBe('review')
    },
    GIT_TIMEOUT_MS,
  )
})

describe('conflict records name who wrote each side', () => {
  const ana = 'Ana <ana@example.org>'
  const ben = 'Ben <ben@example.org>'

  for (const externalDriver of [true, false]) {
    it(
      `the merging editor's side is ours, the incoming author's is theirs (${externalDriver ? 'git runs the driver' : 'in-process merge'}); the other editor receives the same record`,
      async () => {
        const shared = await suite.shareArticle(`sides-${externalDriver ? 'driver' : 'inproc'}`, 'Ana')
        const { first: a, article } = shared
        const b = await shared.join('Ben')
        await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
        await b.edit(article.id, () => ({ headline: 'Ben says no' }))
        expect((await a.sync()).state).toBe('synced')
        const merged = await b.sync({ externalDriver })
        expect(merged).toMatchObject({ state: 'synced', newlyConflicted: [`articles/${article.id}.json`] })
        const record = (await b.read(article.id)).conflicts?.[0]
        expect(record).toMatchObject({
          field: 'headline',
          ours: 'Ben says no',
          theirs: 'Ana says yes',
          oursBy: ben,
          theirsBy: ana,
        })
        // Ana receives Ben's record unchanged: her side is named as hers, not as "mine" of Ben's computer.
        expect((await a.sync()).state).toBe('synced')
        expect((await a.read(article.id)).conflicts).toEqual([record])
      },
      GIT_TIMEOUT_MS,
    )
  }

  it(
    'a deletion against an edit names the side that deleted and the side that edited',
    async () => {
      const shared = await suite.shareArticle('sides-deleted', 'Ana')
      const { first: a, article } = shared
      const b = await shared.join('Ben')
      await a.remove(article.id)
      await b.edit(article.id, () => ({ headline: 'Ben kept working' }))
      expect((await a.sync()).state).toBe('synced')
      expect((await b.sync()).state).toBe('synced')
      expect((await b.read(article.id)).conflicts?.[0]).toMatchObject({
        field: 'deleted',
        theirs: null,
        oursBy: ben,
        theirsBy: ana,
      })
    },
    GIT_TIMEOUT_MS,
  )

  // Typed in a terminal: `git pull --rebase` replays this editor's commit on the upstream, so git hands the
  // driver the upstream as %A ("ours" to git) and this editor's commit as %B. Newsdesk names the sides as in a
  // merge: this editor's edit is ours.
  const terminal: Record<string, string[][]> = {
    'git pull --rebase': [['pull', '--rebase', '--quiet', 'origin', 'main']],
    'git pull --no-rebase': [['pull', '--no-rebase', '--quiet', 'origin', 'main']],
    'git pull --rebase=merges': [['pull', '--rebase=merges', '--quiet', 'origin', 'main']],
    // The apply backend (rebase-apply/, git am's 3-way fallback) swaps the sides the same way.
    'git fetch && git rebase --apply': [
      ['fetch', '--quiet', 'origin'],
      ['rebase', '--apply', '--quiet', 'origin/main'],
    ],
  }
  for (const [typed, commands] of Object.entries(terminal)) {
    it(
      `\`${typed}\` in a terminal: the local editor's edit is ours, the remote's theirs`,
      async () => {
        const shared = await suite.shareArticle(`sides-${typed.replace(/[^a-z]+/g, '-')}`, 'Ana')
        const { first: a, article } = shared
        const b = await shared.join('Ben')
        await runGit(b.root, ['config', 'user.name', 'Ben'])
        await runGit(b.root, ['config', 'user.email', 'ben@example.org'])
        await a.edit(article.id, () => ({ headline: 'Ana says yes', tags: ['politics', 'city', 'ana'] }))
        expect((await a.sync()).state).toBe('synced')
        await b.edit(article.id, () => ({ headline: 'Ben says no', standfirst: 'Ben wrote this.' }))
        await runGit(b.root, ['commit', '--quiet', '--all', '-m', 'Ben edits'])
        for (const command of commands) await runGit(b.root, command)
        // A rebase leaves one line of history (Ben's commit on Ana's); a merge, a merge commit.
        const parents = (await runGit(b.root, ['log', '-1', '--format=%p'])).stdout.trim().split(' ')
        expect(parents).toHaveLength(typed.includes('--no-rebase') ? 2 : 1)
        const merged = await expectOneHeadlineConflict(b, article.id, {
          ours: 'Ben says no',
          theirs: 'Ana says yes',
          oursBy: ben,
          theirsBy: ana,
        })
        expect(merged.standfirst).toBe('Ben wrote this.')
        expect(merged.tags).toEqual(['politics', 'city', 'ana'])
        // While the record waits, the file holds this editor's value (as after a merge).
        expect(merged.headline).toBe('Ben says no')
      },
      GIT_TIMEOUT_MS,
    )
  }
})

describe('in a terminal, each side is named by the last commit that changed the file on that side', () => {
  const ana = 'Ana <ana@example.org>'
  const ben = 'Ben <ben@example.org>'
  // Ben's app commits three times before he pulls in a terminal: the first and the third commit change the article
  // Ana changed, the second another article; a fourth, Cleo's, changes only the other article. When git replays the last one, HEAD already holds his first commit
  // replayed on Ana's, so "the upstream's commits" are not simply HEAD's history: theirs is still Ana's.
  const terminal: Record<string, { rebase: boolean; commands: string[][] }> = {
    'git pull --rebase': { rebase: true, commands: [['pull', '--rebase', '--quiet', 'origin', 'main']] },
    'git pull --rebase=merges': { rebase: true, commands: [['pull', '--rebase=merges', '--quiet', 'origin', 'main']] },
    'git -c rebase.backend=apply pull --rebase': {
      rebase: true,
      commands: [['-c', 'rebase.backend=apply', 'pull', '--rebase', '--quiet', 'origin', 'main']],
    },
    'git fetch && git rebase --apply': {
      rebase: true,
      commands: [
        ['fetch', '--quiet', 'origin'],
        ['rebase', '--apply', '--quiet', 'origin/main'],
      ],
    },
    'git pull --no-rebase': { rebase: false, commands: [['pull', '--no-rebase', '--quiet', 'origin', 'main']] },
  }
  for (const [typed, { rebase, commands }] of Object.entries(terminal)) {
    it(
      `\`${typed}\` after three local commits: ours is the local commit's author, theirs the upstream's`,
      async () => {
        const shared = await suite.shareArticle(`earlier-${typed.replace(/[^a-z]+/g, '-')}`, 'Ana')
        const { first: a, article } = shared
        const b = await shared.join('Ben')
        // The terminal's own identity is not the author of the local commits: the app authored them as the
        // editor in Settings. Ours is that author, in a rebase (the commit replayed) and in a merge (the last
        // local commit that changed the file), never the desk computer's identity.
        await runGit(b.root, ['config', 'user.name', 'Desk computer'])
        await runGit(b.root, ['config', 'user.email', 'desk@example.org'])
        const commit = (message: string) =>
          runGit(b.root, ['commit', '--quiet', '--all', `--author=${ben}`, '-m', message])
        await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
        expect((await a.sync()).state).toBe('synced')
        await b.edit(article.id, () => ({ standfirst: 'Ben wrote this.' }))
        await commit('Ben: standfirst')
        const other = makeSyncArticle({ headline: 'Another story' })
        await b.write(other)
        await runGit(b.root, ['add', '--', `articles/${other.id}.json`])
        await commit('Ben: another story')
        await b.edit(article.id, () => ({ headline: 'Ben says no' }))
        await commit('Ben: headline')
        // The newest local commit is someone else's and leaves this article alone: it names no side of it.
        await b.write({ ...other, headline: 'Another story, edited by Cleo' })
        await runGit(b.root, ['commit', '--quiet', '--all', '--author=Cleo <cleo@example.org>', '-m', 'Cleo: other'])
        for (const command of commands) await runGit(b.root, command)
        const count = (await runGit(b.root, ['rev-list', '--count', 'HEAD'])).stdout.trim()
        expect(Number(count)).toBe(rebase ? 6 : 7)
        const merged = await expectOneHeadlineConflict(b, article.id, {
          ours: 'Ben says no',
          theirs: 'Ana says yes',
          oursBy: ben,
          theirsBy: ana,
        })
        expect(merged.standfirst).toBe('Ben wrote this.')
        expect(merged.headline).toBe('Ben says no')
        expect((await b.read(other.id)).headline).toBe('Another story, edited by Cleo')
      },
      GIT_TIMEOUT_MS,
    )
  }
})

describe('a rebase that stopped on a file git cannot merge and was continued', () => {
  const ana = 'Ana <ana@example.org>'
  const ben = 'Ben <ben@example.org>'
  // Ben's first commit changes a text file (no driver) the upstream changed too: git stops, he settles it and
  // continues; git then writes its state (`onto`, `orig-head`) and replays his two article commits. The text file
  // is not a shared file (Newsdesk's .gitignore leaves it out), so it is added with --force.
  for (const backend of ['merge', 'apply']) {
    it(
      `\`git rebase --${backend}\`, stopped and continued: the later commits' conflict names Ben as ours, Ana as theirs`,
      async () => {
        const shared = await suite.shareArticle(`stopped-${backend}`, 'Ana')
        const { first: a, article } = shared
        const b = await shared.join('Ben')
        const git = (root: string, args: string[]) =>
          runGit(root, args, { env: { GIT_EDITOR: 'true', GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@example.org' } })
        for (const [who, root] of [
          ['Ana', a.root],
          ['Ben', b.root],
        ] as const) {
          await runGit(root, ['config', 'user.name', who])
          await runGit(root, ['config', 'user.email', `${who.toLowerCase()}@example.org`])
        }
        await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
        expect((await a.sync()).state).toBe('synced')
        await writeFile(join(a.root, 'notes.txt'), 'Ana\n')
        await runGit(a.root, ['add', '--force', 'notes.txt'])
        await runGit(a.root, ['commit', '--quiet', '-m', 'Ana: notes'])
        await runGit(a.root, ['push', '--quiet', 'origin', 'HEAD:main'])
        const commit = (message: string) => runGit(b.root, ['commit', '--quiet', '--all', '-m', message])
        await writeFile(join(b.root, 'notes.txt'), 'Ben\n')
        await runGit(b.root, ['add', '--force', 'notes.txt'])
        await commit('Ben: notes')
        await b.edit(article.id, () => ({ standfirst: 'Ben wrote this.' }))
        await commit('Ben: standfirst')
        await b.edit(article.id, () => ({ headline: 'Ben says no' }))
        await commit('Ben: headline')
        await runGit(b.root, ['fetch', '--quiet', 'origin'])
        const stopped = await runGit(b.root, ['rebase', `--${backend}`, '--quiet', 'origin/main'], { okCodes: [1] })
        expect(stopped.code).toBe(1)
        await writeFile(join(b.root, 'notes.txt'), 'Ana\nBen\n')
        await runGit(b.root, ['add', 'notes.txt'])
        // The identity in the environment is not the author of the commits replayed: ours is still Ben.
        await git(b.root, ['rebase', '--continue'])
        expect((await runGit(b.root, ['log', '--format=%an', 'origin/main..HEAD'])).stdout.trim().split('\n')).toEqual([
          'Ben',
          'Ben',
          'Ben',
        ])
        const merged = await expectOneHeadlineConflict(b, article.id, {
          ours: 'Ben says no',
          theirs: 'Ana says yes',
          oursBy: ben,
          theirsBy: ana,
        })
        expect(merged.standfirst).toBe('Ben wrote this.')
      },
      GIT_TIMEOUT_MS,
    )
  }
})

describe('other git commands typed in a terminal name both sides of a conflict', () => {
  const ana = 'Ana <ana@example.org>'
  const ben = 'Ben <ben@example.org>'
  const cleo = 'Cleo <cleo@example.org>'

  /**
   * Ana's and Ben's workspaces on one remote; Ben's terminal runs as a desk computer's git identity (not the
   * author of anything), so a side named by that identity is a side the driver failed to name.
   */
  async function pair(repo: string) {
    const shared = await suite.shareArticle(repo, 'Ana')
    const b = await shared.join('Ben')
    await runGit(b.root, ['config', 'user.name', 'Desk computer'])
    await runGit(b.root, ['config', 'user.email', 'desk@example.org'])
    const commit = (root: string, author: string, message: string) =>
      runGit(root, ['commit', '--quiet', '--all', `--author=${author}`, '-m', message])
    /** Adds a text file that is not a shared file (Newsdesk's .gitignore leaves it out) and commits it. */
    const note = async (root: string, author: string, text: string, message: string) => {
      await writeFile(join(root, 'notes.txt'), text)
      await runGit(root, ['add', '--force', 'notes.txt'])
      await commit(root, author, message)
    }
    return { ...shared, a: shared.first, b, commit, note }
  }

  it(
    '`git pull --rebase=merges` recreating an unpushed local merge commit: the merge step is not swapped, ours is the local author, theirs the upstream author',
    async () => {
      const { a, b, article, commit } = await pair('merges-local-merge')
      await b.edit(article.id, () => ({ headline: 'Ben says no' }))
      await commit(b.root, ben, 'Ben: headline')
      await a.edit(article.id, () => ({ tags: ['politics', 'city', 'ana'] }))
      expect((await a.sync()).state).toBe('synced')
      // Ben merges Ana's first edit in his terminal (a merge commit by the desk computer) and does not push.
      await runGit(b.root, ['pull', '--no-rebase', '--quiet', 'origin', 'main'])
      expect((await runGit(b.root, ['log', '-1', '--format=%p'])).stdout.trim().split(' ')).toHaveLength(2)
      await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
      expect((await a.sync()).state).toBe('synced')
      // git replays Ben's merge as a `merge -C <commit> onto` step: %A is his side, %B the upstream's.
      await runGit(b.root, ['pull', '--rebase=merges', '--quiet', 'origin', 'main'])
      expect((await runGit(b.root, ['log', '-1', '--format=%p'])).stdout.trim().split(' ')).toHaveLength(2)
      const merged = await expectOneHeadlineConflict(b, article.id, {
        ours: 'Ben says no',
        theirs: 'Ana says yes',
        oursBy: ben,
        theirsBy: ana,
      })
      expect(merged.tags).toEqual(['politics', 'city', 'ana'])
      expect(merged.headline).toBe('Ben says no')
    },
    GIT_TIMEOUT_MS,
  )

  // The apply backend skips Ben's first commit: (1) its change is already upstream inside a larger commit, so
  // am applies it, finds nothing to commit and moves on without listing it in rebase-apply/rewritten; (2) it
  // stops on a text file git cannot merge and Ben runs `git rebase --skip`. Then his standfirst commit is
  // replayed (the first line of rewritten) and his headline commit conflicts with Ana's, the upstream's newest:
  // an upstream taken one commit too far back (or HEAD, Ben's replayed commit) would not name Ana.
  for (const skipped of ['already upstream', 'skipped with `git rebase --skip`'] as const) {
    it(
      `\`git rebase --apply\` whose first commit is ${skipped}: the upstream is still found, ours Ben, theirs Ana`,
      async () => {
        const { a, b, article, commit, note } = await pair(`apply-first-${skipped.replace(/[^a-z]+/g, '-')}`)
        await writeFile(join(a.root, 'more.txt'), 'More\n')
        await runGit(a.root, ['add', '--force', 'more.txt'])
        await note(a.root, ana, 'Shared\n', 'Ana: notes and more')
        await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
        expect((await a.sync()).state).toBe('synced')
        await note(b.root, ben, skipped === 'already upstream' ? 'Shared\n' : 'Ben\n', 'Ben: notes')
        await b.edit(article.id, () => ({ standfirst: 'Ben wrote this.' }))
        await commit(b.root, ben, 'Ben: standfirst')
        await b.edit(article.id, () => ({ headline: 'Ben says no' }))
        await commit(b.root, ben, 'Ben: headline')
        await runGit(b.root, ['fetch', '--quiet', 'origin'])
        const rebase = await runGit(b.root, ['rebase', '--apply', 'origin/main'], { okCodes: [1] })
        if (skipped === 'already upstream') {
          // am applied it (the commits' patches differ) and found nothing to commit.
          expect(rebase.code).toBe(0)
          expect(`${rebase.stdout}${rebase.stderr}`).toContain('No changes -- Patch already applied.')
        } else {
          expect(rebase.code).toBe(1)
          await runGit(b.root, ['rebase', '--skip'])
        }
        // Ben's notes commit is gone; his two article commits sit on Ana's.
        expect((await runGit(b.root, ['log', '--format=%s', 'origin/main..HEAD'])).stdout.trim().split('\n')).toEqual([
          'Ben: headline',
          'Ben: standfirst',
        ])
        const merged = await expectOneHeadlineConflict(b, article.id, {
          ours: 'Ben says no',
          theirs: 'Ana says yes',
          oursBy: ben,
          theirsBy: ana,
        })
        expect(merged.standfirst).toBe('Ben wrote this.')
      },
      GIT_TIMEOUT_MS,
    )
  }

  // Upstream: Ana's headline, then Cleo's tags. Ben changed the headline in his own commit.
  const picks: Record<string, { args: string[]; tags: string[] }> = {
    // One commit: git leaves no sequencer folder; the driver finds the commit by the file's change.
    'git cherry-pick origin/main~1': { args: ['origin/main~1'], tags: ['politics', 'city'] },
    // Several: sequencer/todo names the commit being picked (Cleo's first, Ana's second).
    'git cherry-pick origin/main~1 origin/main (Ana, then Cleo)': {
      args: ['origin/main~1', 'origin/main'],
      tags: ['politics', 'city', 'cleo'],
    },
  }
  for (const [typed, { args, tags }] of Object.entries(picks)) {
    it(
      `\`${typed}\`: theirs is the picked commit's author, ours the local commit's`,
      async () => {
        const { a, b, article, commit } = await pair(`pick-${args.length}`)
        await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
        expect((await a.sync()).state).toBe('synced')
        await a.edit(article.id, () => ({ tags: ['politics', 'city', 'cleo'] }))
        await commit(a.root, cleo, 'Cleo: tags')
        await runGit(a.root, ['push', '--quiet', 'origin', 'HEAD:main'])
        await b.edit(article.id, () => ({ headline: 'Ben says no' }))
        await commit(b.root, ben, 'Ben: headline')
        await runGit(b.root, ['fetch', '--quiet', 'origin'])
        await runGit(b.root, ['cherry-pick', ...args])
        // cherry-pick keeps the picked commits' authors.
        const authors = (await runGit(b.root, ['log', '--format=%an', `-${args.length + 1}`])).stdout.trim()
        expect(authors.split('\n')).toEqual([...(args.length === 2 ? ['Cleo'] : []), 'Ana', 'Ben'])
        const merged = await expectOneHeadlineConflict(b, article.id, {
          ours: 'Ben says no',
          theirs: 'Ana says yes',
          oursBy: ben,
          theirsBy: ana,
        })
        expect(merged.tags).toEqual(tags)
        expect(merged.headline).toBe('Ben says no')
      },
      GIT_TIMEOUT_MS,
    )
  }

  it(
    '`git cherry-pick` of a commit whose revert is also in the history: read as the pick and as a revert of the revert, both name Ben ours and Ana theirs',
    async () => {
      const { a, b, article, commit } = await pair('pick-ambiguous')
      await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
      expect((await a.sync()).state).toBe('synced')
      await runGit(a.root, ['revert', '--no-edit', 'HEAD'])
      await runGit(a.root, ['push', '--quiet', 'origin', 'HEAD:main'])
      await b.edit(article.id, () => ({ headline: 'Ben says no' }))
      await commit(b.root, ben, 'Ben: headline')
      await runGit(b.root, ['fetch', '--quiet', 'origin'])
      // The same three versions as reverting the revert: nothing but the user's command tells them apart, so
      // the driver names a side only where both readings agree (here both do).
      await runGit(b.root, ['cherry-pick', 'origin/main~1'])
      const record = (await b.read(article.id)).conflicts?.[0]
      expect(record).toMatchObject({ field: 'headline', ours: 'Ben says no', theirs: 'Ana says yes' })
      expect(record).toMatchObject({ oursBy: ben, theirsBy: ana })
    },
    GIT_TIMEOUT_MS,
  )

  // Ben's commit R changes the headline, then his commit T another article, then Cleo's commit the headline
  // again. Reverting R brings back the headline before R (written by Ana's first commit): theirs is Ana, who
  // wrote the version restored, not Ben, who wrote the version undone; ours is Cleo, who changed it since.
  for (const several of [false, true]) {
    it(
      `\`git revert\` of ${several ? 'two commits (sequencer)' : 'one commit'}: theirs is the author of the version restored, ours the later local author`,
      async () => {
        const { a, b, article, commit } = await pair(`revert-${several ? 'two' : 'one'}`)
        const original = (await a.read(article.id)).headline
        await b.edit(article.id, () => ({ headline: 'Ben says no' }))
        await commit(b.root, ben, 'Ben: headline')
        const reverted = (await runGit(b.root, ['rev-parse', 'HEAD'])).stdout.trim()
        const other = makeSyncArticle({ headline: 'Another story' })
        await b.write(other)
        await runGit(b.root, ['add', '--', `articles/${other.id}.json`])
        await commit(b.root, ben, 'Ben: another story')
        const another = (await runGit(b.root, ['rev-parse', 'HEAD'])).stdout.trim()
        await b.edit(article.id, () => ({ headline: 'Cleo says maybe' }))
        await commit(b.root, cleo, 'Cleo: headline')
        await runGit(b.root, ['revert', '--no-edit', ...(several ? [another] : []), reverted])
        expect((await b.ids()).includes(other.id)).toBe(!several)
        const merged = await expectOneHeadlineConflict(b, article.id, {
          base: 'Ben says no',
          ours: 'Cleo says maybe',
          theirs: original,
          oursBy: cleo,
          theirsBy: ana,
        })
        expect(merged.headline).toBe('Cleo says maybe')
      },
      GIT_TIMEOUT_MS,
    )
  }

  it(
    "`git am -3` of a patch: theirs is the patch author (quoted in git's author script), ours the local commit author",
    async () => {
      const { a, b, article, commit } = await pair('am')
      // A name git has to quote for the shell (and encode in the mail header).
      const sean = "Seán O'Brien <sean@example.org>"
      await a.edit(article.id, () => ({ headline: 'Ana says yes' }))
      await commit(a.root, sean, 'Seán: headline')
      const patch = join(suite.dir, 'sean-headline.patch')
      await writeFile(patch, (await runGit(a.root, ['format-patch', '-1', '--stdout', 'HEAD'])).stdout)
      await b.edit(article.id, () => ({ headline: 'Ben says no' }))
      await commit(b.root, ben, 'Ben: headline')
      await runGit(b.root, ['am', '-3', '--quiet', patch])
      expect((await runGit(b.root, ['log', '--format=%an', '-2'])).stdout.trim().split('\n')).toEqual([
        "Seán O'Brien",
        'Ben',
      ])
      const merged = await expectOneHeadlineConflict(b, article.id, {
        ours: 'Ben says no',
        theirs: 'Ana says yes',
        oursBy: ben,
        theirsBy: sean,
      })
      expect(merged.headline).toBe('Ben says no')
    },
    GIT_TIMEOUT_MS,
  )
})
