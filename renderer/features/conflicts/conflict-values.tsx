import { useTranslation } from 'react-i18next'
import type { Article, TiptapDoc, TiptapNode } from '../../../shared/article/schema'
import { plainText } from '../../../shared/editor'
import { blockId } from '../../../shared/sync/merge-body'
import type { ConflictPart } from '../../../shared/sync/resolve-conflicts'

const blockKinds = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'horizontalRule',
  'image',
  'mediaEmbed',
])

/** One body block, readably: its kind ("Heading 2", "Quote") over its plain text (as search and diffs read it). */
function Block({ node }: { node: TiptapNode }) {
  const { t } = useTranslation()
  const kind = blockKinds.has(node.type) ? node.type : 'other'
  const level = node.type === 'heading' && typeof node.attrs?.level === 'number' ? ` ${node.attrs.level}` : ''
  const text = plainText(node)
  return (
    <div className={`conflict-block conflict-block-${kind}`}>
      <span className="conflict-block-kind">
        {t(`conflicts.block.${kind}`)}
        {level}
      </span>
      <p className="conflict-block-text">{text || t('conflicts.none')}</p>
    </div>
  )
}

function Blocks({ blocks }: { blocks: readonly TiptapNode[] }) {
  const { t } = useTranslation()
  if (blocks.length === 0) return <p className="muted">{t('conflicts.none')}</p>
  return (
    <div className="conflict-blocks">
      {blocks.map((node, i) => (
        <Block key={blockId(node) ?? i} node={node} />
      ))}
    </div>
  )
}

/** Tags as chips, as the editor shows them. */
function TagChips({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation()
  if (tags.length === 0) return <p className="muted">{t('conflicts.none')}</p>
  return (
    <ul className="tag-chips conflict-tags">
      {tags.map((tag) => (
        <li key={tag} className="tag-chip conflict-tag">
          {tag}
        </li>
      ))}
    </ul>
  )
}

/** A block order as a numbered list of the blocks' first words (read from the article's body). */
function Order({ ids, body }: { ids: readonly string[]; body: TiptapDoc }) {
  const byId = new Map((body.content ?? []).map((n) => [blockId(n), n]))
  return (
    <ol className="conflict-order">
      {ids.map((id) => {
        const node = byId.get(id)
        const text = node ? plainText(node) : id
        return <li key={id}>{text.length > 80 ? `${text.slice(0, 79)}…` : text}</li>
      })}
    </ol>
  )
}

function Missing({ label }: { label: string }) {
  return <p className="conflict-missing">{label}</p>
}

/** A plain field value as text: statuses and kinds by their names, times in the reader's clock, the rest as is. */
function PlainValue({ name, value }: { name: string; value: unknown }) {
  const { t, i18n } = useTranslation()
  if (value === null || value === undefined || value === '') return <p className="muted">{t('conflicts.none')}</p>
  let text: string
  if (name === 'status' || name === 'kind') text = t(`${name}.${String(value)}`)
  else if ((name === 'publishAt' || name === 'embargoUntil' || name === 'dueAt') && typeof value === 'string')
    text = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value))
  else if (typeof value === 'object') {
    const image = value as { alt?: unknown; caption?: unknown; asset?: unknown }
    text = name === 'featuredImage' ? String(image.caption || image.alt || image.asset) : JSON.stringify(value)
  } else text = String(value)
  return <p className="conflict-text">{text}</p>
}

/** One version of a conflicting field, drawn the way the field is read: text, tag chips or body blocks. */
export function ConflictValue({
  part,
  value,
  missing,
  article,
}: {
  part: ConflictPart
  value: unknown
  /** What a missing value of this column reads as ("Deleted by Ana Ruiz", "(not there)"). */
  missing: string
  /** The conflicted article (a block order names blocks by id; their text is read from it). */
  article: Article
}) {
  const { t } = useTranslation()
  switch (part.kind) {
    case 'text':
      return typeof value === 'string' && value !== '' ? (
        <p className="conflict-text">{value}</p>
      ) : (
        <p className="muted">{t('conflicts.none')}</p>
      )
    case 'tags':
      return <TagChips tags={Array.isArray(value) ? (value as string[]) : []} />
    case 'value':
      return <PlainValue name={part.name} value={value} />
    case 'body':
      return value ? <Blocks blocks={(value as TiptapDoc).content ?? []} /> : <Missing label={missing} />
    case 'body-blocks':
      return <Blocks blocks={Array.isArray(value) ? (value as TiptapNode[]) : []} />
    case 'body-block':
      return value ? <Blocks blocks={[value as TiptapNode]} /> : <Missing label={missing} />
    case 'body-order':
      return <Order ids={Array.isArray(value) ? (value as string[]) : []} body={article.body} />
    case 'deleted':
    case 'article':
      return value && typeof value === 'object' ? (
        <p className="conflict-text">
          {t('conflicts.keptArticle', { headline: (value as Article).headline || t('library.untitled') })}
        </p>
      ) : (
        <Missing label={missing} />
      )
    case 'body-attr':
    case 'extra':
      return <PlainValue name={part.key} value={value} />
    default: {
      const never: never = part
      throw new Error(`unknown conflict part ${String(never)}`)
    }
  }
}
