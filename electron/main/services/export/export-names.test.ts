import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ArticleLibrary } from '../library'
import { ExportService } from './export-service'
import { listTree, makeArticle, tempDir, writeArticles } from '../test-support'

describe('export file names', () => {
  it('are unique by construction: a suffixed name never equals another slug (news, news, news-abcdef12)', async () => {
    const ws = await tempDir('newsdesk-ws-')
    await writeArticles(ws, [
      makeArticle({ id: '11111111-1111-4111-8111-111111111111', slug: 'news', headline: 'One' }),
      makeArticle({ id: 'abcdef12-1111-4111-8111-111111111111', slug: 'news', headline: 'Two' }),
      makeArticle({ id: '22222222-2222-4222-8222-222222222222', slug: 'news-abcdef12', headline: 'Three' }),
      // Same slug and the same 8-character id prefix: the whole id tells them apart.
      makeArticle({ id: '33333333-0000-4000-8000-000000000001', slug: 'twin', headline: 'Twin A' }),
      makeArticle({ id: '33333333-0000-4000-8000-000000000002', slug: 'twin', headline: 'Twin B' }),
    ])
    const service = new ExportService(await ArticleLibrary.open(ws, { readOnly: true }), null)
    const out = await tempDir()
    for (const [format, dir, ext] of [
      ['markdown', 'articles', 'md'],
      ['html', 'articles', 'html'],
      ['ninjs', 'ninjs', 'json'],
    ] as const) {
      for (const zip of [false, true]) {
        const destination = join(out, `${format}${zip ? '.zip' : ''}`)
        const outcome = await service.run({ format, destination, zip })
        expect(outcome, `${format} ${zip}`).toMatchObject({ ok: true, articleCount: 5 })
        const files = zip ? Object.keys(unzipSync(await readFile(destination))).sort() : await listTree(destination)
        const names = files.filter((f) => f.startsWith(`${dir}/`))
        expect(names).toEqual(
          [
            'news--11111111',
            'news--abcdef12',
            'news-abcdef12',
            'twin--33333333-0000-4000-8000-000000000001',
            'twin--33333333-0000-4000-8000-000000000002',
          ].map((n) => `${dir}/${n}.${ext}`),
        )
        const manifest = JSON.parse(
          zip
            ? Buffer.from(unzipSync(await readFile(destination))['manifest.json'] as Uint8Array).toString()
            : await readFile(join(destination, 'manifest.json'), 'utf8'),
        ) as { files: { path: string }[] }
        const paths = manifest.files.map((f) => f.path)
        expect(new Set(paths).size).toBe(paths.length)
        for (const p of paths) expect(files).toContain(p)
      }
    }
  })
})
